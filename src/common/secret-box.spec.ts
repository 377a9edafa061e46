import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SecretBox } from './secret-box.js';

describe('secret box', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('opens what it sealed, and the sealed form never contains the secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (secret) => {
        const sealed = box.seal(secret);
        expect(box.open(sealed)).toBe(secret);
        if (secret.length >= 4) expect(sealed).not.toContain(secret);
      }),
    );
  });

  it('refuses a tampered value and a value sealed under another key', () => {
    const sealed = box.seal('whsec_example');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
  });

  it('insists on a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
