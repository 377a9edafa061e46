import Holidays from 'date-holidays';

/**
 * UK bank holidays, for any year and each nation, computed by `date-holidays` (which knows the fixed and moveable
 * days, substitute days when a holiday falls at a weekend, and the one-off proclamations: the 2020 VE Day move,
 * the 2022 Platinum Jubilee and State Funeral, the 2023 Coronation). Statutory deadlines and opening hours read
 * them through `isBankHoliday`.
 */
export type UkNation = 'england-and-wales' | 'scotland' | 'northern-ireland';

export const UK_NATIONS: readonly UkNation[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** `date-holidays` regions of Great Britain and Northern Ireland (England and Wales share their bank holidays). */
const REGION: Record<UkNation, string> = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };

export interface BankHolidayOverrides {
  /** Days proclaimed as bank holidays after the `date-holidays` release this build uses. */
  add: readonly string[];
  /** Days the library lists that were moved or cancelled by a later proclamation. */
  remove: readonly string[];
}

/**
 * Proclamations announced after the release of `date-holidays` that this build carries, by nation, `YYYY-MM-DD`.
 * A one-off bank holiday is usually announced months ahead: add it here (and to the test) in the next release.
 * Empty while the library is up to date (checked against https://www.gov.uk/bank-holidays.json, December 2026).
 */
export const BANK_HOLIDAY_OVERRIDES: Record<UkNation, BankHolidayOverrides> = {
  'england-and-wales': { add: [], remove: [] },
  scotland: { add: [], remove: [] },
  'northern-ireland': { add: [], remove: [] },
};

const PUBLIC_HOLIDAY_TYPES = new Set(['public', 'bank']);

/** The bank holidays of one nation in one year, as `YYYY-MM-DD` (a weekend day among them changes nothing). */
export function bankHolidaysOf(
  nation: UkNation,
  year: number,
  overrides: BankHolidayOverrides = BANK_HOLIDAY_OVERRIDES[nation],
): ReadonlySet<string> {
  const days = new Set(
    calendar(nation)
      .getHolidays(year)
      .filter((holiday) => PUBLIC_HOLIDAY_TYPES.has(holiday.type))
      .map((holiday) => holiday.date.slice(0, 10)),
  );
  for (const day of overrides.add) if (day.startsWith(`${year}-`)) days.add(day);
  for (const day of overrides.remove) days.delete(day);
  return days;
}

const calendars = new Map<UkNation, Holidays>();
const calendar = (nation: UkNation) => {
  let found = calendars.get(nation);
  if (!found) calendars.set(nation, (found = new Holidays('GB', REGION[nation])));
  return found;
};

/** Each (nation, year) is worked out once per process: deadlines are computed on request paths. */
const byYear = new Map<string, ReadonlySet<string>>();

/** Whether a UK calendar date (`YYYY-MM-DD`) is a bank holiday in the nation. */
export function isBankHoliday(nation: UkNation, date: string): boolean {
  const key = `${nation}:${date.slice(0, 4)}`;
  let days = byYear.get(key);
  if (!days) byYear.set(key, (days = bankHolidaysOf(nation, Number(date.slice(0, 4)))));
  return days.has(date);
}
