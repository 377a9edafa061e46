import { describe, expect, it } from '@jest/globals';
import { changedFields } from './service-levels.service.js';
import { DEFAULT_REFERRAL_ACKNOWLEDGEMENT, acknowledgementTarget, channelTargets, enquiryTargets } from './service-level-targets.js';

const days = (amount: number) => ({ amount, unit: 'working_days' as const });
const hours = (amount: number) => ({ amount, unit: 'working_hours' as const });

describe('service-level targets: the organisation’s where set, a service’s over its channel’s, else the defaults', () => {
  it('gives a council’s defaults when nothing is set', () => {
    const all = channelTargets({});
    expect(all.email).toEqual({ firstResponse: days(2), resolution: days(10) });
    expect(all.form.firstResponse).toEqual(days(2));
    expect(all.social.firstResponse).toEqual(days(2));
    expect(all.phone.firstResponse).toEqual(hours(0));
    expect(all.webchat.firstResponse).toEqual(hours(0));
    expect(acknowledgementTarget({}, 'highways')).toEqual(DEFAULT_REFERRAL_ACKNOWLEDGEMENT);
  });

  it('lets a service override its channel, one target at a time, matching the topic as a code', () => {
    const stored = {
      channels: { email: { firstResponse: hours(4) } },
      services: [{ service: 'highways', resolution: hours(5), acknowledgement: hours(8) }],
      referralAcknowledgement: days(2),
    };
    expect(enquiryTargets(stored, 'email', ' Highways ')).toEqual({ firstResponse: hours(4), resolution: hours(5) });
    expect(enquiryTargets(stored, 'email', null)).toEqual({ firstResponse: hours(4), resolution: days(10) });
    expect(enquiryTargets(stored, 'phone', 'highways')).toEqual({ firstResponse: hours(0), resolution: hours(5) });
    expect(acknowledgementTarget(stored, 'highways')).toEqual(hours(8));
    expect(acknowledgementTarget(stored, 'waste')).toEqual(days(2));
  });

  it('names the targets a change touched, for the audit trail (names only)', () => {
    expect(
      changedFields(
        { channels: { email: { firstResponse: days(2) } }, services: [{ service: 'waste', resolution: days(3) }] },
        { channels: { email: { firstResponse: days(3) } }, referralAcknowledgement: days(1) },
      ),
    ).toEqual(['channels.email.firstResponse', 'referralAcknowledgement', 'services.waste.resolution']);
    expect(changedFields({}, {})).toEqual([]);
  });
});
