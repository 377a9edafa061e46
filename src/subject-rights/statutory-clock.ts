import { addCalendarMonths, addDays, daysBetween, parts } from '../common/calendar-date.js';
import { isBankHoliday, type UkNation } from '../tenancy/bank-holidays.js';

export { addCalendarMonths, addDays, daysBetween };

/**
 * The time limit for a subject-rights request, as the ICO's right-of-access guidance sets it (the same for every
 * right). All dates are UK calendar dates, `YYYY-MM-DD`.
 *
 * - The clock starts on the latest of: the day the request was received, the day the identity evidence asked
 *   for was received, the day proof of authority (someone acting for the person) was received. That day is day one.
 * - The due date is the same date in the next calendar month; where that month has no such date (31 January →
 *   February), the last day of that month.
 * - An extension for a complex request makes it the same date three months from the start (the same rule for
 *   missing dates), and must be made before the first month's due date has passed.
 * - A clarification that is genuinely needed pauses the clock: the days from asking to the answer are added.
 * - A due date on a Saturday, Sunday or bank holiday (of the organisation's nation) moves to the next working day.
 */
export interface ClockFacts {
  receivedOn: string;
  identityReceivedOn?: string | null;
  authorityReceivedOn?: string | null;
  /** Each clarification asked for, and when it was answered (unanswered: still paused). */
  pauses?: { from: string; to?: string | null }[];
  extended?: boolean;
  nation: UkNation;
}

export interface ClockReading {
  startsOn: string;
  /** The due date without any extension: an extension must be recorded on or before it. */
  firstDueOn: string;
  dueOn: string;
  pausedDays: number;
  /** True while a clarification is awaited: the due date is not yet known for certain. */
  paused: boolean;
}

export function isWorkingDay(date: string, nation: UkNation): boolean {
  const [year, month, day] = parts(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(nation, date);
}

/** The date itself when it is a working day, else the next one. */
export function nextWorkingDay(date: string, nation: UkNation): string {
  let current = date;
  while (!isWorkingDay(current, nation)) current = addDays(current, 1);
  return current;
}

const latest = (dates: (string | null | undefined)[]) =>
  dates
    .filter((date): date is string => Boolean(date))
    .sort()
    .at(-1) as string;

/** Reads the clock for the facts so far; `today` (for a pause still open) defaults to the start. */
export function readClock(facts: ClockFacts, today?: string): ClockReading {
  const startsOn = latest([facts.receivedOn, facts.identityReceivedOn, facts.authorityReceivedOn]);
  let pausedDays = 0;
  let paused = false;
  for (const pause of facts.pauses ?? []) {
    const end = pause.to ?? today;
    if (!pause.to) paused = true;
    if (end && end > pause.from) pausedDays += daysBetween(pause.from, end);
  }
  const firstDueOn = nextWorkingDay(addDays(addCalendarMonths(startsOn, 1), pausedDays), facts.nation);
  const dueOn = facts.extended ? nextWorkingDay(addDays(addCalendarMonths(startsOn, 3), pausedDays), facts.nation) : firstDueOn;
  return { startsOn, firstDueOn, dueOn, pausedDays, paused };
}

/** Whether an extension recorded on `on` is in time: on or before the first month's due date. */
export function extensionInTime(facts: ClockFacts, on: string): boolean {
  return on <= readClock({ ...facts, extended: false }, on).firstDueOn;
}
