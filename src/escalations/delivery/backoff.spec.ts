import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { backoffDelayMs, parseRetryAfter } from './backoff.js';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('delivery backoff', () => {
  it('stays within [0, min(cap, base·2^attempt)) for every attempt and random draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, draw) => {
        const delay = backoffDelayMs(attempt, policy, () => draw);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(policy.capMs, policy.baseMs * 2 ** attempt));
      }),
    );
  });

  it('spreads retries out (full jitter) rather than sending them together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(6, policy)));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('honours a longer Retry-After, capped', () => {
    expect(backoffDelayMs(0, policy, () => 0.5, 30_000)).toBe(30_000);
    expect(backoffDelayMs(0, policy, () => 0.5, 10 * 60_000)).toBe(60_000);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores nonsense', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (header) => {
        const value = parseRetryAfter(header, now);
        expect(value === undefined || value >= 0).toBe(true);
      }),
    );
  });
});
