/**
 * UK bank holidays by nation, a bundled copy of the official list (https://www.gov.uk/bank-holidays.json).
 * Extend it each year: `BANK_HOLIDAYS_KNOWN_UNTIL` says how far it goes, and dates beyond it are treated as
 * working days, so a deadline computed beyond it may fall on a holiday.
 */
export type UkNation = 'england-and-wales' | 'scotland' | 'northern-ireland';

export const UK_NATIONS: readonly UkNation[] = ['england-and-wales', 'scotland', 'northern-ireland'];

const BANK_HOLIDAYS: Record<UkNation, ReadonlySet<string>> = {
  'england-and-wales': new Set([
    '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  ]),
  scotland: new Set([
    '2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28',
    '2027-01-01', '2027-01-04', '2027-03-26', '2027-05-03', '2027-05-31', '2027-08-02', '2027-11-30', '2027-12-27', '2027-12-28',
  ]),
  'northern-ireland': new Set([
    '2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28',
    '2027-01-01', '2027-03-17', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-07-12', '2027-08-30', '2027-12-27', '2027-12-28',
  ]),
};

/** The last date the bundled list covers. */
export const BANK_HOLIDAYS_KNOWN_UNTIL = '2027-12-31';

export function isBankHoliday(nation: UkNation, date: string): boolean {
  return BANK_HOLIDAYS[nation].has(date);
}
