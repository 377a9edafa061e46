import { describe, expect, it } from '@jest/globals';
import { readClock } from '../subject-rights/statutory-clock.js';
import { bankHolidaysOf, isBankHoliday, type UkNation } from './bank-holidays.js';

/** GOV.UK's published lists (https://www.gov.uk/bank-holidays.json and its archive), weekdays only. */
const PUBLISHED: Record<UkNation, Record<number, string[]>> = {
  'england-and-wales': {
    2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
    2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
    2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
    2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  },
  scotland: {
    2020: ['01-01', '01-02', '04-10', '05-08', '05-25', '08-03', '11-30', '12-25', '12-28'],
    2022: ['01-03', '01-04', '04-15', '05-02', '06-02', '06-03', '08-01', '09-19', '11-30', '12-26', '12-27'],
    2023: ['01-02', '01-03', '04-07', '05-01', '05-08', '05-29', '08-07', '11-30', '12-25', '12-26'],
    2024: ['01-01', '01-02', '03-29', '05-06', '05-27', '08-05', '12-02', '12-25', '12-26'],
    2026: ['01-01', '01-02', '04-03', '05-04', '05-25', '08-03', '11-30', '12-25', '12-28'],
    2027: ['01-01', '01-04', '03-26', '05-03', '05-31', '08-02', '11-30', '12-27', '12-28'],
  },
  'northern-ireland': {
    2020: ['01-01', '03-17', '04-10', '04-13', '05-08', '05-25', '07-13', '08-31', '12-25', '12-28'],
    2022: ['01-03', '03-17', '04-15', '04-18', '05-02', '06-02', '06-03', '07-12', '08-29', '09-19', '12-26', '12-27'],
    2023: ['01-02', '03-17', '04-07', '04-10', '05-01', '05-08', '05-29', '07-12', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-18', '03-29', '04-01', '05-06', '05-27', '07-12', '08-26', '12-25', '12-26'],
    2026: ['01-01', '03-17', '04-03', '04-06', '05-04', '05-25', '07-13', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-17', '03-26', '03-29', '05-03', '05-31', '07-12', '08-30', '12-27', '12-28'],
  },
};

const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
const weekdayHolidays = (nation: UkNation, year: number) => [...bankHolidaysOf(nation, year)].filter(isWeekday).sort();

describe('UK bank holidays for any year and nation', () => {
  it.each(
    Object.entries(PUBLISHED).flatMap(([nation, years]) =>
      Object.entries(years).map(([year, days]) => [nation as UkNation, Number(year), days] as const),
    ),
  )('gives %s %i exactly as GOV.UK published it', (nation, year, days) => {
    expect(weekdayHolidays(nation, year)).toEqual(days.map((day) => `${year}-${day}`));
  });

  it('moves the 2020 early May bank holiday to VE Day, Friday 8 May', () => {
    expect(isBankHoliday('england-and-wales', '2020-05-08')).toBe(true);
    expect(isBankHoliday('england-and-wales', '2020-05-04')).toBe(false);
  });

  it('keeps the one-off days of 2022 and 2023, and moves the 2022 spring bank holiday to 2 June', () => {
    for (const nation of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      for (const day of ['2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) expect(isBankHoliday(nation, day)).toBe(true);
      expect(isBankHoliday(nation, '2022-05-30')).toBe(false);
    }
  });

  it('gives substitute days when a holiday falls at a weekend, by each nation’s own rules', () => {
    expect(isBankHoliday('england-and-wales', '2021-12-27')).toBe(true); // Christmas Day on a Saturday
    expect(isBankHoliday('england-and-wales', '2021-12-28')).toBe(true); // Boxing Day on a Sunday
    expect(isBankHoliday('scotland', '2027-01-04')).toBe(true); // 2 January on a Saturday
    expect(isBankHoliday('england-and-wales', '2027-01-04')).toBe(false);
    expect(isBankHoliday('scotland', '2024-12-02')).toBe(true); // St Andrew's Day on a Saturday
    expect(isBankHoliday('northern-ireland', '2024-03-18')).toBe(true); // St Patrick's Day on a Sunday
    expect(isBankHoliday('northern-ireland', '2026-07-13')).toBe(true); // the Twelfth on a Sunday
  });

  it('keeps computing in the years no hand-kept list reached (2028 to 2035)', () => {
    // Easter 2028 is 16 April, Easter 2035 is 25 March.
    expect(weekdayHolidays('england-and-wales', 2028)).toEqual([
      '2028-01-03',
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-29',
      '2028-08-28',
      '2028-12-25',
      '2028-12-26',
    ]);
    expect(weekdayHolidays('england-and-wales', 2035)).toEqual([
      '2035-01-01',
      '2035-03-23',
      '2035-03-26',
      '2035-05-07',
      '2035-05-28',
      '2035-08-27',
      '2035-12-25',
      '2035-12-26',
    ]);
    // Christmas 2032 on a Saturday: Monday and Tuesday instead.
    expect(isBankHoliday('england-and-wales', '2032-12-27')).toBe(true);
    expect(isBankHoliday('england-and-wales', '2032-12-28')).toBe(true);
    expect(weekdayHolidays('scotland', 2031)).toContain('2031-08-04'); // first Monday of August
    expect(weekdayHolidays('scotland', 2031)).toContain('2031-12-01'); // St Andrew's Day (a Sunday) substituted
    for (let year = 2019; year <= 2035; year += 1) {
      for (const nation of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
        const days = bankHolidaysOf(nation, year);
        expect([...days].every((day) => day.startsWith(`${year}-`))).toBe(true);
        expect(weekdayHolidays(nation, year).length).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('applies the override list for proclamations announced after a release', () => {
    const overrides = { add: ['2031-06-06'], remove: ['2031-05-05'] };
    expect(bankHolidaysOf('england-and-wales', 2031, overrides).has('2031-06-06')).toBe(true);
    expect(bankHolidaysOf('england-and-wales', 2031, overrides).has('2031-05-05')).toBe(false);
    expect(bankHolidaysOf('england-and-wales', 2030, overrides).has('2031-06-06')).toBe(false);
  });

  it('gives a subject access request received on 25 November 2024 until 27 December, not Christmas Day', () => {
    expect(readClock({ receivedOn: '2024-11-25', nation: 'england-and-wales' }).dueOn).toBe('2024-12-27');
    // And in 2029, past any hand-kept list: due on Boxing Day → the next working day.
    expect(readClock({ receivedOn: '2029-11-26', nation: 'england-and-wales' }).dueOn).toBe('2029-12-27');
  });
});
