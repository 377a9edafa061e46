import type { KeyObject } from 'node:crypto';
import { namesKey, parsePublicKey, publicKeyFingerprint, verifyDocument, type Signature } from './signed-document.js';

/** The key a certificate is checked against, and how the verdict names it. */
export interface TrustedKey {
  key: KeyObject;
  /** "this deployment's key" or "the key given". */
  name: string;
}

export interface CertificateVerdict {
  valid: boolean;
  /** One line for the operator: the verdict, the reason when not valid, and the key used with its fingerprint. */
  line: string;
}

/**
 * Checks a signed certificate of deletion (`{certificate, signature}` as `offboard` writes it) against a trusted
 * key, never against the key the file carries, and says which key it used.
 */
export function checkCertificate(signed: unknown, trusted: TrustedKey): CertificateVerdict {
  const used = `${trusted.name} (SHA-256 fingerprint ${publicKeyFingerprint(trusted.key)})`;
  const { certificate, signature } = (signed && typeof signed === 'object' ? signed : {}) as {
    certificate?: unknown;
    signature?: Signature;
  };
  if (!certificate || !signature || typeof signature !== 'object') {
    return { valid: false, line: 'NOT valid: not a signed certificate (expected {"certificate": …, "signature": …})' };
  }
  if (signature.algorithm !== 'Ed25519') return { valid: false, line: `NOT valid: the signature is not Ed25519; checked against ${used}` };
  if (signature.publicKey !== undefined && !namesKey(signature, trusted.key)) {
    return { valid: false, line: `NOT valid: it was signed with another key (${describeKey(signature.publicKey)}), not ${used}` };
  }
  if (!verifyDocument(certificate, signature, trusted.key)) {
    return { valid: false, line: `NOT valid: the signature does not match the certificate (altered, or not signed with ${used})` };
  }
  return { valid: true, line: `valid: signed by ${used}` };
}

function describeKey(publicKey: unknown): string {
  try {
    return `SHA-256 fingerprint ${publicKeyFingerprint(parsePublicKey(String(publicKey)))}`;
  } catch {
    return 'not a readable Ed25519 key';
  }
}
