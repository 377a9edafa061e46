import { describe, expect, it } from '@jest/globals';
import { isOpen, localTime } from './opening-hours.js';

const weekdays = {
  timezone: 'Europe/London',
  bankHolidays: 'england-and-wales' as const,
  weekly: { '1': ['08:00-18:00'], '2': ['08:00-18:00'], '3': ['08:00-18:00'], '4': ['08:00-18:00'], '5': ['08:00-17:00'] },
};

describe('opening hours', () => {
  it('reads the time in the organisation’s zone, across the clock change', () => {
    expect(localTime(new Date('2026-07-01T07:30:00Z'), 'Europe/London')).toEqual({ date: '2026-07-01', weekday: 3, time: '08:30' });
    expect(localTime(new Date('2026-12-01T07:30:00Z'), 'Europe/London')).toEqual({ date: '2026-12-01', weekday: 2, time: '07:30' });
  });

  it('is open inside an interval and closed outside it, at weekends and on bank holidays', () => {
    expect(isOpen(weekdays, new Date('2026-07-01T07:30:00Z'))).toBe(true); // 08:30 BST Wednesday
    expect(isOpen(weekdays, new Date('2026-12-01T07:30:00Z'))).toBe(false); // 07:30 GMT Tuesday
    expect(isOpen(weekdays, new Date('2026-11-27T16:59:00Z'))).toBe(true); // Friday 16:59
    expect(isOpen(weekdays, new Date('2026-11-27T17:00:00Z'))).toBe(false); // Friday closes at 17:00
    expect(isOpen(weekdays, new Date('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(weekdays, new Date('2026-12-28T12:00:00Z'))).toBe(false); // substitute Boxing Day, a Monday
    expect(isOpen({ ...weekdays, bankHolidays: 'none' }, new Date('2026-12-28T12:00:00Z'))).toBe(true);
  });

  it('treats 24:00 as the end of the day', () => {
    const always = {
      timezone: 'Europe/London',
      bankHolidays: 'none' as const,
      weekly: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, ['00:00-24:00']])),
    };
    expect(isOpen(always, new Date('2026-11-28T23:59:00Z'))).toBe(true);
  });
});
