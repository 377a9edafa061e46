import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addCalendarMonths, addDays, daysBetween, extensionInTime, isWorkingDay, readClock } from './statutory-clock.js';

const ew = 'england-and-wales' as const;
const due = (receivedOn: string, more: Partial<Parameters<typeof readClock>[0]> = {}) =>
  readClock({ receivedOn, nation: ew, ...more }).dueOn;

describe('the statutory clock for subject-rights requests (ICO right-of-access guidance)', () => {
  it('gives the same date next month, the day of receipt counting as day one (the ICO example: 3 September → 3 October)', () => {
    expect(due('2026-09-03')).toBe('2026-10-05'); // 3 October 2026 is a Saturday: the next working day
    expect(due('2026-06-10')).toBe('2026-07-10');
  });

  it('uses the last day of the next month when it has no such date, then the next working day', () => {
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(due('2027-01-31')).toBe('2027-03-01'); // 28 February 2027 is a Sunday
    expect(addCalendarMonths('2028-01-30', 1)).toBe('2028-02-29'); // leap year
    expect(addCalendarMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('moves past bank holidays of the organisation’s own nation', () => {
    expect(due('2026-07-31')).toBe('2026-09-01'); // 31 August 2026: summer bank holiday in England and Wales
    expect(readClock({ receivedOn: '2026-07-31', nation: 'scotland' }).dueOn).toBe('2026-08-31'); // not in Scotland
    expect(due('2026-11-25')).toBe('2026-12-29'); // Christmas Day (Friday), weekend, Boxing Day substitute (Monday 28th)
    expect(readClock({ receivedOn: '2026-10-30', nation: 'scotland' }).dueOn).toBe('2026-12-01'); // St Andrew's Day substitute, 30 November 2026
    expect(readClock({ receivedOn: '2027-02-17', nation: 'northern-ireland' }).dueOn).toBe('2027-03-18'); // St Patrick's Day 2027
  });

  it('starts from the latest of receipt, identity evidence and proof of authority', () => {
    expect(readClock({ receivedOn: '2026-03-01', identityReceivedOn: '2026-03-10', nation: ew })).toMatchObject({
      startsOn: '2026-03-10',
      dueOn: '2026-04-10',
    });
    expect(
      readClock({ receivedOn: '2026-03-01', identityReceivedOn: '2026-03-02', authorityReceivedOn: '2026-03-16', nation: ew }),
    ).toMatchObject({ startsOn: '2026-03-16', dueOn: '2026-04-16' });
  });

  it('pauses for a genuinely needed clarification, from asking to the answer', () => {
    expect(readClock({ receivedOn: '2026-06-01', pauses: [{ from: '2026-06-05', to: '2026-06-12' }], nation: ew })).toMatchObject({
      pausedDays: 7,
      dueOn: '2026-07-08',
      paused: false,
    });
    expect(readClock({ receivedOn: '2026-06-01', pauses: [{ from: '2026-06-05' }], nation: ew }, '2026-06-09')).toMatchObject({
      pausedDays: 4,
      paused: true,
    });
  });

  it('extends a complex request to three months from the start, if recorded before the first month ends', () => {
    expect(readClock({ receivedOn: '2026-09-03', extended: true, nation: ew })).toMatchObject({
      firstDueOn: '2026-10-05',
      dueOn: '2026-12-03',
    });
    expect(readClock({ receivedOn: '2026-11-30', extended: true, nation: ew }).dueOn).toBe('2027-03-01'); // 28 February 2027 is a Sunday
    expect(extensionInTime({ receivedOn: '2026-09-03', nation: ew }, '2026-10-05')).toBe(true);
    expect(extensionInTime({ receivedOn: '2026-09-03', nation: ew }, '2026-10-06')).toBe(false);
  });

  const date = fc
    .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-09-30T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const nation = fc.constantFrom('england-and-wales' as const, 'scotland' as const, 'northern-ireland' as const);

  it('always lands on a working day, 28 to 35 days after the start', () => {
    fc.assert(
      fc.property(date, nation, (receivedOn, n) => {
        const reading = readClock({ receivedOn, nation: n });
        expect(isWorkingDay(reading.dueOn, n)).toBe(true);
        const days = daysBetween(receivedOn, reading.dueOn);
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(35);
      }),
    );
  });

  it('keeps the day of the month where it exists, else the month’s last day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 12 }), (start, months) => {
        const result = addCalendarMonths(start, months);
        const [y, m, d] = start.split('-').map(Number);
        const [ry, rm, rd] = result.split('-').map(Number);
        expect((ry - y) * 12 + (rm - m)).toBe(months);
        if (d <= 28) expect(rd).toBe(d);
        else expect(rd).toBe(Math.min(d, new Date(Date.UTC(ry, rm, 0)).getUTCDate()));
      }),
    );
  });

  it('never brings a due date forward: a later start, a pause or an extension only moves it later', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 30 }), nation, (receivedOn, later, pause, n) => {
        const base = readClock({ receivedOn, nation: n });
        expect(readClock({ receivedOn, identityReceivedOn: addDays(receivedOn, later), nation: n }).dueOn >= base.dueOn).toBe(true);
        expect(
          readClock({ receivedOn, pauses: [{ from: receivedOn, to: addDays(receivedOn, pause) }], nation: n }).dueOn >= base.dueOn,
        ).toBe(true);
        const extended = readClock({ receivedOn, extended: true, nation: n });
        expect(extended.dueOn > base.dueOn).toBe(true);
        expect(extended.firstDueOn).toBe(base.dueOn);
      }),
    );
  });
});
