import { hkdfSync } from 'node:crypto';

/**
 * Every key Signpost uses is derived here from SIGNPOST_SECRET_KEY, one per purpose (HKDF-SHA256, RFC 5869), so
 * that no key serves two purposes: a flaw or a leak in one use (a reply token's HMAC, a sealed secret) says
 * nothing about the others, and each can be rotated or retired on its own terms.
 */
const SALT = 'signpost';

/** The HKDF `info` of each purpose. Never change one: what was sealed, signed or sent under it would stop verifying. */
export const KEY_PURPOSES = {
  /** The Ed25519 seed that signs documents (certificates of deletion); the derivation signed documents have used from the start. */
  documentSigning: 'document-signing-ed25519',
  /** AES-256-GCM: secrets kept in the database (channel secrets, webhook secrets, API keys), stored form v2. */
  sealing: 'secret-sealing-aes-256-gcm',
  /** HMAC-SHA256: the token in an acknowledgement's Reply-To address and subject. */
  replyTokens: 'email-reply-token-hmac-sha256',
  /** HMAC-SHA256: the keyed hash of a sender's mailbox that e-mail acknowledgements are counted by (never the address). */
  acknowledgementSenders: 'email-acknowledgement-sender-hmac-sha256',
  /** HMAC-SHA256: the keyed hash of the e-mail address typed at sign-in that failed sign-ins are counted by. */
  loginThrottle: 'login-throttle-hmac-sha256',
} as const;

export type KeyPurpose = keyof typeof KEY_PURPOSES;

/** The 32 bytes of SIGNPOST_SECRET_KEY (base64), refused when they are not 32. */
export function secretKeyBytes(secretKey: string): Buffer {
  const bytes = Buffer.from(secretKey, 'base64');
  if (bytes.length !== 32) throw new Error('the secret key must be 32 bytes, base64-encoded');
  return bytes;
}

/** The 32-byte key of one purpose. */
export function derivedKey(secretKey: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKeyBytes(secretKey), SALT, KEY_PURPOSES[purpose], 32));
}

/**
 * The secret key itself, as it was used before keys were derived: only to read what was made with it then
 * (v1 sealed values until the start-up step re-seals them, reply tokens already in citizens' mailboxes).
 */
export function legacyKey(secretKey: string): Buffer {
  return secretKeyBytes(secretKey);
}
