import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isOpen } from '../tenancy/opening-hours.js';
import type { BusinessHours } from '../tenancy/organisation-settings.js';
import { addWorkingDays, addWorkingTime, atRiskAt, dueAt, slaStateAt, stateFromInstants, workingTimeBetween } from './working-time.js';

/** Monday to Friday, 9 to 5, UK time: the office hours a new organisation starts with. */
const office = (bankHolidays: BusinessHours['bankHolidays'] = 'england-and-wales'): BusinessHours => ({
  timezone: 'Europe/London',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, ['09:00-17:00']])),
  bankHolidays,
});
const hours = (amount: number) => ({ amount, unit: 'working_hours' as const });
const days = (amount: number) => ({ amount, unit: 'working_days' as const });
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('working time: due instants in opening hours, skipping weekends and bank holidays', () => {
  it('across a weekend: Friday 4 December 2026 16:00 + 2 working hours = 1 hour on Friday (16:00–17:00) + 1 hour on Monday 7 December (09:00–10:00)', () => {
    expect(iso(dueAt(office(), at('2026-12-04T16:00:00Z'), hours(2)))).toBe('2026-12-07T10:00:00.000Z');
  });

  it('across Christmas and the substitute Boxing Day: Thursday 24 December 2026 15:00 + 4 working hours = 2 hours on the 24th, Friday 25th (Christmas) and Monday 28th (Boxing Day, substitute) closed, 2 hours on Tuesday 29th → 11:00', () => {
    expect(iso(dueAt(office(), at('2026-12-24T15:00:00Z'), hours(4)))).toBe('2026-12-29T11:00:00.000Z');
    // 2 working days after Thursday 24th: Tuesday 29th (1), Wednesday 30th (2), due at its close.
    expect(iso(dueAt(office(), at('2026-12-24T10:00:00Z'), days(2)))).toBe('2026-12-30T17:00:00.000Z');
    // An organisation that opens on bank holidays ('none') counts them: Friday 25th 09:00–11:00.
    expect(iso(dueAt(office('none'), at('2026-12-24T15:00:00Z'), hours(4)))).toBe('2026-12-25T11:00:00.000Z');
  });

  it('across Easter 2027 and the clock change: Thursday 25 March 2027 16:00 GMT + 3 working hours = 1 hour on Thursday, Good Friday 26th and Easter Monday 29th closed, clocks go forward on the 28th, 2 hours from 09:00 BST on Tuesday 30th → 11:00 BST (10:00 UTC)', () => {
    expect(iso(dueAt(office(), at('2027-03-25T16:00:00Z'), hours(3)))).toBe('2027-03-30T10:00:00.000Z');
    // 1 working day after Thursday 25th: Tuesday 30th, closing 17:00 BST (16:00 UTC).
    expect(iso(dueAt(office(), at('2027-03-25T12:00:00Z'), days(1)))).toBe('2027-03-30T16:00:00.000Z');
  });

  it('the Scottish St Andrew’s Day: Friday 27 November 2026 + 1 working day is Tuesday 1 December in Scotland (Monday 30th is a bank holiday there) but Monday 30th in England and Wales', () => {
    expect(iso(dueAt(office('scotland'), at('2026-11-27T10:00:00Z'), days(1)))).toBe('2026-12-01T17:00:00.000Z');
    expect(iso(dueAt(office('england-and-wales'), at('2026-11-27T10:00:00Z'), days(1)))).toBe('2026-11-30T17:00:00.000Z');
    // Friday 16:00 + 2 working hours: 1 hour on Friday, Monday closed in Scotland, Tuesday 09:00–10:00.
    expect(iso(dueAt(office('scotland'), at('2026-11-27T16:00:00Z'), hours(2)))).toBe('2026-12-01T10:00:00.000Z');
  });

  it('received in the evening: Tuesday 8 December 2026 19:30 + 1 working hour starts at Wednesday’s opening → Wednesday 10:00; + 2 working days → Thursday 10th (the day of receipt never counts) at 17:00', () => {
    expect(iso(dueAt(office(), at('2026-12-08T19:30:00Z'), hours(1)))).toBe('2026-12-09T10:00:00.000Z');
    expect(iso(dueAt(office(), at('2026-12-08T19:30:00Z'), days(2)))).toBe('2026-12-10T17:00:00.000Z');
    // The same two days from Tuesday morning: the same due, the close of the 2nd working day after the 8th.
    expect(iso(dueAt(office(), at('2026-12-08T09:30:00Z'), days(2)))).toBe('2026-12-10T17:00:00.000Z');
  });

  it('received on a Saturday: 5 December 2026 11:00 + 2 working hours → Monday 7th 11:00; + 1 working day → Monday 7th at 17:00', () => {
    expect(iso(dueAt(office(), at('2026-12-05T11:00:00Z'), hours(2)))).toBe('2026-12-07T11:00:00.000Z');
    expect(iso(dueAt(office(), at('2026-12-05T11:00:00Z'), days(1)))).toBe('2026-12-07T17:00:00.000Z');
  });

  it('0 working hours is the contact itself when open, or the next opening; 0 working days is today’s close while open', () => {
    expect(iso(dueAt(office(), at('2026-12-08T10:00:00Z'), hours(0)))).toBe('2026-12-08T10:00:00.000Z');
    expect(iso(dueAt(office(), at('2026-12-05T11:00:00Z'), hours(0)))).toBe('2026-12-07T09:00:00.000Z');
    expect(iso(dueAt(office(), at('2026-12-08T10:00:00Z'), days(0)))).toBe('2026-12-08T17:00:00.000Z');
    expect(iso(dueAt(office(), at('2026-12-08T18:00:00Z'), days(0)))).toBe('2026-12-09T17:00:00.000Z');
  });

  it('counts working time between two instants', () => {
    // Friday 16:00 to Monday 10:00: 1 hour + 1 hour.
    expect(workingTimeBetween(office(), at('2026-12-04T16:00:00Z'), at('2026-12-07T10:00:00Z'))).toBe(2 * 3_600_000);
    expect(workingTimeBetween(office(), at('2026-12-07T10:00:00Z'), at('2026-12-04T16:00:00Z'))).toBe(0);
  });
});

describe('working time: on track, at risk at 80 %, breached (the clock passed in)', () => {
  // Monday 7 December 2026 09:00 + 10 working hours: 8 on Monday, 2 on Tuesday → due Tuesday 8th 11:00.
  // 80 % is 8 working hours, reached at Monday's close (17:00): at risk from then on, overnight included.
  const start = at('2026-12-07T09:00:00Z');
  const due = dueAt(office(), start, hours(10));

  it('is due Tuesday 11:00, at risk from Monday 17:00', () => {
    expect(iso(due)).toBe('2026-12-08T11:00:00.000Z');
    expect(iso(atRiskAt(office(), start, due))).toBe('2026-12-07T17:00:00.000Z');
  });

  it.each([
    ['2026-12-07T09:00:00Z', 'on_track'], // at the start
    ['2026-12-07T16:59:00Z', 'on_track'], // 7 h 59 min of 10 h
    ['2026-12-07T17:00:00Z', 'at_risk'], // 8 h of 10 h: 80 %
    ['2026-12-07T23:00:00Z', 'at_risk'], // overnight, still 8 h
    ['2026-12-08T10:59:00Z', 'at_risk'],
    ['2026-12-08T11:00:00Z', 'breached'], // due
    ['2026-12-09T09:00:00Z', 'breached'],
  ] as const)('at %s it is %s', (now, state) => {
    expect(slaStateAt(office(), start, due, at(now))).toBe(state);
    expect(stateFromInstants(atRiskAt(office(), start, due), due, at(now))).toBe(state);
  });
});

describe('working time: properties', () => {
  const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
  const nation = fc.constantFrom<BusinessHours['bankHolidays']>('england-and-wales', 'scotland', 'northern-ireland', 'none');
  const weekly = fc.constantFrom<BusinessHours['weekly']>(
    office().weekly,
    { '1': ['08:30-12:30', '13:30-17:30'], '3': ['10:00-16:00'], '6': ['09:00-12:00'] },
    { '2': ['00:00-24:00'], '4': ['07:00-19:00'] },
  );
  const businessHours = fc.record({ timezone: fc.constant('Europe/London'), weekly, bankHolidays: nation });
  const target = fc.oneof(
    fc.integer({ min: 0, max: 120 }).map((amount) => hours(amount)),
    fc.integer({ min: 0, max: 30 }).map((amount) => days(amount)),
  );
  /** Open at the instant, or at the very close of an interval (close of business is when a target falls due). */
  const openOrClosing = (h: BusinessHours, when: Date) => isOpen(h, when) || isOpen(h, new Date(when.getTime() - 60_000));

  it('due is never before the start', () => {
    fc.assert(fc.property(businessHours, instant, target, (h, start, t) => dueAt(h, start, t).getTime() >= start.getTime()));
  });

  it('due never falls outside opening hours', () => {
    fc.assert(fc.property(businessHours, instant, target, (h, start, t) => openOrClosing(h, dueAt(h, start, t))));
  });

  it('more time never gives an earlier due', () => {
    fc.assert(
      fc.property(businessHours, instant, target, fc.integer({ min: 1, max: 40 }), (h, start, t, more) => {
        const longer = { ...t, amount: t.amount + more };
        return dueAt(h, start, longer).getTime() >= dueAt(h, start, t).getTime();
      }),
    );
  });

  it('a later start never gives an earlier due', () => {
    fc.assert(
      fc.property(businessHours, instant, target, fc.integer({ min: 0, max: 10 * 86_400_000 }), (h, start, t, later) => {
        return dueAt(h, new Date(start.getTime() + later), t).getTime() >= dueAt(h, start, t).getTime();
      }),
    );
  });

  it('working hours added and counted back agree', () => {
    fc.assert(
      fc.property(businessHours, instant, fc.integer({ min: 0, max: 60 }), (h, start, n) => {
        return workingTimeBetween(h, start, addWorkingTime(h, start, n * 3_600_000)) === n * 3_600_000;
      }),
    );
  });

  it('the stored at-risk instant gives the same state as counting the working time elapsed (80 %)', () => {
    fc.assert(
      fc.property(businessHours, instant, target, fc.double({ min: 0, max: 1.2, noNaN: true }), (h, start, t, fraction) => {
        const due = dueAt(h, start, t);
        const now = new Date(start.getTime() + Math.floor((due.getTime() - start.getTime()) * fraction));
        const total = workingTimeBetween(h, start, due);
        const elapsed = workingTimeBetween(h, start, now);
        const state = stateFromInstants(atRiskAt(h, start, due), due, now);
        if (now.getTime() >= due.getTime()) return state === 'breached';
        if (total > 0) return state === (elapsed * 5 >= total * 4 ? 'at_risk' : 'on_track');
        return state !== 'breached';
      }),
    );
  });

  it('working days: due is the close of a working day after the day of receipt', () => {
    fc.assert(
      fc.property(businessHours, instant, fc.integer({ min: 1, max: 20 }), (h, start, n) => {
        const due = addWorkingDays(h, start, n);
        return due.getTime() > start.getTime() && !isOpen(h, due) && isOpen(h, new Date(due.getTime() - 60_000));
      }),
    );
  });
});
