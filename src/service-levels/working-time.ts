import type { SlaState } from '../contracts/enquiry-vocabulary.js';
import { isBankHoliday } from '../tenancy/bank-holidays.js';
import { localTime } from '../tenancy/opening-hours.js';
import type { BusinessHours } from '../tenancy/organisation-settings.js';

/**
 * Working-time arithmetic for service levels: pure, with the clock always passed in.
 *
 * Working time is the organisation's opening hours (`BusinessHours`: its weekly intervals in its own time zone), less
 * the bank holidays of the nation those hours name (`bankHolidays`, as `isOpen` reads them: an organisation set to
 * `none` opens on bank holidays, so they count). A "working day" is a local date with at least one opening interval
 * that is not a bank holiday; its close of business is the end of its last interval.
 *
 * - A target in **working hours** is due once that much opening time has passed after the start: received while
 *   closed, the clock starts at the next opening. The due instant may be the very close of an interval (17:00).
 * - A target of **N working days** is due at the close of business on the Nth working day after the day of receipt
 *   (the day of receipt itself never counts, whatever the hour): received on Friday (morning or evening, or on the
 *   Saturday), 2 working days is Tuesday's close. 0 working days is the close of the day of receipt if that is a
 *   working day not yet closed, else the next working day's close.
 * - An item is `at_risk` once 80 % of the working time from its start to its due instant has passed (`atRiskAt`),
 *   and `breached` from its due instant on.
 */

export type WorkingTimeUnit = 'working_hours' | 'working_days';

export interface WorkingTimeTarget {
  amount: number;
  unit: WorkingTimeUnit;
}

export type { SlaState };
/** The states a running clock can be in (pausing is the enquiry's, not the arithmetic's). */
export type RunningState = Exclude<SlaState, 'paused'>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Far enough for any target the API accepts (250 working days with one open day a week is under 5 years). */
const HORIZON_DAYS = 3 * 366 * 2;

/** An organisation with no opening interval at all is counted around the clock rather than never. */
const AROUND_THE_CLOCK: BusinessHours['weekly'] = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, ['00:00-24:00']]),
);

function weeklyOf(hours: BusinessHours): BusinessHours['weekly'] {
  return Object.values(hours.weekly).some((intervals) => intervals.length > 0) ? hours.weekly : AROUND_THE_CLOCK;
}

/** The next calendar date after `date` (`YYYY-MM-DD`). */
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The instant a local wall-clock time ("HH:MM", or "24:00" for the next midnight) on a date has in the zone. */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  if (time === '24:00') return zonedInstant(nextDate(date), '00:00', timeZone);
  const wanted = Date.parse(`${date}T${time}:00Z`);
  let guess = wanted;
  // Two corrections settle the offset on either side of a clock change.
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(guess), timeZone);
    guess += wanted - Date.parse(`${local.date}T${local.time}:00Z`);
  }
  return guess;
}

/** A date's opening intervals as instants, in order; none on a closed day or bank holiday. */
function openIntervals(hours: BusinessHours, date: string): [number, number][] {
  if (hours.bankHolidays !== 'none' && isBankHoliday(hours.bankHolidays, date)) return [];
  const intervals = (weeklyOf(hours)[String(isoWeekday(date))] ?? [])
    .map((interval) => interval.split('-'))
    .map(([from, to]) => [zonedInstant(date, from, hours.timezone), zonedInstant(date, to, hours.timezone)] as [number, number])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of intervals) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Local dates from the one holding `start` onwards, with their opening intervals. */
function* daysFrom(hours: BusinessHours, start: number): Generator<{ date: string; intervals: [number, number][] }> {
  // A day before, so that an interval of the previous local date still open at `start` is seen.
  let date = localTime(new Date(start - DAY), hours.timezone).date;
  for (let i = 0; i < HORIZON_DAYS; i++, date = nextDate(date)) yield { date, intervals: openIntervals(hours, date) };
  throw new Error('working time: no opening hours within the horizon');
}

/** The instant at which `ms` of working time has passed since `start` (the first such instant). */
export function addWorkingTime(hours: BusinessHours, start: Date, ms: number): Date {
  let remaining = Math.max(0, Math.ceil(ms));
  for (const { intervals } of daysFrom(hours, start.getTime())) {
    for (const [from, to] of intervals) {
      if (to <= start.getTime()) continue;
      const begin = Math.max(from, start.getTime());
      if (remaining <= to - begin) return new Date(begin + remaining);
      remaining -= to - begin;
    }
  }
  throw new Error('unreachable');
}

/** Working time (ms) between two instants; 0 when `to` is not after `from`. */
export function workingTimeBetween(hours: BusinessHours, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  for (const { intervals } of daysFrom(hours, from.getTime())) {
    for (const [open, close] of intervals) {
      if (open >= to.getTime()) return total;
      total += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
    }
  }
  return total;
}

/** The close of business on the Nth working day after the day of receipt (see the rule above). */
export function addWorkingDays(hours: BusinessHours, start: Date, days: number): Date {
  const receivedOn = localTime(start, hours.timezone).date;
  let counted = 0;
  let receiptDaySeen = false;
  for (const { date, intervals } of daysFrom(hours, start.getTime())) {
    if (date < receivedOn) continue;
    const close = intervals.at(-1)?.[1];
    if (date === receivedOn) {
      receiptDaySeen = true;
      if (days === 0 && close !== undefined && close > start.getTime()) return new Date(close);
      continue;
    }
    if (!receiptDaySeen || close === undefined) continue;
    counted += 1;
    if (counted >= Math.max(1, days)) return new Date(close);
  }
  throw new Error('unreachable');
}

/** When an item started at `start` with this target is due. */
export function dueAt(hours: BusinessHours, start: Date, target: WorkingTimeTarget): Date {
  return target.unit === 'working_days' ? addWorkingDays(hours, start, target.amount) : addWorkingTime(hours, start, target.amount * HOUR);
}

/** The first instant at which 80 % of the working time between `start` and `due` has passed. */
export function atRiskAt(hours: BusinessHours, start: Date, due: Date): Date {
  const total = workingTimeBetween(hours, start, due);
  const instant = addWorkingTime(hours, start, Math.ceil((total * 4) / 5));
  return instant.getTime() > due.getTime() ? due : instant;
}

/** The state at `now` of an item started at `start` and due at `due`. */
export function slaStateAt(hours: BusinessHours, start: Date, due: Date, now: Date): RunningState {
  if (now.getTime() >= due.getTime()) return 'breached';
  return now.getTime() >= atRiskAt(hours, start, due).getTime() ? 'at_risk' : 'on_track';
}

/** The same, from an at-risk instant already worked out and stored. */
export function stateFromInstants(atRisk: Date, due: Date, now: Date): RunningState {
  if (now.getTime() >= due.getTime()) return 'breached';
  return now.getTime() >= atRisk.getTime() ? 'at_risk' : 'on_track';
}
