import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SealedSecretError, SecretBox, sealedFor } from './secret-box.js';

/** A value sealed as the code before key derivation did (v1: the secret key itself, no binding). */
function sealV1(secretKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(secretKey, 'base64'), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

describe('secret box', () => {
  const secretKey = randomBytes(32).toString('base64');
  const box = new SecretBox(secretKey);
  const organisation = randomUUID();
  const phone = sealedFor.channelSecret(organisation, 'phone');

  it('opens what it sealed, and the sealed form never contains the secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (secret) => {
        const sealed = box.seal(secret, phone);
        expect(sealed).toMatch(/^v2\./);
        expect(box.open(sealed, phone)).toBe(secret);
        if (secret.length >= 4) expect(sealed).not.toContain(secret);
      }),
    );
  });

  it('refuses a tampered value and a value sealed under another key', () => {
    const sealed = box.seal('whsec_example', phone);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'), phone)).toThrow(SealedSecretError);
    expect(() => box.open([parts[0], parts[1], parts[2].slice(0, 10), parts[3]].join('.'), phone)).toThrow(SealedSecretError); // a truncated tag
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed, phone)).toThrow(SealedSecretError);
    expect(() => box.open('not sealed', phone)).toThrow(SealedSecretError);
  });

  it('binds a sealed value to its organisation and purpose: moved to another organisation, column, channel or service, it does not open', () => {
    const service = randomUUID();
    const webhook = sealedFor.webhookSecret(organisation, service);
    const sealed = box.seal('whsec_bound', webhook);
    expect(box.open(sealed, webhook)).toBe('whsec_bound');
    for (const elsewhere of [
      sealedFor.webhookSecret(randomUUID(), service), // another organisation
      sealedFor.webhookSecret(organisation, randomUUID()), // another service of the same organisation
      sealedFor.open311ApiKey(organisation, service), // another column of the same row
      sealedFor.channelSecret(organisation, 'phone'),
      sealedFor.notifyApiKey(organisation),
    ]) {
      expect(() => box.open(sealed, elsewhere)).toThrow(SealedSecretError);
      expect(box.tryOpen(sealed, elsewhere)).toBeUndefined();
    }
    const otherOrganisation = sealedFor.channelSecret(randomUUID(), 'phone');
    expect(() => box.open(box.seal('whsec_phone', phone), otherOrganisation)).toThrow(SealedSecretError);
    expect(() => box.open(box.seal('whsec_phone', phone), sealedFor.channelSecret(organisation, 'email'))).toThrow(SealedSecretError);
    expect(() =>
      box.open(box.seal('token', sealedFor.channelAccessToken(organisation, 'social')), sealedFor.channelSecret(organisation, 'social')),
    ).toThrow(SealedSecretError);
  });

  it('says which kind of secret did not open, never its value nor the row id', () => {
    const service = randomUUID();
    const error = (() => {
      try {
        box.open(
          box.seal('whsec_visible', sealedFor.webhookSecret(organisation, service)),
          sealedFor.webhookSecret(organisation, randomUUID()),
        );
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toMatch(/service\.webhook_secret.*did not open/);
    expect(error?.message).not.toContain('whsec_visible');
    expect(error?.message).not.toContain(service);
  });

  it('still reads values sealed before key derivation (v1) until they are re-sealed, and re-seals them as v2 bound to their owner', () => {
    const v1 = sealV1(secretKey, 'whsec_old');
    expect(SecretBox.isLegacy(v1)).toBe(true);
    expect(box.open(v1, phone)).toBe('whsec_old');
    const v2 = box.reseal(v1, phone);
    expect(SecretBox.isLegacy(v2)).toBe(false);
    expect(v2).toMatch(/^v2\./);
    expect(box.open(v2, phone)).toBe('whsec_old');
    expect(() => box.open(v2, sealedFor.channelSecret(randomUUID(), 'phone'))).toThrow(SealedSecretError);
  });

  it('seals with a key derived for sealing, not with the secret key itself', () => {
    // A v2 value presented as v1 (the raw key, no binding) must not open.
    const v2 = box.seal('whsec_derived', phone);
    expect(() => box.open(`v1${v2.slice(2)}`, phone)).toThrow(SealedSecretError);
  });

  it('insists on a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
