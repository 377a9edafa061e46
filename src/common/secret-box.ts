import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { derivedKey, legacyKey } from './key-ring.js';

const CURRENT = 'v2';
const LEGACY = 'v1';

/**
 * What a sealed value belongs to: the organisation whose row holds it, and the purpose (column, and row where an
 * organisation has several). Sealed into the value as AES-GCM additional authenticated data, so a value copied
 * into another organisation's row, another column or another service does not open.
 */
export interface SealedFor {
  organisationId: string;
  purpose: string;
}

/** The owner of each sealed column: every seal and every open names one of these. */
export const sealedFor = {
  /** `channel_credentials.secret` and `.previous_secret` (rotation moves one to the other; the social app secret too). */
  channelSecret: (organisationId: string, channel: string): SealedFor => ({ organisationId, purpose: `channel_credential:${channel}` }),
  /** `channel_credentials.access_token` (the social page token). */
  channelAccessToken: (organisationId: string, channel: string): SealedFor => ({
    organisationId,
    purpose: `channel_credential:${channel}.access_token`,
  }),
  /** `services.webhook_secret`, bound to the service's row. */
  webhookSecret: (organisationId: string, serviceId: string): SealedFor => ({
    organisationId,
    purpose: `service:${serviceId}.webhook_secret`,
  }),
  /** `services.open311_api_key`, bound to the service's row. */
  open311ApiKey: (organisationId: string, serviceId: string): SealedFor => ({
    organisationId,
    purpose: `service:${serviceId}.open311_api_key`,
  }),
  /** `organisations.notify_api_key`. */
  notifyApiKey: (organisationId: string): SealedFor => ({ organisationId, purpose: 'organisation.notify_api_key' }),
};

/** A stored secret that does not open: altered, moved from another row or organisation, or sealed under another key. */
export class SealedSecretError extends Error {
  constructor(purpose: string) {
    super(
      `a stored secret (${purpose.replace(/:[0-9a-f-]{36}/, '')}) did not open: altered, moved from another row, or sealed under another key`,
    );
    this.name = 'SealedSecretError';
  }
}

const additionalData = (owner: SealedFor) => Buffer.from(`${owner.organisationId}|${owner.purpose}`, 'utf8');

/**
 * Encrypts the secrets Signpost must be able to read back (webhook signing keys, channel secrets, API keys) with
 * AES-256-GCM under a key derived from SIGNPOST_SECRET_KEY for this purpose only, so that a copy of the database
 * alone does not reveal them, and binds each to its owner (see SealedFor).
 * Stored form: `v2.<iv>.<tag>.<ciphertext>`, base64url. `v1` values (the secret key itself, no binding) are read
 * until the start-up step re-seals them (src/database/reseal-secrets.ts).
 */
export class SecretBox {
  private readonly key: Buffer;
  private readonly legacy: Buffer;

  constructor(secretKey: string) {
    this.key = derivedKey(secretKey, 'sealing');
    this.legacy = legacyKey(secretKey);
  }

  seal(plaintext: string, owner: SealedFor): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(additionalData(owner));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [CURRENT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, owner: SealedFor): string {
    const [version, iv, tag, body, extra] = sealed.split('.');
    if ((version !== CURRENT && version !== LEGACY) || !iv || !tag || body === undefined || extra !== undefined)
      throw new SealedSecretError(owner.purpose);
    try {
      const decipher = createDecipheriv('aes-256-gcm', version === CURRENT ? this.key : this.legacy, Buffer.from(iv, 'base64url'), {
        authTagLength: 16,
      });
      if (version === CURRENT) decipher.setAAD(additionalData(owner));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedSecretError(owner.purpose);
    }
  }

  /** For checks that try several stored secrets (a channel's current and previous one): nothing when it does not open. */
  tryOpen(sealed: string, owner: SealedFor): string | undefined {
    try {
      return this.open(sealed, owner);
    } catch {
      return undefined;
    }
  }

  /** Whether a stored value is in the old form (v1) and should be re-sealed. */
  static isLegacy(sealed: string): boolean {
    return sealed.startsWith(`${LEGACY}.`);
  }

  /** A v1 value in the current form, bound to its owner. */
  reseal(sealed: string, owner: SealedFor): string {
    return this.seal(this.open(sealed, owner), owner);
  }
}
