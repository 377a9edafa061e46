/**
 * Text as the topic rules see it: lower case, UK spelling, common misspellings corrected, punctuation gone, and
 * each word reduced to a rough stem ("potholes" → "pothole", "gritting" → "gritt"), so that a rule written once
 * matches the ways people write it.
 */

/** Misspellings and American spellings seen in contact-centre text, to the word the rules use. */
const CORRECTIONS: Record<string, string> = {
  libary: 'library',
  liberary: 'library',
  librarys: 'libraries',
  bage: 'badge',
  badeg: 'badge',
  bluebadge: 'blue badge',
  certifcate: 'certificate',
  certificat: 'certificate',
  certficate: 'certificate',
  cerificate: 'certificate',
  recieve: 'receive',
  recieved: 'received',
  buss: 'bus',
  buspass: 'bus pass',
  colection: 'collection',
  collecton: 'collection',
  colected: 'collected',
  rubish: 'rubbish',
  rubbsh: 'rubbish',
  recyling: 'recycling',
  reycling: 'recycling',
  recylcing: 'recycling',
  potholes: 'pothole',
  pothol: 'pothole',
  pothold: 'pothole',
  grittin: 'gritting',
  griting: 'gritting',
  streetlight: 'street light',
  streetlights: 'street lights',
  lamppost: 'lamp post',
  curb: 'kerb',
  sidewalk: 'pavement',
  ehcp: 'ehc plan',
  echp: 'ehc plan',
  ehcps: 'ehc plan',
  senco: 'sen coordinator',
  nursary: 'nursery',
  nurserys: 'nurseries',
  childminder: 'child minder',
  childminders: 'child minder',
  schol: 'school',
  skool: 'school',
  addmissions: 'admissions',
  admisions: 'admissions',
  appeall: 'appeal',
  marrige: 'marriage',
  mariage: 'marriage',
  registar: 'registrar',
  registra: 'registrar',
  invoce: 'invoice',
  invioce: 'invoice',
  invoices: 'invoice',
  ukranian: 'ukrainian',
  ukrane: 'ukraine',
  ukriane: 'ukraine',
  safegaurding: 'safeguarding',
  safegarding: 'safeguarding',
  dissabled: 'disabled',
  disabeld: 'disabled',
  concesionary: 'concessionary',
  payed: 'paid',
  organization: 'organisation',
  neighbor: 'neighbour',
  color: 'colour',
  center: 'centre',
  program: 'programme',
};

const STEMS: [RegExp, string][] = [
  [/ies$/, 'y'],
  [/(ss)$/, '$1'],
  [/([^aeiou])es$/, '$1e'],
  [/s$/, ''],
  [/ing$/, ''],
  [/ed$/, ''],
];

/** A rough stem: good enough that plurals and -ing/-ed forms meet their base word. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  for (const [pattern, replacement] of STEMS) {
    if (pattern.test(word)) {
      const stemmed = word.replace(pattern, replacement);
      return stemmed.length >= 3 ? stemmed : word;
    }
  }
  return word;
}

/** The stems of a text, in order, after corrections. */
export function topicTokens(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // Own keys only: "constructor" or "toString" in an enquiry must not reach Object.prototype (a 500 once).
  return words.flatMap((word) => (Object.hasOwn(CORRECTIONS, word) ? CORRECTIONS[word] : word).split(' ')).map(stem);
}

/** Each stem of a text with the word it came from first, to show people their own words rather than stems. */
export function wordsByStem(text: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const word of text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)) {
    for (const token of topicTokens(word)) if (!words.has(token)) words.set(token, word);
  }
  return words;
}
