import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { verifyStandardSignature } from './channel-auth.service.js';

const SECRET = 'whsec_c2lnbnBvc3QtZGVtby1jaGFubmVsLXNlY3JldA==';
const now = new Date('2026-11-23T12:00:00Z');

function headers(payload: string, at = now, id = 'msg_1', secret = SECRET) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, payload),
  };
}

describe('Standard Webhooks signature check', () => {
  it('accepts what the standardwebhooks package signed, whatever the bytes (JSON or not)', () => {
    fc.assert(fc.property(fc.string(), (payload) => expect(verifyStandardSignature(SECRET, payload, headers(payload), now)).toBe(true)));
  });

  it('checks raw bytes (valid UTF-8 or not) and any Unicode text exactly as the package signs them', () => {
    const signedBytes = (bytes: Buffer) => ({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRET).sign('msg_1', now, bytes),
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) =>
        expect(verifyStandardSignature(SECRET, Buffer.from(bytes), signedBytes(Buffer.from(bytes)), now)).toBe(true),
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) =>
        expect(verifyStandardSignature(SECRET, Buffer.from(text), headers(text), now)).toBe(true),
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) =>
        expect(verifyStandardSignature(SECRET, text, headers(text), now)).toBe(true),
      ),
    );
  });

  it('refuses any change to the body, the id or the timestamp', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (payload, extra) => {
        const signed = headers(payload);
        expect(verifyStandardSignature(SECRET, payload + extra, signed, now)).toBe(false);
        expect(verifyStandardSignature(SECRET, payload, { ...signed, 'webhook-id': signed['webhook-id'] + 'x' }, now)).toBe(false);
        expect(
          verifyStandardSignature(
            SECRET,
            payload,
            { ...signed, 'webhook-timestamp': String(Number(signed['webhook-timestamp']) + 1) },
            now,
          ),
        ).toBe(false);
      }),
    );
  });

  it('refuses timestamps more than five minutes off, either way, and another secret', () => {
    expect(verifyStandardSignature(SECRET, '{}', headers('{}', new Date(now.getTime() - 6 * 60_000)), now)).toBe(false);
    expect(verifyStandardSignature(SECRET, '{}', headers('{}', new Date(now.getTime() + 6 * 60_000)), now)).toBe(false);
    expect(verifyStandardSignature(SECRET, '{}', headers('{}', new Date(now.getTime() - 4 * 60_000)), now)).toBe(true);
    expect(verifyStandardSignature(SECRET, '{}', headers('{}', now, 'msg_1', 'whsec_b3RoZXItc2VjcmV0LW9mLWVub3VnaC1sZW5ndGg='), now)).toBe(
      false,
    );
  });

  it('answers arbitrary header values with false, never an exception', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (id, timestamp, signature) => {
        expect(
          typeof verifyStandardSignature(
            SECRET,
            '{}',
            { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
            now,
          ),
        ).toBe('boolean');
      }),
    );
  });

  it('accepts one good signature among several (key rotation on the sender side)', () => {
    const signed = headers('{}');
    expect(
      verifyStandardSignature(SECRET, '{}', { ...signed, 'webhook-signature': `v1,bm9wZQ== ${signed['webhook-signature']}` }, now),
    ).toBe(true);
  });
});
