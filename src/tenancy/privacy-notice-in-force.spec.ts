import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { noticeInForce } from './privacy-notice-in-force.js';

const version = (label: string, effectiveFrom: string, publishedAt: string) => ({
  label,
  effectiveFrom,
  publishedAt: new Date(publishedAt),
});

describe('noticeInForce: which privacy notice is in force on a UK date', () => {
  const v1 = version('1', '2024-01-01', '2023-12-20T10:00:00Z');
  const v2 = version('2', '2026-12-01', '2026-11-15T10:00:00Z');
  const v2a = version('2a', '2026-12-01', '2026-11-16T09:00:00Z');
  const v3 = version('3', '2027-01-01', '2026-12-02T10:00:00Z');

  it('is the latest version whose first day is not after the date', () => {
    expect(noticeInForce([v1, v2, v3], '2026-11-30')?.label).toBe('1');
    expect(noticeInForce([v1, v2, v3], '2026-12-01')?.label).toBe('2');
    expect(noticeInForce([v3, v2, v1], '2027-06-01')?.label).toBe('3');
  });

  it('takes the one published later when two begin on the same day, whatever order they are read in', () => {
    expect(noticeInForce([v1, v2, v2a], '2026-12-05')?.label).toBe('2a');
    expect(noticeInForce([v2a, v2, v1], '2026-12-05')?.label).toBe('2a');
  });

  it('is none before any version begins', () => {
    expect(noticeInForce([v2, v3], '2026-01-01')).toBeUndefined();
    expect(noticeInForce([], '2026-01-01')).toBeUndefined();
  });

  it('is, for any versions and date, one that has begun and that no other begun version follows', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    const published = fc.integer({ min: 0, max: 1e6 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 1000));
    fc.assert(
      fc.property(fc.array(fc.record({ effectiveFrom: day, publishedAt: published }), { maxLength: 8 }), day, (versions, date) => {
        const chosen = noticeInForce(versions, date);
        const begun = versions.filter((v) => v.effectiveFrom <= date);
        if (begun.length === 0) return chosen === undefined;
        return (
          chosen !== undefined &&
          chosen.effectiveFrom <= date &&
          begun.every(
            (v) =>
              v.effectiveFrom < chosen.effectiveFrom || (v.effectiveFrom === chosen.effectiveFrom && v.publishedAt <= chosen.publishedAt),
          )
        );
      }),
    );
  });
});
