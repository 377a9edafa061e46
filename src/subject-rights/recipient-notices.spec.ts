import { describe, expect, it } from '@jest/globals';
import { NOTICE_KINDS } from '../contracts/subject-requests.js';
import { noticeMessage } from './recipient-notices.js';

const source = {
  id: '6f1c2a52-57a4-4d43-9f0e-3f0a0a0a0a0a',
  messageId: 'msg_notice',
  escalationId: '0b5c0d3e-0000-4000-8000-000000000001',
  reference: 'ENQ-7K3M9Q',
  organisation: 'lancashire',
  organisationName: 'Lancashire County Council',
  service: { code: 'highways', name: 'Highways Service' },
  fields: { name: 'Ada Corrected', contactNumber: '07700 900999' },
  createdAt: new Date('2026-11-29T10:00:00Z'),
};

describe('recipient notices as the receiver gets them', () => {
  it('carries the corrected fields in a rectification, as a signed event and as labelled text', () => {
    const message = noticeMessage({ ...source, kind: 'rectification' });
    expect(message.messageId).toBe('msg_notice');
    expect(JSON.parse(message.event)).toEqual({
      type: 'subject.rectified',
      data: {
        noticeId: source.id,
        escalationId: source.escalationId,
        reference: 'ENQ-7K3M9Q',
        organisation: 'lancashire',
        service: 'highways',
        fields: { name: 'Ada Corrected', contactNumber: '07700 900999' },
        createdAt: '2026-11-29T10:00:00.000Z',
      },
    });
    expect(message.email.subject).toBe('Correction to the details of referral ENQ-7K3M9Q (Highways Service)');
    expect(message.email.text).toContain('Name: Ada Corrected\nContact number: 07700 900999');
  });

  it('carries no personal values in any other kind, whatever the row holds', () => {
    for (const kind of NOTICE_KINDS.filter((k) => k !== 'rectification')) {
      const message = noticeMessage({ ...source, kind });
      const event = JSON.parse(message.event) as { type: string; data: Record<string, unknown> };
      expect(event.type).toBe(
        `subject.${kind === 'restriction_lifted' ? 'restriction_lifted' : kind === 'erasure' ? 'erased' : 'restricted'}`,
      );
      expect(event.data.fields).toBeUndefined();
      expect(message.event + message.email.text).not.toContain('Ada Corrected');
      expect(message.email.text).toContain('Article');
    }
  });
});
