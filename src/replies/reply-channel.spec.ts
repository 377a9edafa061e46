import { describe, expect, it } from '@jest/globals';
import { replyChannelFor, type ReplyReach } from './reply-channel.js';

const reach = (overrides: Partial<ReplyReach>): ReplyReach => ({
  enquiryChannel: 'email',
  emails: [],
  phones: [],
  social: false,
  ...overrides,
});

describe('rule: a reply goes by the citizen’s channel, else what they gave, and to phone or chat callers only as agreed (replyChannelFor)', () => {
  it('chooses, falls back and refuses as the rule says', () => {
    // The citizen's own channel first: their e-mail thread, their social conversation.
    expect(replyChannelFor(reach({ threadAddress: 'a@example.org', emails: ['b@example.org'] }), undefined, false)).toEqual({
      channel: 'email',
      recipient: 'a@example.org',
    });
    expect(replyChannelFor(reach({ enquiryChannel: 'social', social: true, emails: ['b@example.org'] }), undefined, false)).toEqual({
      channel: 'social',
      recipient: 'social',
    });
    // A form: what they gave, e-mail before a mobile number.
    expect(
      replyChannelFor(reach({ enquiryChannel: 'form', emails: ['b@example.org'], phones: ['07700900123'] }), undefined, false),
    ).toEqual({ channel: 'email', recipient: 'b@example.org' });
    expect(replyChannelFor(reach({ enquiryChannel: 'form', phones: ['07700900123'] }), undefined, false)).toEqual({
      channel: 'sms',
      recipient: '07700900123',
    });
    // A phone call: by text or e-mail only when the person agreed.
    const call = reach({ enquiryChannel: 'phone', phones: ['07700900123'] });
    expect(replyChannelFor(call, 'sms', false)).toMatchObject({ refusal: { code: 'CONTACT_AGREEMENT_REQUIRED' } });
    expect(replyChannelFor(call, 'sms', true)).toEqual({ channel: 'sms', recipient: '07700900123' });
    // Nothing given, or a channel they have no address for: refused, never guessed.
    expect(replyChannelFor(reach({ enquiryChannel: 'webchat' }), undefined, true)).toMatchObject({ refusal: { code: 'NO_REPLY_CHANNEL' } });
    expect(replyChannelFor(call, 'email', true)).toMatchObject({ refusal: { code: 'REPLY_CHANNEL_UNAVAILABLE', status: 422 } });
    expect(replyChannelFor(reach({ emails: ['b@example.org'] }), 'social', true)).toMatchObject({
      refusal: { code: 'REPLY_CHANNEL_UNAVAILABLE' },
    });
  });
});
