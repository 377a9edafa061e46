import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { derivedKey } from '../../common/key-ring.js';
import { isReplyToken, replyToken } from './mail-authentication.js';

/** A token as acknowledgements carried before keys were derived: an HMAC under SIGNPOST_SECRET_KEY itself. */
const tokenBeforeDerivation = (secretKey: string, enquiryId: string) =>
  createHmac('sha256', Buffer.from(secretKey, 'base64')).update(`reply:${enquiryId}`).digest('base64url').slice(0, 22);

describe('e-mail reply tokens', () => {
  const secretKey = randomBytes(32).toString('base64');

  it('makes new tokens with the key derived for reply tokens, not with the secret key that seals stored secrets', () => {
    const enquiryId = randomUUID();
    const token = replyToken(secretKey, enquiryId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(token).toBe(
      createHmac('sha256', derivedKey(secretKey, 'replyTokens')).update(`reply:${enquiryId}`).digest('base64url').slice(0, 22),
    );
    expect(token).not.toBe(tokenBeforeDerivation(secretKey, enquiryId));
  });

  it('accepts a new token and one citizens already hold from before the change, for that enquiry only', () => {
    const enquiryId = randomUUID();
    expect(isReplyToken(secretKey, enquiryId, replyToken(secretKey, enquiryId))).toBe(true);
    expect(isReplyToken(secretKey, enquiryId, tokenBeforeDerivation(secretKey, enquiryId))).toBe(true);
    const other = randomUUID();
    expect(isReplyToken(secretKey, other, replyToken(secretKey, enquiryId))).toBe(false);
    expect(isReplyToken(secretKey, other, tokenBeforeDerivation(secretKey, enquiryId))).toBe(false);
    const anotherKey = randomBytes(32).toString('base64');
    expect(isReplyToken(anotherKey, enquiryId, replyToken(secretKey, enquiryId))).toBe(false);
    expect(isReplyToken(anotherKey, enquiryId, tokenBeforeDerivation(secretKey, enquiryId))).toBe(false);
  });

  it('refuses any other token, of any length, without throwing', () => {
    const enquiryId = randomUUID();
    const valid = new Set([replyToken(secretKey, enquiryId), tokenBeforeDerivation(secretKey, enquiryId)]);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (token) => {
        expect(isReplyToken(secretKey, enquiryId, token)).toBe(valid.has(token));
      }),
    );
  });
});
