import { describe, expect, it } from '@jest/globals';
import { referralMessage } from './referral-message.js';
import type { OutboundReferral } from './delivery-adapter.js';

const referral = (acknowledgementDueAt: Date | null): OutboundReferral => ({
  messageId: 'msg_1',
  escalationId: '00000000-0000-4000-8000-000000000001',
  reference: 'ENQ-2026-000001',
  organisation: 'lancashire',
  organisationName: 'Lancashire County Council',
  service: { code: 'highways', name: 'Highways' },
  fields: { name: 'Ada' },
  createdAt: new Date('2026-12-11T15:00:00Z'),
  acknowledgementDueAt,
});

describe('the referral message tells the service when to acknowledge it by', () => {
  it('carries acknowledgementDueAt in the webhook body and the acknowledge-by time (UK) in the e-mail', () => {
    const message = referralMessage(referral(new Date('2026-12-14T17:00:00Z')));
    expect(JSON.parse(message.event).data.acknowledgementDueAt).toBe('2026-12-14T17:00:00.000Z');
    expect(message.email.text).toContain('acknowledge it by Monday, 14 December 2026 at 17:00 (UK time)');
  });

  it('leaves both out for a referral made before acknowledgement targets', () => {
    const message = referralMessage(referral(null));
    expect(JSON.parse(message.event).data).not.toHaveProperty('acknowledgementDueAt');
    expect(message.email.text).not.toContain('acknowledge');
  });
});
