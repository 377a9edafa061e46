import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';

/** JSON with object keys sorted and no whitespace: the exact bytes a signature covers, in any language. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface Signature {
  algorithm: 'Ed25519';
  /** The signing key's public half: SubjectPublicKeyInfo (DER), base64. */
  publicKey: string;
  /** Over the UTF-8 bytes of the canonical JSON of the document. */
  value: string;
}

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The deployment's document-signing key, derived from SIGNPOST_SECRET_KEY (HKDF-SHA256), so that it needs no
 * storage of its own and is the same on every instance; its public half goes with every signed document.
 */
export function signingKey(secretKey: string): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'base64'), 'signpost', 'document-signing-ed25519', 32));
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function signDocument(document: unknown, key: KeyObject): Signature {
  return {
    algorithm: 'Ed25519',
    publicKey: createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64'),
    value: sign(null, Buffer.from(canonicalJson(document)), key).toString('base64'),
  };
}

/** Whether `signature` is a valid Ed25519 signature of `document` by the key it names. */
export function verifyDocument(document: unknown, signature: Signature): boolean {
  if (signature.algorithm !== 'Ed25519') return false;
  const key = createPublicKey({ key: Buffer.from(signature.publicKey, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(canonicalJson(document)), key, Buffer.from(signature.value, 'base64'));
}
