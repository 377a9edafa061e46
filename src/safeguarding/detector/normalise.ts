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
  cant: 'can not', cannot: 'can not', cnt: 'can not', carnt: 'can not', wont: 'will not', dont: 'do not', doesnt: 'does not',
  didnt: 'did not', isnt: 'is not', arent: 'are not', wasnt: 'was not', werent: 'were not', hasnt: 'has not',
  havent: 'have not', hadnt: 'had not', couldnt: 'could not', wouldnt: 'would not', shouldnt: 'should not',
  aint: 'is not', im: 'i am', ive: 'i have', hes: 'he is', shes: 'she is', theyre: 'they are',
  youre: 'you are', weve: 'we have', theyve: 'they have', theres: 'there is', thats: 'that is', whats: 'what is',
  itll: 'it will', theyll: 'they will', youll: 'you will', 
  gonna: 'going to', gona: 'going to', wanna: 'want to', wana: 'want to', gotta: 'got to', dunno: 'do not know',
  // text-speak
  pls: 'please', plz: 'please', plse: 'please', pleas: 'please', u: 'you', ur: 'your', r: 'are', ppl: 'people',
  bc: 'because', cos: 'because', coz: 'because', cuz: 'because', b4: 'before', '2nite': 'tonight', tonite: 'tonight',
  '2day': 'today', tmrw: 'tomorrow', tmr: 'tomorrow', bf: 'boyfriend', gf: 'girlfriend', hubby: 'husband', mam: 'mum',
  mom: 'mum', mommy: 'mum', mummy: 'mum', daddy: 'dad', nanna: 'nan', nana: 'nan', grandma: 'gran', granny: 'gran',
  kms: 'kill myself', kys: 'kill yourself', asap: 'now', rn: 'right now', atm: 'at the moment', thru: 'through',
  wiv: 'with', wit: 'with', n: 'and', nd: 'and', sum1: 'someone', some1: 'someone', any1: 'anyone', no1: 'no one',
  okay: 'ok', bcoz: 'because', gud: 'good', hurtin: 'hurting', hittin: 'hitting', dyin: 'dying',
  // misspellings seen in contact-centre transcripts
  breathin: 'breathing', breating: 'breathing', breahing: 'breathing', brething: 'breathing', breath: 'breathe',
  breth: 'breathe', unconcious: 'unconscious', unconsious: 'unconscious', unconcsious: 'unconscious', unconscience: 'unconscious',
  bleading: 'bleeding', bleding: 'bleeding', bleedin: 'bleeding', ambulence: 'ambulance', ambulanc: 'ambulance',
  amblance: 'ambulance', ambulanse: 'ambulance', overdosed: 'overdose', overdosing: 'overdose', overdoes: 'overdose',
  overdoesed: 'overdose', od: 'overdose', pils: 'pills', tablests: 'tablets',
  tabs: 'tablets', collasped: 'collapsed', colapsed: 'collapsed', collapesd: 'collapsed', siezure: 'seizure',
  seizur: 'seizure', stroak: 'stroke', sucidal: 'suicidal', suicde: 'suicide',
  sucide: 'suicide', suiside: 'suicide', kil: 'kill', killin: 'killing', stabb: 'stab', nife: 'knife', knif: 'knife',
  fier: 'fire', smok: 'smoke', flod: 'flood', floodin: 'flooding', traped: 'trapped', trappd: 'trapped',
  strangeld: 'strangled', stragled: 'strangled', threatend: 'threatened', threating: 'threatening', hurtng: 'hurting',
  neighbor: 'neighbour', neighbors: 'neighbours', nieghbour: 'neighbour', neigbour: 'neighbour', naybour: 'neighbour',
  altzheimers: 'alzheimers', dementure: 'dementia', demensia: 'dementia',
  wandring: 'wandering', chokin: 'choking', chocking: 'choking', chokeing: 'choking', poisond: 'poisoned',
  swalowed: 'swallowed', swallod: 'swallowed', drinked: 'drank', drunked: 'drank', burglers: 'burglars',
  burgler: 'burglar', braking: 'breaking', followin: 'following', folowing: 'following',
};

const APOSTROPHES = /['’‘`´ʼ]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_WORD = /[^a-z0-9]+/g;
const LONG_REPEAT = /([a-z])\1{2,}/g;

export function normalise(text: string): string {
  const plain = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase() // compatibility forms (ℌ, Ａ) decompose to capitals
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ')
    .replace(LONG_REPEAT, '$1');
  const words: string[] = [];
  for (const word of plain.split(' ')) {
    if (word.length === 0) continue;
    words.push(SPELLING[word] ?? word);
  }
  return words.join(' ');
}

/** For the unit test that keeps normalisation idempotent: every replacement is already in normal form. */
export const SPELLING_TABLE: Readonly<Record<string, string>> = SPELLING;

/** The words of a normalised text. */
export const words = (normalised: string): string[] => (normalised.length === 0 ? [] : normalised.split(' '));
