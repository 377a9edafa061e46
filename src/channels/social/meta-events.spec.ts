import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../../common/errors/domain-error.js';
import { acceptableMediaUrl, parseMetaEvents, verifyHubSignature } from './meta-events.js';

const secret = 'signpost-demo-app-secret';
const sign = (raw: Buffer) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('Meta webhook signature', () => {
  it('accepts the HMAC of exactly these bytes and nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 10 }), (bytes, extra) => {
        const raw = Buffer.from(bytes);
        expect(verifyHubSignature(secret, raw, sign(raw))).toBe(true);
        expect(verifyHubSignature(secret, Buffer.concat([raw, Buffer.from(extra)]), sign(raw))).toBe(false);
        expect(verifyHubSignature('another-secret', raw, sign(raw))).toBe(false);
      }),
    );
    expect(verifyHubSignature(secret, Buffer.from('{}'), undefined)).toBe(false);
    expect(verifyHubSignature(secret, Buffer.from('{}'), 'sha1=abc')).toBe(false);
  });
});

describe('Meta events', () => {
  it('reads direct messages and comments, skipping echoes and receipts', () => {
    const events = parseMetaEvents({
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          messaging: [
            {
              sender: { id: 'U1' },
              message: {
                mid: 'm1',
                text: 'My bin was missed',
                attachments: [{ payload: { url: 'https://cdn.example/photo.jpg' } }, { payload: { url: 'http://169.254.169.254/x' } }],
              },
            },
            { sender: { id: 'PAGE' }, message: { mid: 'm2', text: 'echo', is_echo: true } },
            { sender: { id: 'U1' }, delivery: { mids: ['m1'] } },
          ],
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: 'c1',
                post_id: 'P1',
                from: { id: 'U2', name: 'Sam Commenter' },
                message: 'Pothole on Main St',
              },
            },
          ],
        },
      ],
    });
    expect(events).toEqual([
      {
        kind: 'direct_message',
        messageId: 'm1',
        conversationKey: 'dm:PAGE:U1',
        platformUserId: 'U1',
        text: 'My bin was missed',
        mediaUrls: ['https://cdn.example/photo.jpg'],
      },
      {
        kind: 'comment',
        messageId: 'c1',
        conversationKey: 'comment:P1:U2',
        platformUserId: 'U2',
        name: 'Sam Commenter',
        text: 'Pothole on Main St',
        mediaUrls: [],
      },
    ]);
  });

  it('never keeps a media URL that points inside a network', () => {
    for (const url of [
      'http://cdn.example/x.jpg',
      'https://localhost/x',
      'https://10.0.0.1/x',
      'https://[::1]/x',
      'https://metadata.google.internal/x',
    ])
      expect(acceptableMediaUrl(url)).toBeUndefined();
  });

  it('answers any JSON with events or a 400, never a crash', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          const events = parseMetaEvents(value);
          expect(Array.isArray(events)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).status).toBe(400);
        }
      }),
    );
  });
});
