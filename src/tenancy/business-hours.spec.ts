import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../common/errors/domain-error.js';
import { checkBusinessHours } from './business-hours.js';

const base = { timezone: 'Europe/London', bankHolidays: 'england-and-wales' as const };

describe('business hours', () => {
  it('accepts a council week and around-the-clock opening', () => {
    const week = { '1': ['08:00-18:00'], '2': ['08:00-12:30', '13:30-18:00'], '6': [], '7': ['00:00-24:00'] };
    expect(checkBusinessHours({ ...base, weekly: week }).weekly).toEqual(week);
  });

  it('refuses unknown zones, days outside 1–7, malformed or backwards intervals, with the reason', () => {
    expect(() => checkBusinessHours({ ...base, timezone: 'Mars/Olympus', weekly: {} })).toThrow(/time zone/);
    expect(() => checkBusinessHours({ ...base, weekly: { '8': [] } })).toThrow(/ISO weekdays/);
    expect(() => checkBusinessHours({ ...base, weekly: { '1': ['9-5'] } })).toThrow(/HH:MM-HH:MM/);
    expect(() => checkBusinessHours({ ...base, weekly: { '1': ['18:00-08:00'] } })).toThrow(/ends before it starts/);
  });

  it('answers any input with either the hours or a 400, never a crash', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.dictionary(fc.string({ maxLength: 3 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 })),
        (timezone, weekly) => {
          try {
            checkBusinessHours({ ...base, timezone, weekly });
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).status).toBe(400);
          }
        },
      ),
    );
  });
});
