import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from '../common/calendar-date.js';
import { describePeriod, expiryDate, formatPeriod, latestExpiredStart, parsePeriod } from './retention-period.js';

const date = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const period = fc
  .record({ years: fc.integer({ min: 0, max: 30 }), months: fc.integer({ min: 0, max: 36 }), days: fc.integer({ min: 0, max: 400 }) })
  .filter((p) => p.years + p.months + p.days > 0);

describe('retention periods', () => {
  it('reads the periods of the schedule and refuses anything else', () => {
    expect(parsePeriod('P2Y')).toEqual({ years: 2, months: 0, days: 0 });
    expect(parsePeriod('P28D')).toEqual({ years: 0, months: 0, days: 28 });
    expect(parsePeriod('P12M')).toEqual({ years: 0, months: 12, days: 0 });
    expect(parsePeriod('P1Y6M')).toEqual({ years: 1, months: 6, days: 0 });
    for (const bad of ['', 'P', 'P0D', '2Y', 'P2W', 'PT2H', 'P-1Y', 'P1.5Y', 'p2y', 'P2Y ', 'P101Y', 'P1D2Y'])
      expect(parsePeriod(bad)).toBeUndefined();
    expect(describePeriod({ years: 1, months: 6, days: 0 })).toBe('1 year 6 months');
    expect(describePeriod({ years: 0, months: 0, days: 28 })).toBe('28 days');
  });

  it('round-trips every period it writes, and never accepts one it cannot write', () => {
    fc.assert(fc.property(period, (p) => expect(parsePeriod(formatPeriod(p))).toEqual(p)));
    const text = fc.oneof(fc.string(), fc.stringMatching(/^P(\d{1,4}Y)?(\d{1,5}M)?(\d{1,6}D)?$/));
    fc.assert(
      fc.property(text, (candidate) => {
        const parsed = parsePeriod(candidate);
        if (!parsed) return;
        expect(parsed.years * 366 + parsed.months * 31 + parsed.days).toBeGreaterThan(0);
        expect(parsePeriod(formatPeriod(parsed))).toEqual(parsed);
      }),
    );
  });

  it('erases on the anniversary, and on 28 February for a leap day that has no anniversary', () => {
    const twoYears = parsePeriod('P2Y')!;
    expect(expiryDate('2024-02-29', twoYears)).toBe('2026-02-28');
    expect(expiryDate('2024-02-28', twoYears)).toBe('2026-02-28');
    expect(expiryDate('2024-03-01', twoYears)).toBe('2026-03-01');
    expect(expiryDate('2024-02-29', parsePeriod('P4Y')!)).toBe('2028-02-29');
    expect(expiryDate('2026-01-31', parsePeriod('P1M')!)).toBe('2026-02-28');
    // The 28-day rule for screen recordings: recorded on 1 November, erased from 29 November.
    expect(expiryDate('2026-11-01', parsePeriod('P28D')!)).toBe('2026-11-29');
    expect(latestExpiredStart('2026-11-29', parsePeriod('P28D')!)).toBe('2026-11-01');
    // On 28 February 2026 both 28 and 29 February 2024 are two years old.
    expect(latestExpiredStart('2026-02-28', twoYears)).toBe('2024-02-29');
    expect(latestExpiredStart('2026-02-27', twoYears)).toBe('2024-02-27');
  });

  it('finds exactly the records whose expiry has come: start ≤ latestExpiredStart ⇔ expiryDate(start) ≤ today', () => {
    fc.assert(
      fc.property(date, period, fc.integer({ min: -40, max: 40 }), (today, p, offset) => {
        const cutoff = latestExpiredStart(today, p);
        expect(expiryDate(cutoff, p) <= today).toBe(true);
        expect(expiryDate(addDays(cutoff, 1), p) > today).toBe(true);
        const start = addDays(cutoff, offset);
        expect(start <= cutoff).toBe(expiryDate(start, p) <= today);
      }),
    );
  });

  it('never erases before the period has run: the expiry is at least the period after the start', () => {
    fc.assert(
      fc.property(date, period, (start, p) => {
        const expiry = expiryDate(start, p);
        expect(expiry > start).toBe(true);
        expect(expiryDate(start, { ...p, days: p.days + 1 }) > expiry).toBe(true);
      }),
    );
  });
});
