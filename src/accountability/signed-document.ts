import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { derivedKey } from '../common/key-ring.js';

/** JSON with object keys sorted and no whitespace: the exact bytes a signature covers, in any language. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface Signature {
  algorithm: 'Ed25519';
  /** The signing key's public half: SubjectPublicKeyInfo (DER), base64. A label only: verification never trusts it. */
  publicKey: string;
  /** Over the UTF-8 bytes of the canonical JSON of the document. */
  value: string;
}

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The deployment's document-signing key, derived from SIGNPOST_SECRET_KEY (see the key ring), so that it needs no
 * storage of its own and is the same on every instance; its public half goes with every signed document.
 */
export function signingKey(secretKey: string): KeyObject {
  const seed = derivedKey(secretKey, 'documentSigning');
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The public half of a signing key (or a public key itself). */
export function publicKeyOf(key: KeyObject): KeyObject {
  return key.type === 'public' ? key : createPublicKey(key);
}

/** SubjectPublicKeyInfo (DER), base64: the form `--public-key` takes and certificates carry. */
export function publicKeyText(key: KeyObject): string {
  return publicKeyOf(key).export({ format: 'der', type: 'spki' }).toString('base64');
}

/** PEM, for a file an auditor keeps (`--public-key-file`). */
export function publicKeyPem(key: KeyObject): string {
  return publicKeyOf(key).export({ format: 'pem', type: 'spki' }).toString();
}

/**
 * SHA-256 of the SubjectPublicKeyInfo (DER), as colon-separated hex: what `openssl pkey -pubin -outform DER |
 * openssl dgst -sha256 -c` prints for the same key, so an auditor can compare keys without comparing base64.
 */
export function publicKeyFingerprint(key: KeyObject): string {
  const der = publicKeyOf(key).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').match(/../g)!.join(':');
}

export class PublicKeyFormatError extends Error {
  constructor(reason: string) {
    super(`not an Ed25519 public key: ${reason} (give the SubjectPublicKeyInfo in base64, as \`signing-key\` prints it, or a PEM file)`);
    this.name = 'PublicKeyFormatError';
  }
}

const PEM = /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A trusted key as an operator or auditor gives it: SubjectPublicKeyInfo in base64 (DER) or PEM; Ed25519 only. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    if (PEM.test(trimmed)) key = createPublicKey({ key: trimmed, format: 'pem' });
    else if (BASE64.test(trimmed) && trimmed.length % 4 === 0)
      key = createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    else throw new PublicKeyFormatError('neither base64 nor PEM');
  } catch (error) {
    if (error instanceof PublicKeyFormatError) throw error;
    throw new PublicKeyFormatError('not a SubjectPublicKeyInfo');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new PublicKeyFormatError(`a ${key.asymmetricKeyType ?? 'unknown'} key`);
  return key;
}

export function signDocument(document: unknown, key: KeyObject): Signature {
  return {
    algorithm: 'Ed25519',
    publicKey: publicKeyText(key),
    value: sign(null, Buffer.from(canonicalJson(document)), key).toString('base64'),
  };
}

/** Whether the key a signature names is `trusted` (compared as keys, so any base64 spelling of the same key matches). */
export function namesKey(signature: Pick<Signature, 'publicKey'>, trusted: KeyObject): boolean {
  if (typeof signature.publicKey !== 'string') return false;
  try {
    return parsePublicKey(signature.publicKey).equals(publicKeyOf(trusted));
  } catch {
    return false;
  }
}

/**
 * Whether `signature` is a valid Ed25519 signature of `document` by `trustedKey`: this deployment's key or one an
 * auditor was given separately, never the key the document carries (anyone can sign with a key of their own and
 * embed it). A signature naming another key than the trusted one is refused, even if it verifies.
 */
export function verifyDocument(document: unknown, signature: Signature, trustedKey: KeyObject): boolean {
  if (!signature || signature.algorithm !== 'Ed25519' || typeof signature.value !== 'string') return false;
  if (signature.publicKey !== undefined && !namesKey(signature, trustedKey)) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(document)), publicKeyOf(trustedKey), Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}
