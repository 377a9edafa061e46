import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { availability } from './availability.js';

describe('webchat availability', () => {
  it('is unavailable when closed or nobody is on, busy when the queue outgrows the advisors, available otherwise', () => {
    expect(availability({ open: false, advisorsAvailable: 5, freeSlots: 10, queued: 0 })).toBe('UNAVAILABLE');
    expect(availability({ open: true, advisorsAvailable: 0, freeSlots: 0, queued: 0 })).toBe('UNAVAILABLE');
    expect(availability({ open: true, advisorsAvailable: 2, freeSlots: 3, queued: 0 })).toBe('AVAILABLE');
    expect(availability({ open: true, advisorsAvailable: 2, freeSlots: 3, queued: 4 })).toBe('AVAILABLE');
    expect(availability({ open: true, advisorsAvailable: 2, freeSlots: 0, queued: 1 })).toBe('AVAILABLE');
    expect(availability({ open: true, advisorsAvailable: 2, freeSlots: 0, queued: 2 })).toBe('BUSY');
  });

  it('never gets better as the queue grows, nor worse as advisors free up', () => {
    const facts = fc.record({ open: fc.boolean(), advisorsAvailable: fc.nat(50), freeSlots: fc.nat(200), queued: fc.nat(500) });
    const rank = { AVAILABLE: 0, BUSY: 1, UNAVAILABLE: 2 } as const;
    fc.assert(
      fc.property(facts, fc.nat(20), (f, more) => {
        expect(rank[availability({ ...f, queued: f.queued + more })]).toBeGreaterThanOrEqual(rank[availability(f)]);
        expect(rank[availability({ ...f, freeSlots: f.freeSlots + more })]).toBeLessThanOrEqual(rank[availability(f)]);
      }),
    );
  });
});
