import { describe, expect, it } from '@jest/globals';
import { referralAcknowledgement, type ReferralClock } from './referral-acknowledgement.js';

const at = (iso: string) => new Date(iso);
/** A referral made Friday 11 December 2026 at 15:00, 1 working day to acknowledge: due Monday 17:00, at risk Monday 15:00 (8 of its 10 working hours, 9:00 to 17:00). */
const made = (overrides: Partial<ReferralClock> = {}): ReferralClock => ({
  acknowledgedAt: null,
  acknowledgementDueAt: at('2026-12-14T17:00:00Z'),
  acknowledgementAtRiskAt: at('2026-12-14T15:00:00Z'),
  ...overrides,
});

describe('a referral’s acknowledgement state: running until the service acknowledges it', () => {
  it('is on track, then at risk at 80 %, then breached from the due instant', () => {
    expect(referralAcknowledgement(made(), at('2026-12-12T12:00:00Z'))).toEqual({
      acknowledgementState: 'on_track',
      acknowledgedOnTime: null,
    });
    expect(referralAcknowledgement(made(), at('2026-12-14T14:59:59Z')).acknowledgementState).toBe('on_track');
    expect(referralAcknowledgement(made(), at('2026-12-14T15:00:00Z')).acknowledgementState).toBe('at_risk');
    expect(referralAcknowledgement(made(), at('2026-12-14T17:00:00Z')).acknowledgementState).toBe('breached');
  });

  it('stops once acknowledged, keeping whether that was by the due instant (inclusive)', () => {
    const justInTime = made({ acknowledgedAt: at('2026-12-14T17:00:00Z') });
    expect(referralAcknowledgement(justInTime, at('2026-12-20T09:00:00Z'))).toEqual({
      acknowledgementState: null,
      acknowledgedOnTime: true,
    });
    const late = made({ acknowledgedAt: at('2026-12-14T17:00:01Z') });
    expect(referralAcknowledgement(late, at('2026-12-14T17:00:02Z'))).toEqual({ acknowledgementState: null, acknowledgedOnTime: false });
  });

  it('has no target on a referral made before acknowledgement targets', () => {
    const older = made({ acknowledgementDueAt: null, acknowledgementAtRiskAt: null });
    expect(referralAcknowledgement(older, at('2026-12-20T09:00:00Z'))).toEqual({ acknowledgementState: null, acknowledgedOnTime: null });
    expect(referralAcknowledgement({ ...older, acknowledgedAt: at('2026-12-13T09:00:00Z') }, at('2026-12-20T09:00:00Z'))).toEqual({
      acknowledgementState: null,
      acknowledgedOnTime: null,
    });
  });
});
