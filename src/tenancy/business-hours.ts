import type { BusinessHours } from './organisation-settings.js';
import { invalidBusinessHours } from './tenancy.errors.js';

const INTERVAL = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DAYS = ['1', '2', '3', '4', '5', '6', '7'];

/** Checks opening hours: a real IANA zone, ISO weekdays 1–7, "HH:MM-HH:MM" intervals that end after they start. */
export function checkBusinessHours(hours: BusinessHours): BusinessHours {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: hours.timezone });
  } catch {
    throw invalidBusinessHours(`unknown time zone "${String(hours.timezone).slice(0, 64)}"`);
  }
  for (const [day, intervals] of Object.entries(hours.weekly)) {
    if (!DAYS.includes(day)) throw invalidBusinessHours(`weekly keys are ISO weekdays 1 (Monday) to 7 (Sunday), not "${day.slice(0, 8)}"`);
    if (!Array.isArray(intervals) || intervals.length > 6)
      throw invalidBusinessHours(`weekly.${day} must be a list of at most 6 intervals`);
    for (const interval of intervals) {
      const match = typeof interval === 'string' ? INTERVAL.exec(interval) : null;
      if (!match) throw invalidBusinessHours(`weekly.${day}: "${String(interval).slice(0, 16)}" is not HH:MM-HH:MM`);
      const [from, to] = interval.split('-');
      if (to <= from) throw invalidBusinessHours(`weekly.${day}: ${interval} ends before it starts`);
    }
  }
  return hours;
}
