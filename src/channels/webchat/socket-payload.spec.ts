import { describe, expect, it } from '@jest/globals';
import { withinRate } from './socket-payload.js';

describe('socket abuse limits', () => {
  it('allows a burst, then about the sustained rate', () => {
    const data = {};
    const start = 1_000_000;
    const burst = Array.from({ length: 15 }, () => withinRate(data, 5, 10, start));
    expect(burst.filter(Boolean)).toHaveLength(10);
    expect(withinRate(data, 5, 10, start + 200)).toBe(true); // one token back after 200 ms at 5/s
    expect(withinRate(data, 5, 10, start + 200)).toBe(false);
  });
});
