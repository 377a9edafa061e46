import { addCalendarMonths, addDays } from '../common/calendar-date.js';

/** A retention period: whole years, months and days (an ISO 8601 duration such as `P2Y`, `P12M`, `P28D`). */
export interface RetentionPeriod {
  years: number;
  months: number;
  days: number;
}

const PERIOD = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?$/;

/** The longest period accepted: a hundred years, far beyond any statutory period. */
const MAX_DAYS = 36_525;

/**
 * Reads `P2Y`, `P12M`, `P28D`, `P1Y6M` and the like (years, months, days; no weeks or times of day). Nothing for
 * anything else, for a zero period, or for one over a hundred years.
 */
export function parsePeriod(text: string): RetentionPeriod | undefined {
  const match = PERIOD.exec(text);
  if (!match || text === 'P') return undefined;
  const period = { years: Number(match[1] ?? 0), months: Number(match[2] ?? 0), days: Number(match[3] ?? 0) };
  const approximateDays = period.years * 366 + period.months * 31 + period.days;
  if (approximateDays === 0 || approximateDays > MAX_DAYS) return undefined;
  return period;
}

export function formatPeriod(period: RetentionPeriod): string {
  return `P${period.years ? `${period.years}Y` : ''}${period.months ? `${period.months}M` : ''}${period.days ? `${period.days}D` : ''}`;
}

/** "2 years", "1 year 6 months", "28 days". */
export function describePeriod(period: RetentionPeriod): string {
  const part = (n: number, unit: string) => (n ? [`${n} ${unit}${n === 1 ? '' : 's'}`] : []);
  return [...part(period.years, 'year'), ...part(period.months, 'month'), ...part(period.days, 'day')].join(' ');
}

/**
 * The day a record kept for `period` from `start` becomes due for erasure: years and months are added as calendar
 * months, landing on the same date or, where that month has no such date, its last day (29 February 2024 + 2 years
 * → 28 February 2026, never 1 March); the days are added after. The record is erased on or after that day.
 */
export function expiryDate(start: string, period: RetentionPeriod): string {
  return addDays(addCalendarMonths(start, period.years * 12 + period.months), period.days);
}

/**
 * The latest start date whose records are due for erasure on `today`: the sweep erases records that started on or
 * before it. It is found by stepping back from `today` and checking forwards with `expiryDate`, so the two can
 * never disagree (month ends make subtraction alone ambiguous).
 */
export function latestExpiredStart(today: string, period: RetentionPeriod): string {
  let candidate = addDays(addCalendarMonths(today, -(period.years * 12 + period.months)), -period.days);
  // Month-end clamping can make several starts share one expiry date: move to the last start that has expired.
  while (expiryDate(addDays(candidate, 1), period) <= today) candidate = addDays(candidate, 1);
  while (expiryDate(candidate, period) > today) candidate = addDays(candidate, -1);
  return candidate;
}
