/**
 * One spelling of what people write, so that the phrase families and the model see "cant breathe", "can't
 * breathe" and "CANT BREATHIN!!!" alike. English only. The result holds only a-z, 0-9 and single spaces, and
 * normalising it again changes nothing (a property test pins this).
 */

/**
 * Contractions, text-speak and common misspellings, one word to its usual spelling. Every value is already in
 * normal form (a unit test checks it), which keeps normalisation idempotent. Ambiguous words stay as written:
 * "were" (we're or were), "its", "ill", "well", "shell".
 */
const SPELLING: Readonly<Record<string, string>> = {
  // contractions, apostrophe already removed
  cant: 'can not',
  cannot: 'can not',
  cnt: 'can not',
  carnt: 'can not',
  wont: 'will not',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  hasnt: 'has not',
  havent: 'have not',
  hadnt: 'had not',
  couldnt: 'could not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  aint: 'is not',
  im: 'i am',
  ive: 'i have',
  hes: 'he is',
  shes: 'she is',
  theyre: 'they are',
  youre: 'you are',
  weve: 'we have',
  theyve: 'they have',
  theres: 'there is',
  thats: 'that is',
  whats: 'what is',
  itll: 'it will',
  theyll: 'they will',
  youll: 'you will',
  gonna: 'going to',
  gona: 'going to',
  wanna: 'want to',
  wana: 'want to',
  gotta: 'got to',
  dunno: 'do not know',
  // text-speak
  pls: 'please',
  plz: 'please',
  plse: 'please',
  pleas: 'please',
  u: 'you',
  ur: 'your',
  r: 'are',
  ppl: 'people',
  bc: 'because',
  cos: 'because',
  coz: 'because',
  cuz: 'because',
  b4: 'before',
  '2nite': 'tonight',
  tonite: 'tonight',
  '2day': 'today',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  bf: 'boyfriend',
  gf: 'girlfriend',
  hubby: 'husband',
  mam: 'mum',
  mom: 'mum',
  mommy: 'mum',
  mummy: 'mum',
  daddy: 'dad',
  nanna: 'nan',
  nana: 'nan',
  grandma: 'gran',
  granny: 'gran',
  kms: 'kill myself',
  kys: 'kill yourself',
  asap: 'now',
  rn: 'right now',
  atm: 'at the moment',
  thru: 'through',
  wiv: 'with',
  wit: 'with',
  n: 'and',
  nd: 'and',
  sum1: 'someone',
  some1: 'someone',
  any1: 'anyone',
  no1: 'no one',
  okay: 'ok',
  bcoz: 'because',
  gud: 'good',
  hurtin: 'hurting',
  hittin: 'hitting',
  dyin: 'dying',
  // misspellings seen in contact-centre transcripts
  breathin: 'breathing',
  breating: 'breathing',
  breahing: 'breathing',
  brething: 'breathing',
  breath: 'breathe',
  breth: 'breathe',
  unconcious: 'unconscious',
  unconsious: 'unconscious',
  unconcsious: 'unconscious',
  unconscience: 'unconscious',
  bleading: 'bleeding',
  bleding: 'bleeding',
  bleedin: 'bleeding',
  ambulence: 'ambulance',
  ambulanc: 'ambulance',
  amblance: 'ambulance',
  ambulanse: 'ambulance',
  overdosed: 'overdose',
  overdosing: 'overdose',
  overdoes: 'overdose',
  overdoesed: 'overdose',
  od: 'overdose',
  pils: 'pills',
  tablests: 'tablets',
  tabs: 'tablets',
  collasped: 'collapsed',
  colapsed: 'collapsed',
  collapesd: 'collapsed',
  siezure: 'seizure',
  seizur: 'seizure',
  stroak: 'stroke',
  sucidal: 'suicidal',
  suicde: 'suicide',
  sucide: 'suicide',
  suiside: 'suicide',
  kil: 'kill',
  killin: 'killing',
  stabb: 'stab',
  nife: 'knife',
  knif: 'knife',
  fier: 'fire',
  smok: 'smoke',
  flod: 'flood',
  floodin: 'flooding',
  traped: 'trapped',
  trappd: 'trapped',
  strangeld: 'strangled',
  stragled: 'strangled',
  threatend: 'threatened',
  threating: 'threatening',
  hurtng: 'hurting',
  neighbor: 'neighbour',
  neighbors: 'neighbours',
  nieghbour: 'neighbour',
  neigbour: 'neighbour',
  naybour: 'neighbour',
  altzheimers: 'alzheimers',
  dementure: 'dementia',
  demensia: 'dementia',
  wandring: 'wandering',
  chokin: 'choking',
  chocking: 'choking',
  chokeing: 'choking',
  poisond: 'poisoned',
  swalowed: 'swallowed',
  swallod: 'swallowed',
  drinked: 'drank',
  drunked: 'drank',
  burglers: 'burglars',
  burgler: 'burglar',
  braking: 'breaking',
  followin: 'following',
  folowing: 'following',
};

const APOSTROPHES = /['’‘`´ʼ]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_WORD = /[^a-z0-9]+/g;
const LONG_REPEAT = /([a-z])\1{2,}/g;

/** Each table entry split into its words once, so a message's words need no second split. */
const SPELLING_WORDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(SPELLING).map(([written, meant]) => [written, meant.split(' ')]),
);

/** Per ASCII code: 0 drop (apostrophe, backtick), 1 separator, otherwise the lower-case code to keep. */
const ASCII = new Uint8Array(128).map((_, code) => {
  if (code === 39 || code === 96) return 0;
  if (code >= 65 && code <= 90) return code + 32;
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return code;
  return 1;
});

/**
 * The words of a text in normal form: the same as `normalise(text).split(' ')`, without the intermediate strings.
 * Plain ASCII, nearly every message, is read in one pass over its character codes; a word that needs no change
 * (already lower case, no apostrophe, no letter three times over) is taken as a slice of the text. Any other text
 * first goes through Unicode compatibility decomposition.
 */
export function normalisedWords(text: string): string[] {
  const plain = isAscii(text) ? text : unicodeToAscii(text);
  const words: string[] = [];
  let start = -1;
  let clean = true;
  let last = -1;
  let run = 0;
  for (let at = 0; at <= plain.length; at++) {
    const code = at < plain.length ? plain.charCodeAt(at) : 32;
    const mapped = ASCII[code];
    if (mapped === 1) {
      if (start >= 0) addWord(words, clean ? plain.slice(start, at) : rewrite(plain, start, at));
      start = -1;
      continue;
    }
    if (start < 0) {
      start = at;
      clean = true;
      last = -1;
      run = 0;
    }
    if (mapped !== code) clean = false;
    else if (mapped !== last) {
      last = mapped;
      run = 0;
    } else if (++run === 2 && mapped >= 97) clean = false;
  }
  return words;
}

function addWord(words: string[], word: string): void {
  if (word.length === 0) return;
  const spelt = SPELLING_WORDS.get(word);
  if (spelt === undefined) words.push(word);
  else for (const part of spelt) words.push(part);
}

/** One word the slow way: lower case, apostrophes dropped, a letter repeated three times or more kept once. */
function rewrite(plain: string, from: number, to: number): string {
  const codes: number[] = [];
  for (let at = from; at < to; at++) {
    const mapped = ASCII[plain.charCodeAt(at)];
    if (mapped !== 0) codes.push(mapped);
  }
  let out = '';
  for (let at = 0; at < codes.length;) {
    let end = at + 1;
    while (end < codes.length && codes[end] === codes[at]) end++;
    const letter = codes[at] >= 97;
    out += String.fromCharCode(codes[at]).repeat(letter && end - at >= 3 ? 1 : end - at);
    at = end;
  }
  return out;
}

function isAscii(text: string): boolean {
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) > 127) return false;
  return true;
}

/** Non-ASCII text: compatibility forms and accents folded, curly apostrophes dropped; the rest as ASCII. */
function unicodeToAscii(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase() // compatibility forms (ℌ, Ａ) decompose to capitals
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ')
    .replace(LONG_REPEAT, '$1');
}

export function normalise(text: string): string {
  return normalisedWords(text).join(' ');
}

/** For the unit test that keeps normalisation idempotent: every replacement is already in normal form. */
export const SPELLING_TABLE: Readonly<Record<string, string>> = SPELLING;
