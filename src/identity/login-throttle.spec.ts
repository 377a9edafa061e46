import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { blockSecondsAfter, FAILURES_BEFORE_BLOCK, FIRST_BLOCK_SECONDS, LONGEST_BLOCK_SECONDS } from './login-throttle.js';

describe('failed sign-ins to one e-mail address (rule: 10 in a row, then refusals doubling from 30 s to 15 minutes)', () => {
  it('refuses nothing before the tenth failure, then 30 s, 60 s, 120 s, … up to 15 minutes', () => {
    expect(FAILURES_BEFORE_BLOCK).toBe(10);
    expect([1, 9].map(blockSecondsAfter)).toEqual([0, 0]);
    expect([10, 11, 12, 13, 14, 15, 16, 100].map(blockSecondsAfter)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('never shortens the refusal with another failure, doubles it until the longest, and never passes the longest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (failures) => {
        const now = blockSecondsAfter(failures);
        const next = blockSecondsAfter(failures + 1);
        expect(next).toBeGreaterThanOrEqual(now);
        expect(next).toBeLessThanOrEqual(LONGEST_BLOCK_SECONDS);
        if (failures + 1 >= FAILURES_BEFORE_BLOCK)
          expect(next).toBe(now === 0 ? FIRST_BLOCK_SECONDS : Math.min(LONGEST_BLOCK_SECONDS, now * 2));
      }),
    );
  });
});
