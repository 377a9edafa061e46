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
  // Parsing is the costly part of taking an enquiry, and one number is keyed several times in a request.
  const cached = recentPhoneKeys.get(phone);
  if (cached !== undefined) return cached ?? undefined;
  const key = ukNumberKey(phone) ?? parsePhoneKey(phone);
  if (recentPhoneKeys.size >= 1000) recentPhoneKeys.delete(recentPhoneKeys.keys().next().value as string);
  recentPhoneKeys.set(phone, key ?? null);
  return key;
}

const recentPhoneKeys = new Map<string, string | null>();

/**
 * The common case without the full parse: a UK number written as 0 + ten digits or +44 + ten digits (spaces,
 * dashes, brackets aside), which libphonenumber keys as +44 and the ten digits. Anything else is parsed.
 */
export function ukNumberKey(phone: string): string | undefined {
  const compact = phone.replace(/[\s().-]/g, '');
  const match = /^(?:0|\+44)([1-9]\d{9})$/.exec(compact);
  return match ? `+44${match[1]}` : undefined;
}

/** The full parse, for anything the UK fast path does not take. */
export function parsePhoneKey(phone: string): string | undefined {
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

// Street-type abbreviations that mean one thing only; "St" (Street or Saint) and "Dr" (Drive or Doctor) are left as written.
const STREET_WORDS: Readonly<Record<string, string>> = {
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  cres: 'crescent',
  gdns: 'gardens',
  sq: 'square',
  terr: 'terrace',
  ter: 'terrace',
  pl: 'place',
  ct: 'court',
  cl: 'close',
};

const isPostcode = (text: string) => UK_POSTCODE.test(text.toUpperCase());

/**
 * A postal address as words: the name key's normalisation, a trailing postcode dropped (it has its own key),
 * unambiguous street-type abbreviations spelt out. "Flat 2, 12 Elm Rd., Preston PR1 2AB" → "flat 2 12 elm road preston".
 */
export function addressKey(address: string): string {
  const words = nameKey(address).split(' ').filter(Boolean);
  for (;;) {
    const n = words.length;
    if (n >= 1 && isPostcode(words[n - 1])) words.pop();
    else if (n >= 2 && isPostcode(words[n - 2] + words[n - 1])) words.splice(n - 2, 2);
    else break;
  }
  return words.map((word) => STREET_WORDS[word] ?? word).join(' ');
}

/** Fewest words an address search must give: a house number or name and a street. */
export const ADDRESS_MIN_WORDS = 2;

/**
 * The stored address keys a searched-for address key matches exactly: itself and each of its shorter
 * word-prefixes of at least ADDRESS_MIN_WORDS words ("12 elm road" held matches "12 elm road preston" asked).
 */
export function addressKeyPrefixes(key: string): string[] {
  const words = key.split(' ').filter(Boolean);
  const prefixes: string[] = [];
  for (let n = ADDRESS_MIN_WORDS; n <= words.length; n += 1) prefixes.push(words.slice(0, n).join(' '));
  return prefixes;
}

/**
 * Whether a held address and a searched-for one name the same place: one is the other, or a word-prefix of it
 * ("12 elm road" and "12 elm road preston"), at least ADDRESS_MIN_WORDS words long. Mirrors the SQL of the search.
 */
export function addressKeysMatch(held: string, asked: string): boolean {
  if (asked.split(' ').filter(Boolean).length < ADDRESS_MIN_WORDS) return false;
  return addressKeyPrefixes(asked).includes(held) || held.startsWith(`${asked} `);
}
