import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BoundedRateWindow } from './bounded-rate-window.js';

/** A run of events: which key, and how long after the previous event it came. */
const runs = (keys: number) =>
  fc.array(fc.record({ key: fc.integer({ min: 0, max: keys - 1 }).map(String), after: fc.integer({ min: 0, max: 400 }) }), {
    maxLength: 300,
  });

describe('a bounded rate window (rule: at most N per key in any window, memory bounded)', () => {
  it('never allows more than the limit for one key in any window, and refuses only when the limit is reached', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 2000 }), runs(4), (limit, windowMs, events) => {
        const window = new BoundedRateWindow(limit, windowMs, 10);
        const allowed = new Map<string, number[]>();
        let now = 1_000_000;
        for (const { key, after } of events) {
          now += after;
          const inWindow = (allowed.get(key) ?? []).filter((at) => now - at < windowMs).length;
          const answer = window.allow(key, now);
          expect(answer).toBe(inWindow < limit);
          if (answer) allowed.set(key, [...(allowed.get(key) ?? []), now]);
        }
      }),
    );
  });

  it('never holds more keys than its bound, however many come', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (maxKeys, keys) => {
        const window = new BoundedRateWindow(2, 60_000, maxKeys);
        keys.forEach((key, index) => {
          window.allow(key, index);
          expect(window.size).toBeLessThanOrEqual(maxKeys);
        });
      }),
    );
  });

  it('forgets the key seen longest ago first, so the keys in use keep their counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), runs(10), (maxKeys, events) => {
        const window = new BoundedRateWindow(1, 1_000_000, maxKeys);
        // A model: keys by last use, least recent first. With a limit of one, a held key is refused; a forgotten one is allowed again.
        let held: string[] = [];
        events.forEach(({ key }, index) => {
          expect(window.allow(key, index)).toBe(!held.includes(key));
          held = [...held.filter((k) => k !== key), key].slice(-maxKeys);
        });
      }),
    );
  });

  it('evicts the oldest entry rather than emptying itself past the bound', () => {
    const window = new BoundedRateWindow(1, 60_000, 3);
    for (const key of ['a', 'b', 'c']) expect(window.allow(key, 0)).toBe(true);
    expect(window.allow('d', 1)).toBe(true); // 'a' is forgotten
    expect(window.allow('b', 2)).toBe(false); // 'b', 'c' and 'd' are still counted
    expect(window.allow('c', 2)).toBe(false);
    expect(window.allow('d', 2)).toBe(false);
    expect(window.allow('a', 3)).toBe(true); // 'b', used longest ago, is forgotten
    expect(window.size).toBe(3);
    expect(window.allow('c', 59_999)).toBe(false); // still held: allowed at 0, a minute not yet past
    expect(window.allow('d', 60_001)).toBe(true); // allowed at 1: the window has slid past it
  });
});
