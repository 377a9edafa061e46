import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Normalised search keys, so that one person is found whatever way their details were written down on
 * whichever channel: "07700 900123" and "+44 7700 900123" are one number, "pr18xj" and "PR1 8XJ" one postcode.
 */

/** Lower case, accents and punctuation removed, single spaces: "Siobhán  O'Neill-Smith" → "siobhan o neill smith". */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** E.164 for anything libphonenumber accepts as a possible number (UK by default); else the digits alone. */
export function phoneKey(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, 'GB');
  if (parsed?.isPossible()) return parsed.number;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 5 ? `digits:${digits}` : undefined;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Upper case without spaces: "pr1 8xj" → "PR18XJ". */
export function postcodeKey(postcode: string): string {
  return postcode.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;
const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}$/i;

export type SearchTerm =
  | { kind: 'reference'; key: string }
  | { kind: 'email'; key: string }
  | { kind: 'phone'; key: string }
  | { kind: 'postcode'; key: string }
  | { kind: 'name'; key: string };

/** What a free-text search most likely names, as its normalised key. */
export function classifySearchTerm(term: string): SearchTerm | undefined {
  const text = term.trim();
  if (!text) return undefined;
  if (text.includes('@')) return { kind: 'email', key: emailKey(text) };
  // With its dash a reference is unmistakable; without, it must mix letters and digits (not a name or number).
  if (REFERENCE.test(text) && (text.includes('-') || (/\d/.test(text) && /[a-z]/i.test(text)))) {
    const compact = text.toUpperCase().replace('-', '');
    return { kind: 'reference', key: `${compact.slice(0, 4)}-${compact.slice(4)}` };
  }
  if (UK_POSTCODE.test(postcodeKey(text)) && text.replace(/\s/g, '').length <= 7) return { kind: 'postcode', key: postcodeKey(text) };
  if (/^[+\d][\d\s().-]{5,}$/.test(text)) {
    const key = phoneKey(text);
    if (key) return { kind: 'phone', key };
  }
  const key = nameKey(text);
  return key ? { kind: 'name', key } : undefined;
}
