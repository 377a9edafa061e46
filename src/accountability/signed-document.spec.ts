import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, signDocument, signingKey, verifyDocument } from './signed-document.js';

describe('signed documents (certificates of deletion)', () => {
  const secret = randomBytes(32).toString('base64');

  it('writes canonical JSON: keys sorted at every depth, no whitespace, the same for any key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 'x', e: null }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"e":null,"f":"x"}]},"b":1}');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('verifies what it signed, with the same key on every instance, and nothing altered', () => {
    const document = { type: 'certificate-of-deletion', organisation: 'leaving', erased: { webchat: 12 } };
    const signature = signDocument(document, signingKey(secret));
    expect(signDocument(document, signingKey(secret))).toEqual(signature); // Ed25519 is deterministic
    expect(verifyDocument(document, signature)).toBe(true);
    expect(verifyDocument({ ...document, erased: { webchat: 11 } }, signature)).toBe(false);
    expect(verifyDocument(document, signDocument({ ...document }, signingKey(randomBytes(32).toString('base64'))))).toBe(true);
    expect(verifyDocument(document, { ...signature, publicKey: signDocument(document, signingKey(randomBytes(32).toString('base64'))).publicKey })).toBe(false);
  });
});
