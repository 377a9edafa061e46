import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from '../common/calendar-date.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { MAX_REPORT_DAYS, reportPeriod } from './report-period.js';

describe('report periods', () => {
  it('defaults to the last seven days, or the one day given', () => {
    expect(reportPeriod(undefined, undefined, '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29', days: 7 });
    expect(reportPeriod('2026-11-01', undefined, '2026-11-29')).toEqual({ from: '2026-11-01', to: '2026-11-01', days: 1 });
    expect(reportPeriod(undefined, '2026-02-28', '2026-11-29')).toEqual({ from: '2026-02-28', to: '2026-02-28', days: 1 });
    expect(reportPeriod('2024-02-28', '2024-03-01')).toEqual({ from: '2024-02-28', to: '2024-03-01', days: 3 });
  });

  it('refuses impossible dates, reversed and over-long periods with the reason', () => {
    for (const [from, to, field] of [
      ['2026-02-30', '2026-03-01', 'from'],
      ['2026-13-01', undefined, 'from'],
      ['yesterday', undefined, 'from'],
      ['2026-11-02', '2026-11-01', 'from'],
      ['2024-01-01', '2025-12-31', 'to'],
    ] as const) {
      expect(() => reportPeriod(from, to)).toThrow(RequestValidationError);
      try {
        reportPeriod(from, to);
      } catch (error) {
        expect((error as RequestValidationError).message).toContain(field);
      }
    }
  });

  it('covers exactly the days from `from` to `to` for any valid pair, and refuses every other string', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: MAX_REPORT_DAYS - 1 }), (from, length) => {
        const to = addDays(from, length);
        expect(reportPeriod(from, to)).toEqual({ from, to, days: length + 1 });
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(text));
        expect(() => reportPeriod(text, undefined)).toThrow(RequestValidationError);
      }),
    );
  });
});
