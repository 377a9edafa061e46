import type { BusinessHours } from './organisation.entity.js';

/**
 * UK bank holidays (gov.uk). Extend each year; a date missing from the list is treated as a working day.
 */
const BANK_HOLIDAYS: Record<Exclude<BusinessHours['bankHolidays'], 'none'>, readonly string[]> = {
  'england-and-wales': [
    '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  ],
  scotland: [
    '2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28',
  ],
  'northern-ireland': [
    '2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28',
  ],
};

// Building a formatter costs far more than using one: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
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
  if (hours.bankHolidays !== 'none' && BANK_HOLIDAYS[hours.bankHolidays].includes(date)) return false;
  return (hours.weekly[String(weekday)] ?? []).some((interval) => {
    const [from, to] = interval.split('-');
    return time >= from && time < to;
  });
}
