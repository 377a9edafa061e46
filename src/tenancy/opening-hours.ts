import { isBankHoliday } from './bank-holidays.js';
import type { BusinessHours } from './organisation-settings.js';

// Building a formatter costs far more than using one: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local calendar date, ISO weekday (1 = Monday) and time of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

/** Whether the organisation is open at `at`: within an interval of that weekday, and not a bank holiday. */
export function isOpen(hours: BusinessHours, at: Date = new Date()): boolean {
  const { date, weekday, time } = localTime(at, hours.timezone);
  if (hours.bankHolidays !== 'none' && isBankHoliday(hours.bankHolidays, date)) return false;
  return (hours.weekly[String(weekday)] ?? []).some((interval) => {
    const [from, to] = interval.split('-');
    return time >= from && time < to;
  });
}
