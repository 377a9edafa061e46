import { isBankHoliday, type UkNation } from '../tenancy/bank-holidays.js';

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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const iso = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same date `months` calendar months later, or that month's last day when it has no such date. */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return iso(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return iso(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [parts(from), parts(to)];
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86_400_000);
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

const latest = (dates: (string | null | undefined)[]) => dates.filter((date): date is string => Boolean(date)).sort().at(-1) as string;

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
