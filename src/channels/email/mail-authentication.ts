import { createHmac, timingSafeEqual } from 'node:crypto';
import { derivedKey, legacyKey } from '../../common/key-ring.js';

/**
 * SPF and DKIM verdicts from the `Authentication-Results` header the receiving mail server added
 * (RFC 8601). Signpost does not re-check them; it records them and refuses to thread a failing message.
 */
export function authenticationResults(header: string | undefined): { spf?: string; dkim?: string; dmarc?: string } {
  if (!header) return {};
  const result: { spf?: string; dkim?: string; dmarc?: string } = {};
  for (const method of ['spf', 'dkim', 'dmarc'] as const) {
    const match = new RegExp(`\\b${method}\\s*=\\s*([a-z]+)`, 'i').exec(header);
    if (match) result[method] = match[1].toLowerCase();
  }
  return result;
}

export function failsAuthentication(results: { spf?: string; dkim?: string; dmarc?: string }): boolean {
  return [results.spf, results.dkim, results.dmarc].some(
    (verdict) => verdict === 'fail' || verdict === 'softfail' || verdict === 'permerror',
  );
}

/**
 * The reply token of an enquiry: an HMAC of its id under the key the key ring derives for reply tokens, so it can
 * be neither guessed from the reference nor forged. Carried in the Reply-To address (`contact+REF.TOKEN@…`) and
 * the subject (`[REF:TOKEN]`).
 */
export function replyToken(secretKey: string, enquiryId: string): string {
  return tokenUnder(derivedKey(secretKey, 'replyTokens'), enquiryId);
}

/**
 * Whether a reply carries the enquiry's token, compared in constant time. Tokens made before keys were derived
 * (an HMAC under SIGNPOST_SECRET_KEY itself) are still accepted: citizens hold them in acknowledgements already
 * sent and reply to them for as long as their enquiry is open. Both are compared, whichever matches.
 */
export function isReplyToken(secretKey: string, enquiryId: string, token: string): boolean {
  const given = Buffer.from(token);
  const matches = (expected: string) => {
    const bytes = Buffer.from(expected);
    return bytes.length === given.length && timingSafeEqual(bytes, given);
  };
  const current = matches(replyToken(secretKey, enquiryId));
  const beforeDerivation = matches(tokenUnder(legacyKey(secretKey), enquiryId));
  return current || beforeDerivation;
}

function tokenUnder(key: Buffer, enquiryId: string): string {
  return createHmac('sha256', key).update(`reply:${enquiryId}`).digest('base64url').slice(0, 22);
}

const TOKEN_IN_SUBJECT = /\[([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}):([A-Za-z0-9_-]{22})\]/;
const TOKEN_IN_ADDRESS = /\+([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})\.([A-Za-z0-9_-]{22})@/;

/** The (reference, token) a reply carries, from its recipients or its subject. */
export function findReplyToken(recipients: string[], subject: string | undefined): { reference: string; token: string } | undefined {
  for (const address of recipients) {
    const match = TOKEN_IN_ADDRESS.exec(address);
    if (match) return { reference: match[1], token: match[2] };
  }
  const match = subject ? TOKEN_IN_SUBJECT.exec(subject) : null;
  return match ? { reference: match[1], token: match[2] } : undefined;
}
