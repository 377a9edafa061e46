import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkCertificate } from './certificate-check.js';
import {
  canonicalJson,
  parsePublicKey,
  PublicKeyFormatError,
  publicKeyFingerprint,
  publicKeyOf,
  publicKeyPem,
  publicKeyText,
  signDocument,
  signingKey,
  verifyDocument,
} from './signed-document.js';

describe('signed documents (certificates of deletion)', () => {
  const secret = randomBytes(32).toString('base64');
  const deployment = publicKeyOf(signingKey(secret));
  const document = { type: 'certificate-of-deletion', organisation: 'leaving', erased: { webchat: 12 } };

  it('writes canonical JSON: keys sorted at every depth, no whitespace, the same for any key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 'x', e: null }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"e":null,"f":"x"}]},"b":1}');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(
          JSON.stringify(value, (_key, v) =>
            v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
          ),
        );
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('verifies what it signed, with the same key on every instance, and nothing altered', () => {
    const signature = signDocument(document, signingKey(secret));
    expect(signDocument(document, signingKey(secret))).toEqual(signature); // Ed25519 is deterministic
    expect(verifyDocument(document, signature, deployment)).toBe(true);
    expect(verifyDocument({ ...document, erased: { webchat: 11 } }, signature, deployment)).toBe(false);
  });

  it('keeps the signing key it has always derived from SIGNPOST_SECRET_KEY, so certificates already issued still verify', () => {
    // Public key and signature made by the code before the key ring, for the test suite's secret key.
    const testKey = 'dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE=';
    expect(publicKeyText(signingKey(testKey))).toBe('MCowBQYDK2VwAyEAn0jgsvEvP2TvhAFYXOFXOXw+l1akVFNjh5qjd/rscFU=');
    const issued = {
      algorithm: 'Ed25519' as const,
      publicKey: 'MCowBQYDK2VwAyEAn0jgsvEvP2TvhAFYXOFXOXw+l1akVFNjh5qjd/rscFU=',
      value: 'piq0iGSMpiX+gtOVZAvuMWuMbE2hDkZYWJkGKRN7xcrU+sJ04+cAM9Dsho/ToCZToPVKJMJ1we+QSY8OR1aTDA==',
    };
    expect(verifyDocument({ a: 1 }, issued, publicKeyOf(signingKey(testKey)))).toBe(true);
  });

  it('trusts only the key it is given: a certificate signed by another key, with that key embedded, is NOT valid', () => {
    const forger = signingKey(randomBytes(32).toString('base64'));
    const forged = signDocument(document, forger); // a valid signature by the forger's key, which it names
    expect(verifyDocument(document, forged, deployment)).toBe(false);
    // Naming the deployment's key while signed by another does not help either.
    expect(verifyDocument(document, { ...forged, publicKey: publicKeyText(deployment) }, deployment)).toBe(false);
    // The deployment's own signature naming another key is refused: the label must agree with the trusted key.
    expect(verifyDocument(document, { ...signDocument(document, signingKey(secret)), publicKey: forged.publicKey }, deployment)).toBe(
      false,
    );
    // The same certificate checks out against the forger's key when that is the key an auditor chose to trust.
    expect(verifyDocument(document, forged, publicKeyOf(forger))).toBe(true);
  });

  it('refuses signatures of another algorithm and malformed ones without throwing', () => {
    const signature = signDocument(document, signingKey(secret));
    expect(verifyDocument(document, { ...signature, algorithm: 'RS256' as 'Ed25519' }, deployment)).toBe(false);
    expect(verifyDocument(document, { ...signature, value: 'not base64 at all!' }, deployment)).toBe(false);
    expect(verifyDocument(document, { ...signature, publicKey: 'garbage' }, deployment)).toBe(false);
    expect(verifyDocument(document, null as never, deployment)).toBe(false);
  });

  it('reads a trusted key as base64 SubjectPublicKeyInfo or PEM, Ed25519 only, and refuses anything else with a reason', () => {
    expect(parsePublicKey(publicKeyText(deployment)).equals(deployment)).toBe(true);
    expect(parsePublicKey(`  ${publicKeyPem(deployment)}\n`).equals(deployment)).toBe(true);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(() => parsePublicKey(rsa.export({ format: 'der', type: 'spki' }).toString('base64'))).toThrow(/rsa key/);
    expect(() => parsePublicKey('')).toThrow(PublicKeyFormatError);
    expect(() => parsePublicKey('AAAA')).toThrow(/not a SubjectPublicKeyInfo/);
    fc.assert(
      fc.property(fc.string(), (text) => {
        // Any text: a key, or a PublicKeyFormatError, never another exception.
        try {
          expect(parsePublicKey(text).asymmetricKeyType).toBe('ed25519');
        } catch (error) {
          expect(error).toBeInstanceOf(PublicKeyFormatError);
        }
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        try {
          expect(parsePublicKey(Buffer.from(bytes).toString('base64')).asymmetricKeyType).toBe('ed25519');
        } catch (error) {
          expect(error).toBeInstanceOf(PublicKeyFormatError);
        }
      }),
    );
  });

  it('fingerprints a key as SHA-256 of its SubjectPublicKeyInfo, colon-separated hex, the same as openssl prints', () => {
    // openssl pkey -pubin -outform DER | openssl dgst -sha256 -c, for the test suite's key.
    const testKey = publicKeyOf(signingKey('dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE='));
    expect(publicKeyFingerprint(testKey)).toBe(
      'ad:1f:a2:8e:47:9a:4a:67:4b:18:4c:62:26:f0:19:d5:2d:19:2a:a9:14:3a:a5:e7:5c:dd:f4:5e:ff:ac:9f:e6',
    );
    expect(publicKeyFingerprint(signingKey(secret))).toBe(publicKeyFingerprint(deployment));
    expect(publicKeyFingerprint(signingKey(randomBytes(32).toString('base64')))).not.toBe(publicKeyFingerprint(deployment));
  });
});

describe('checking a certificate of deletion', () => {
  const secret = randomBytes(32).toString('base64');
  const trusted = { key: publicKeyOf(signingKey(secret)), name: "this deployment's key" };
  const certificate = { type: 'signpost.certificate-of-deletion', organisation: { slug: 'leaving' } };
  const fingerprint = publicKeyFingerprint(trusted.key);

  it('says valid, and names the key it used with its fingerprint', () => {
    expect(checkCertificate({ certificate, signature: signDocument(certificate, signingKey(secret)) }, trusted)).toEqual({
      valid: true,
      line: `valid: signed by this deployment's key (SHA-256 fingerprint ${fingerprint})`,
    });
  });

  it('says NOT valid for a certificate signed by another key with that key embedded, naming both keys', () => {
    const forger = signingKey(randomBytes(32).toString('base64'));
    const verdict = checkCertificate({ certificate, signature: signDocument(certificate, forger) }, trusted);
    expect(verdict.valid).toBe(false);
    expect(verdict.line).toBe(
      `NOT valid: it was signed with another key (SHA-256 fingerprint ${publicKeyFingerprint(forger)}), not this deployment's key (SHA-256 fingerprint ${fingerprint})`,
    );
  });

  it('says NOT valid for an altered certificate, a forged signature claiming the trusted key, and a file that is no signed certificate', () => {
    const signature = signDocument(certificate, signingKey(secret));
    const altered = checkCertificate({ certificate: { ...certificate, organisation: { slug: 'other' } }, signature }, trusted);
    expect(altered).toEqual({
      valid: false,
      line: `NOT valid: the signature does not match the certificate (altered, or not signed with this deployment's key (SHA-256 fingerprint ${fingerprint}))`,
    });
    const raw = sign(null, Buffer.from(canonicalJson(certificate)), signingKey(randomBytes(32).toString('base64'))).toString('base64');
    expect(checkCertificate({ certificate, signature: { ...signature, value: raw } }, trusted).valid).toBe(false);
    for (const file of [undefined, null, 42, 'text', {}, { certificate }, { signature }]) {
      expect(checkCertificate(file, trusted)).toEqual({
        valid: false,
        line: 'NOT valid: not a signed certificate (expected {"certificate": …, "signature": …})',
      });
    }
  });
});
