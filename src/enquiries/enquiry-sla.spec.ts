import { describe, expect, it } from '@jest/globals';
import type { BusinessHours } from '../tenancy/organisation-settings.js';
import { clockAfterWait, enquirySla, type EnquiryClock } from './enquiry-sla.js';

const at = (iso: string) => new Date(iso);
/** An e-mail received Monday 7 December 2026 09:00: first response due Wednesday 17:00, resolution the Monday after. */
const received = (overrides: Partial<EnquiryClock> = {}): EnquiryClock => ({
  status: 'new',
  firstResponseDueAt: at('2026-12-09T17:00:00Z'),
  firstResponseAtRiskAt: at('2026-12-09T12:12:00Z'),
  firstRespondedAt: null,
  resolutionDueAt: at('2026-12-21T17:00:00Z'),
  resolutionAtRiskAt: at('2026-12-18T09:00:00Z'),
  ...overrides,
});

describe('an enquiry’s service-level state: the sooner unmet target’s, at the instant given', () => {
  it('follows the first response while it is unmet', () => {
    expect(enquirySla(received(), at('2026-12-08T10:00:00Z'))).toEqual({ slaState: 'on_track', slaDueAt: at('2026-12-09T17:00:00Z') });
    expect(enquirySla(received(), at('2026-12-09T12:12:00Z')).slaState).toBe('at_risk');
    expect(enquirySla(received(), at('2026-12-09T17:00:00Z')).slaState).toBe('breached');
  });

  it('follows the resolution once the citizen was answered', () => {
    const answered = received({ firstRespondedAt: at('2026-12-08T10:00:00Z'), status: 'in_progress' });
    expect(enquirySla(answered, at('2026-12-10T10:00:00Z'))).toEqual({ slaState: 'on_track', slaDueAt: at('2026-12-21T17:00:00Z') });
    expect(enquirySla(answered, at('2026-12-18T09:00:00Z')).slaState).toBe('at_risk');
    expect(enquirySla(answered, at('2026-12-22T09:00:00Z')).slaState).toBe('breached');
  });

  it('has none running once resolved or closed, or on an enquiry older than service levels', () => {
    expect(enquirySla(received({ status: 'resolved' }), at('2027-01-05T09:00:00Z'))).toEqual({ slaState: null, slaDueAt: null });
    expect(enquirySla(received({ status: 'closed' }), at('2027-01-05T09:00:00Z')).slaState).toBeNull();
    const older = received({ firstResponseDueAt: null, firstResponseAtRiskAt: null, resolutionDueAt: null, resolutionAtRiskAt: null });
    expect(enquirySla(older, at('2027-01-05T09:00:00Z')).slaState).toBeNull();
  });

  it('keeps an escalated enquiry’s resolution running (the contact centre still owes the citizen an outcome)', () => {
    expect(
      enquirySla(received({ status: 'escalated', firstRespondedAt: at('2026-12-08T10:00:00Z') }), at('2026-12-22T09:00:00Z')).slaState,
    ).toBe('breached');
  });
});

/** Monday to Friday, 9 to 5, UK time (GMT in December, so the instants below read as local time), English bank holidays. */
const office: BusinessHours = {
  timezone: 'Europe/London',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, ['09:00-17:00']])),
  bankHolidays: 'england-and-wales',
};
const HOUR = 3_600_000;

describe('waiting for the citizen: the clock stands still while the advisor waits for an answer', () => {
  it('is paused while waiting, whatever the instants say, and runs again once the wait ends', () => {
    expect(enquirySla(received({ waitingSince: at('2026-12-08T10:00:00Z') }), at('2026-12-10T10:00:00Z'))).toEqual({
      slaState: 'paused',
      slaDueAt: null,
    });
    expect(enquirySla(received({ waitingSince: null }), at('2026-12-10T10:00:00Z')).slaState).toBe('breached');
    // Done is done: a resolved enquiry has no running target to pause.
    expect(
      enquirySla(received({ status: 'resolved', waitingSince: at('2026-12-08T10:00:00Z') }), at('2026-12-10T10:00:00Z')).slaState,
    ).toBeNull();
  });

  it('across a weekend: waiting from Thursday 10 December 15:00 to Monday 14th 11:00 stops 12 working hours, and the resolution moves on by them', () => {
    // Thursday 15:00–17:00 (2 h) + Friday 11th 09:00–17:00 (8 h) + Monday 14th 09:00–11:00 (2 h) = 12 working hours.
    // Resolution due Monday 21st 17:00 + 12 h: Tuesday 22nd 09:00–17:00 (8 h) + Wednesday 23rd 09:00–13:00 (4 h) → 23rd 13:00.
    // At risk Friday 18th 09:00 + 12 h: Friday 09:00–17:00 (8 h) + Monday 21st 09:00–13:00 (4 h) → 21st 13:00.
    // The first response (given on Tuesday 8th) is met and does not move.
    const answered = received({ firstRespondedAt: at('2026-12-08T10:00:00Z') });
    const after = clockAfterWait(answered, office, at('2026-12-10T15:00:00Z'), at('2026-12-14T11:00:00Z'));
    expect(after.waitedMs).toBe(12 * HOUR);
    expect(after.resolutionDueAt).toEqual(at('2026-12-23T13:00:00Z'));
    expect(after.resolutionAtRiskAt).toEqual(at('2026-12-21T13:00:00Z'));
    expect(after.firstResponseDueAt).toEqual(answered.firstResponseDueAt);
    expect(after.firstResponseAtRiskAt).toEqual(answered.firstResponseAtRiskAt);
  });

  it('across Christmas: waiting from Thursday 24 December 2026 16:00 to Tuesday 29th 10:00 stops only 2 working hours', () => {
    // 24th 16:00–17:00 (1 h); Friday 25th Christmas Day, the weekend and Monday 28th (Boxing Day, substitute) closed;
    // Tuesday 29th 09:00–10:00 (1 h). Resolution due Wednesday 6 January 2027 17:00 + 2 h → Thursday 7th 11:00.
    const after = clockAfterWait(
      {
        firstRespondedAt: at('2026-12-21T10:00:00Z'),
        firstResponseDueAt: at('2026-12-22T17:00:00Z'),
        firstResponseAtRiskAt: at('2026-12-22T10:36:00Z'),
        resolutionDueAt: at('2027-01-06T17:00:00Z'),
        resolutionAtRiskAt: at('2027-01-04T17:00:00Z'),
      },
      office,
      at('2026-12-24T16:00:00Z'),
      at('2026-12-29T10:00:00Z'),
    );
    expect(after.waitedMs).toBe(2 * HOUR);
    expect(after.resolutionDueAt).toEqual(at('2027-01-07T11:00:00Z'));
    expect(after.resolutionAtRiskAt).toEqual(at('2027-01-05T11:00:00Z'));
  });

  it('moves an unmet first response too: waiting Monday 7 December 10:00–12:00 moves Wednesday 9th 17:00 to Thursday 10th 11:00', () => {
    const after = clockAfterWait(received(), office, at('2026-12-07T10:00:00Z'), at('2026-12-07T12:00:00Z'));
    expect(after.firstResponseDueAt).toEqual(at('2026-12-10T11:00:00Z'));
    expect(after.firstResponseAtRiskAt).toEqual(at('2026-12-09T14:12:00Z'));
    expect(after.resolutionDueAt).toEqual(at('2026-12-22T11:00:00Z'));
  });

  it('never undoes a breach or a warning: an instant already passed when the wait began stays', () => {
    // Waiting from Tuesday 22nd 10:00, after the resolution fell due on Monday 21st 17:00.
    const late = clockAfterWait(
      received({ firstRespondedAt: at('2026-12-08T10:00:00Z') }),
      office,
      at('2026-12-22T10:00:00Z'),
      at('2026-12-22T12:00:00Z'),
    );
    expect(late.waitedMs).toBe(2 * HOUR);
    expect(late.resolutionDueAt).toEqual(at('2026-12-21T17:00:00Z'));
    expect(late.resolutionAtRiskAt).toEqual(at('2026-12-18T09:00:00Z'));
    // Waiting outside opening hours stops no working time: nothing moves.
    const overnight = clockAfterWait(received(), office, at('2026-12-07T18:00:00Z'), at('2026-12-08T08:30:00Z'));
    expect(overnight.waitedMs).toBe(0);
    expect(overnight.firstResponseDueAt).toEqual(at('2026-12-09T17:00:00Z'));
  });
});
