import { addDays, daysBetween } from '../common/calendar-date.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { ukDate } from '../common/uk-date.js';

/** The longest period one report covers. */
export const MAX_REPORT_DAYS = 366;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface ReportPeriod {
  from: string;
  to: string;
  days: number;
}

const realDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/**
 * The UK dates a report covers, both included. With neither given: the last 7 days up to today; with one given, a
 * single day. Refused with the reason: not a real date, `from` after `to`, or longer than MAX_REPORT_DAYS.
 */
export function reportPeriod(from: string | undefined, to: string | undefined, today: string = ukDate()): ReportPeriod {
  const problems: { field: string; problem: string }[] = [];
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !realDate(value)) problems.push({ field, problem: `${field} must be a real YYYY-MM-DD date` });
  }
  if (problems.length > 0) throw new RequestValidationError(problems);
  const end = to ?? from ?? today;
  const start = from ?? (to ? to : addDays(today, -6));
  if (start > end) throw new RequestValidationError([{ field: 'from', problem: 'from must not be after to' }]);
  const days = daysBetween(start, end) + 1;
  if (days > MAX_REPORT_DAYS)
    throw new RequestValidationError([{ field: 'to', problem: `a report covers at most ${MAX_REPORT_DAYS} days` }]);
  return { from: start, to: end, days };
}
