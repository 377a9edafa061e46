import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { derivedKey, KEY_PURPOSES, legacyKey, secretKeyBytes, type KeyPurpose } from './key-ring.js';

const SECRET_KEY = 'dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE=';
const PURPOSES = Object.keys(KEY_PURPOSES) as KeyPurpose[];

/** RFC 5869 written out with HMAC, independently of node's hkdfSync: extract with the salt, expand one block. */
function hkdfByHand(ikm: Buffer, salt: string, info: string): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
    .digest();
}

describe('key ring: one key per purpose, derived from SIGNPOST_SECRET_KEY', () => {
  it('derives each purpose with HKDF-SHA256 (salt "signpost", the purpose as info), pinned so stored values keep opening', () => {
    expect(derivedKey(SECRET_KEY, 'documentSigning').toString('hex')).toBe(
      '3f09c679c2bb07d2678295cb235c5f573055e262777fbd51430385813a0095ca',
    );
    expect(derivedKey(SECRET_KEY, 'sealing').toString('hex')).toBe('14037523c7af7801f1e4a3ee26fc72dfaa00d6fb766978914313096010005f5a');
    expect(derivedKey(SECRET_KEY, 'replyTokens').toString('hex')).toBe('a882f0a87ffdb117a1559949c6c1a6dac2bba1f8a097ac146f171421e34fd63a');
    for (const purpose of PURPOSES) {
      expect(derivedKey(SECRET_KEY, purpose)).toEqual(hkdfByHand(Buffer.from(SECRET_KEY, 'base64'), 'signpost', KEY_PURPOSES[purpose]));
    }
  });

  it('keeps the document-signing derivation certificates already carry (info "document-signing-ed25519")', () => {
    expect(KEY_PURPOSES.documentSigning).toBe('document-signing-ed25519');
  });

  it('gives every purpose its own key, none of them the secret key itself, for any secret key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const secretKey = Buffer.from(bytes).toString('base64');
        const keys = [legacyKey(secretKey), ...PURPOSES.map((purpose) => derivedKey(secretKey, purpose))].map((key) => key.toString('hex'));
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(key).toHaveLength(64);
      }),
      { numRuns: 50 },
    );
  });

  it('derives different keys from different secret keys', () => {
    const other = randomBytes(32).toString('base64');
    for (const purpose of PURPOSES) expect(derivedKey(other, purpose)).not.toEqual(derivedKey(SECRET_KEY, purpose));
  });

  it('refuses a secret key that is not 32 bytes', () => {
    expect(() => secretKeyBytes(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => derivedKey(randomBytes(33).toString('base64'), 'sealing')).toThrow(/32 bytes/);
    expect(secretKeyBytes(SECRET_KEY)).toHaveLength(32);
  });
});
