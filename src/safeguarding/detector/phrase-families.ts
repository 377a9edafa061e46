import type { DangerKind } from './danger-kinds.js';
import { firstWords } from './first-words.js';

/**
 * Families of phrases that say someone is in danger now, one list per kind, matched against normalised text
 * (normalise.ts: a-z, 0-9 and single spaces; "can't" is "can not", "he's" is "he is"). A family is built from
 * who (a person, a child, a partner), what happens to them and how it is said, not from the sentences of the
 * corpus. Every match is then read in its surroundings:
 *   - negation: "no one is hurt", "he is not threatening anyone" void a match unless the family's meaning is
 *     itself a negation ("not breathing", "can not wake her", "not safe");
 *   - time: "last year", "two years ago", "in 2019", "used to", "in the past" void it: an event of the past is
 *     not an immediate danger ("had a stroke last year", "overdosed years ago");
 *   - resolution: "it is out now", "safe now", "doing well now";
 *   - a question about rules or an event about the subject: "is that ok", "what age", "training", "awareness".
 */
export interface PhraseFamily {
  readonly kind: DangerKind;
  /** What the family stands for, for the documentation and for a reviewer. */
  readonly means: string;
  readonly patterns: readonly RegExp[];
  /** The family's own words are a negation ("not breathing"): a "not" before them does not void the match. */
  readonly negationIsMeaning?: boolean;
  /** Questions of policy ("is that ok", "what age") do not void this family (a trapped person asking is in danger). */
  readonly ignoresPolicyQuestions?: boolean;
  /** An event of this family reported from last night or yesterday is a report, not an emergency (fire, flood, crime). */
  readonly overByNextDay?: boolean;
  /** Words that, near a match, say this family's words are used of something harmless ("can not breathe in this heat"). */
  readonly voidedBy?: RegExp;
}

const alt = (...words: string[]) => `(?:${words.join('|')})`;
const re = (...parts: string[]) => new RegExp(`\\b${parts.join('')}\\b`, 'g');

const FAMILY_MEMBER = alt(
  'mum',
  'dad',
  'mother',
  'father',
  'nan',
  'gran',
  'grandad',
  'grandma',
  'grandfather',
  'grandmother',
  'husband',
  'wife',
  'partner',
  'son',
  'daughter',
  'brother',
  'sister',
  'uncle',
  'aunt',
  'boyfriend',
  'girlfriend',
  'stepdad',
  'stepfather',
  'stepmum',
  'cousin',
  'nephew',
  'niece',
);
const PERSON = alt(
  'he',
  'she',
  'they',
  'i',
  'we',
  'someone',
  'somebody',
  'man',
  'woman',
  'lady',
  'boy',
  'girl',
  'person',
  'baby',
  'child',
  'kid',
  'toddler',
  'friend',
  'mate',
  'neighbour',
  'flatmate',
  FAMILY_MEMBER,
);
const CHILD = alt(
  'child',
  'children',
  'kid',
  'kids',
  'baby',
  'babies',
  'toddler',
  'toddlers',
  'infant',
  'newborn',
  'little (?:boy|girl|one|ones|sister|brother|lad|son|daughter)',
  'young (?:boy|girl|child|lad|kids|children)',
  '\\d{1,2} year old',
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen) year old',
  'nephew',
  'niece',
  'boy',
  'girl',
);
const PARTNER = alt(
  'partner',
  'husband',
  'wife',
  'boyfriend',
  'girlfriend',
  'ex',
  'ex partner',
  'ex husband',
  'ex wife',
  'fiance',
  'fiancee',
  'stepdad',
  'stepfather',
  'stepmum',
  'dad',
  'father',
  'mum',
  'mother',
  'son',
  'daughter',
  'brother',
  'sister',
  'he',
  'she',
);
const VICTIM_AT_HOME = alt('me', 'us', 'my (?:mum|mother|dad|father|sister|nan|gran|wife|husband)', 'mum');
const WEAPON = alt(
  'knife',
  'knives',
  'gun',
  'guns',
  'machete',
  'blade',
  'axe',
  'hammer',
  'bat',
  'crossbow',
  'shotgun',
  'rifle',
  'firearm',
  'sword',
  'bomb',
  'baseball bat',
  'screwdriver',
  'pole',
  'metal pole',
  'iron bar',
  'metal bar',
  'crowbar',
  'golf club',
  'chain',
  'broken bottle',
  'meat cleaver',
  'cleaver',
  'pistol',
  'air rifle',
  'taser',
  'acid',
);
const VULNERABLE_ADULT = alt(
  'elderly',
  'old (?:man|lady|woman|person|people|boy|gentleman)',
  'nan',
  'gran',
  'grandad',
  'grandma',
  'grandfather',
  'grandmother',
  'dementia',
  'alzheimers',
  'vulnerable',
  'disabled',
  'learning disabilit(?:y|ies)',
  'autism',
  'autistic',
  'bedbound',
  'housebound',
  'care home',
  'carer',
  'carers',
  'confused',
);
const PILLS = alt('pills', 'tablets', 'meds', 'medication', 'medicine', 'paracetamol', 'painkillers', 'sleeping pills', 'antidepressants');
const THREAT_VERB = alt(
  'kill',
  'stab',
  'shoot',
  'hurt',
  'attack',
  'burn',
  'blow up',
  'murder',
  'beat up',
  'batter',
  'sort out',
  'smash',
  'hit',
  'beat',
  'finish',
  'knife',
  'do in',
  'bottle',
  'cut',
  'glass',
  'run over',
  'torch',
  'petrol bomb',
  'set fire to',
  'acid',
);
/** Where a person can be: the rooms, homes and buildings a fire or a flood reaches. */
const PLACE = alt(
  'house',
  'flat',
  'flats',
  'home',
  'building',
  'block',
  'kitchen',
  'bedroom',
  'room',
  'living room',
  'lounge',
  'hall',
  'hallway',
  'landing',
  'stairs',
  'stairwell',
  'corridor',
  'loft',
  'attic',
  'garage',
  'shed',
  'shop',
  'pub',
  'school',
  'care home',
  'bungalow',
  'caravan',
  'roof',
  'basement',
  'cellar',
  'utility room',
  'bathroom',
  'office',
  'warehouse',
  'factory',
  'hostel',
);
/** Things that burn in a home, so that "the curtains have gone up" is read without the word fire. */
const BURNABLE = alt(
  PLACE,
  'cooker',
  'oven',
  'hob',
  'pan',
  'chip pan',
  'frying pan',
  'toaster',
  'microwave',
  'curtains',
  'sofa',
  'settee',
  'bed',
  'mattress',
  'tumble dryer',
  'dryer',
  'washing machine',
  'heater',
  'fridge',
  'plug',
  'socket',
  'sockets',
  'wiring',
  'charger',
  'battery',
  'scooter',
  'ebike',
  'e bike',
  'bins',
  'bin',
  'wheelie bin',
  'car',
  'van',
  'cupboards',
  'cupboard',
  'carpet',
  'wall',
  'walls',
  'tree',
  'hedge',
  'fence',
  'grass',
  'field',
  'heath',
  'moor',
  'woods',
);
/** Parts of the body whose change in lay words is a sign of stroke, allergy or choking. */
const FACE_PART = alt('face', 'mouth', 'smile', 'lip', 'lips', 'tongue', 'eye', 'eyes', 'eyelid', 'throat', 'neck');
/** Parts of a building that water reaching says people are cut off. */
const WATER_MARK = alt(
  'windows',
  'window',
  'window sills',
  'stairs',
  'steps',
  'door',
  'doors',
  'doorstep',
  'roof',
  'first floor',
  'ceiling',
  'plug sockets',
  'sockets',
  'car doors',
  'bonnet',
  'wheels',
  'seats',
  'beds',
  'bed',
);
const WILL = alt(
  'going to',
  'will',
  'is going to',
  'threatening to',
  'threatened to',
  'threatens to',
  'says he will',
  'said he will',
  'says she will',
  'said she will',
  'says he is going to',
  'said he is going to',
  'says they will',
  'wants to',
  'about to',
  'planning to',
  'gonna',
);

/** Smoke and burning that are someone's bonfire, chimney or barbecue, or a question about fire safety. */
const HARMLESS_SMOKE =
  /\b(?:bonfire|bonfires|chimney|chimneys|barbecue|barbecues|bbq|allotment|allotments|incinerator|wood burner|log burner|burning rubbish|fireworks|washing|fire safety|smoke control|smoke alarm|safety)\b/;
/** A symptom that comes and goes or has lasted for months is for a GP or a housing form, not 999. */
const LASTING_SYMPTOM =
  /\b(?:every time|whenever|when i (?:climb|walk|go up|get up|carry|exercise|run)|sometimes|on and off|for (?:years|months)|since (?:my|his|her) stroke|after (?:my|his|her) stroke)\b/;

export const PHRASE_FAMILIES: readonly PhraseFamily[] = [
  // ---- medical -----------------------------------------------------------------------------------------------
  {
    kind: 'medical',
    means: 'not breathing, can not breathe, cannot be woken, not responding',
    negationIsMeaning: true,
    voidedBy:
      /\b(?:heat|hot|stuffy|humid|humidity|damp|mould|mold|smell|stink|dust|dusty|fumes from|ventilation|air con|windows? (?:do not|does not|will not|can not) open|debt|debts|arrears|bills|paperwork|stress)\b/,
    patterns: [
      /\b(?:not|stopped|is not|barely|hardly|struggling to be|struggling|fighting for|gasping for) breath(?:ing|e)?\b(?! down)/g,
      re(
        alt('he', 'she', 'they', 'baby', 'child', 'i', 'man', 'woman', FAMILY_MEMBER),
        ' (?:is |are |)?(?:can not|could not|struggling to) breathe',
      ),
      re('(?:will not|can not|could not|does not|did not) (?:wake|respond|come round)'),
      re('(?:not|no longer) (?:responding|responsive|conscious|moving)'),
      re('(?:unconscious|unresponsive|passed out|blacked out|lifeless|floppy)'),
      re('(?:going|turning|turned|gone|is|are|lips) (?:blue|grey|purple)'),
    ],
  },
  {
    kind: 'medical',
    means: 'collapse, seizure, stroke signs, heart attack and chest pain, choking, severe bleeding, ambulance',
    voidedBy: LASTING_SYMPTOM,
    patterns: [
      re(PERSON, '(?: has| have| just| is| was| suddenly)* collapsed'),
      re('collapsed (?:in|on|at|outside|and)'),
      re('(?:having|in|is having) an? (?:seizure|fit|stroke|heart attack|asthma attack|allergic reaction|anaphylactic)'),
      re('(?:is|are|been|keeps|started|still|baby|he|she|child|son|daughter) (?:fitting|convulsing|seizing)'),
      re('seizure (?:and|for|will not|that|is|has|since)'),
      re('face (?:is |has )?(?:drooping|droopy|dropped|fallen|gone funny|twisted)'),
      re('(?:speech|words|talking) (?:is |are |has |have )?(?:slurred|slurring|jumbled|funny|all wrong|gone)'),
      re('slurr(?:ed|ing) (?:his|her|their|my)? ?(?:words|speech)?'),
      re('can not (?:lift|raise|move|feel) (?:his|her|my|their) (?:arm|arms|leg|legs|left|right)'),
      re(
        '(?:think|thinks|might be|may be|could be|looks like) (?:it is |he is |she is |i am |they are |its )?(?:having )?an? (?:stroke|heart attack)',
      ),
      re('(?:chest|heart) (?:pain|pains|is hurting|hurts|tightness|crushing)'),
      re('(?:pain|pains) in (?:his|her|my) chest'),
      re('(?:arm|arms) (?:is |has )?(?:gone )?numb'),
      re('(?:is|are|keeps|started|been|baby|he|she|child|toddler|son|daughter) choking(?! (?:us|me|everyone|the))'),
      re('choking (?:on|and)'),
      re('(?:bleeding|blood) (?:heavily|badly|everywhere|loads|a lot|will not stop|is pouring|pouring|gushing|spurting|out)'),
      re('(?:so much|lots of|loads of|a lot of|pool of) blood'),
      re('can not stop (?:the|him|her|it)? ?bleeding'),
      re('(?:send|need|call|get|calling|want) (?:an? |the )?ambulance'),
      re('(?:can not|could not) (?:feel|find) (?:a|his|her|their) pulse'),
    ],
  },
  {
    kind: 'medical',
    means: 'overdose and poisoning',
    patterns: [
      re('overdose'),
      re(
        '(?:taken|took|swallowed|had|eaten|ate) (?:a load of|loads of|too many|all (?:my|his|her|the|of (?:my|his|her|the))|a (?:whole )?(?:packet|box|bottle|handful|strip|tub) of|lots of|a lot of|a bunch of|a pile of|the whole) ',
        PILLS,
        '?',
      ),
      re('(?:taken|took|swallowed) (?:a|the) (?:whole )?(?:packet|box|bottle|handful|load)'),
      re(
        '(?:drank|drunk|swallowed|eaten|ate|drinking|eating|licked|swallow) (?:some |a |the |a bottle of |some of the |from the |a load of )?',
        alt(
          'bleach',
          'poison',
          'cleaning',
          'cleaner',
          'washing up liquid',
          'washing liquid',
          'laundry',
          'dishwasher',
          'antifreeze',
          'weed killer',
          'weedkiller',
          'battery',
          'batteries',
          'button battery',
          'detergent',
          'something from the cleaning',
          'something poisonous',
          'white spirit',
          'rat poison',
          'methadone',
          'her tablets',
          'his tablets',
          'my tablets',
          'my pills',
          'her pills',
          'his pills',
        ),
      ),
      re('(?:been |is )?poisoned'),
    ],
  },
  {
    kind: 'medical',
    means: 'signs of stroke, allergy, seizure, collapse and poisoning in lay words',
    voidedBy: LASTING_SYMPTOM,
    patterns: [
      re(
        FACE_PART,
        ' (?:has |have |is |are |looks |look |gone |went |all )*(?:dropped|drooping|droopy|lopsided|twisted|fallen|gone to one side|swelling|swollen|swelled|puffing up|puffed up|blown up|closing up|closing|tight|tightening)',
      ),
      re('one side of (?:his|her|their|my) (?:face|mouth|body)'),
      re(
        '(?:left|right|one) side (?:of (?:his|her|my|their) body )?(?:has |is )?(?:gone |went |suddenly )?(?:weak|numb|dead|floppy|limp|heavy|paralysed)',
      ),
      re('(?:can not|could not|struggling to|trying to) (?:get|find) (?:his|her|their|my) words(?: out)?'),
      re('(?:talking|speaking|making) (?:nonsense|gibberish|no sense)'),
      re('(?:is not|not|stopped) making (?:any )?sense'),
      re('(?:suddenly|all of a sudden) (?:can not|could not) (?:see|stand|walk|speak|talk|move)'),
      re('(?:throat|chest) (?:feels|is|feeling|has gone|went) (?:tight|funny|closed|like it is closing)'),
      re('(?:hives|rash|blotches|welts) (?:all over|everywhere)'),
      re('rash (?:that )?(?:does not|will not|do not) (?:fade|go) (?:under|with|when)'),
      re('(?:anaphylaxis|anaphylactic|epipen|epi pen)'),
      re('allergic to(?: \\w+){1,3} (?:and|but) (?:he|she|they|i) (?:just )?(?:ate|eaten|had|has had|drank|got stung|was stung)'),
      re('(?:shaking|jerking|twitching|convulsing) all over'),
      re('eyes (?:are |keep |have |)?(?:rolling|rolled|rolling back|gone) (?:back|up)'),
      re('(?:keeled|keeling|toppled|slumped|crumpled|flopped) (?:over|down|to the floor|on the floor|in|at|against)'),
      re('(?:slumped|crumpled) (?:in|on|at|against|over)'),
      re('(?:gurgling|rattling|rattly|snoring) (?:noises|noise|breathing|breath)'),
      re('breathing (?:has gone |is |sounds )?(?:really |very )?(?:rattly|rattling|funny|weird|strange|noisy|shallow|wrong)'),
      re('(?:wont|will not|can not|does not) open (?:his|her|their) eyes'),
      re('(?:getting|gone|going|is|really|very) (?:very |really |so )?(?:drowsy|sleepy and|limp|floppy)'),
      re('(?:gone|going|turned|turning|is) (?:grey|gray|white|pale) and (?:sweaty|clammy|cold|floppy|not)'),
      re('(?:crushing|heavy|tight|bad|sharp) (?:pain|pains|feeling) (?:in|across) (?:his|her|my|their) (?:chest|jaw|left arm)'),
      re('pain in (?:his|her|my|their) (?:jaw|left arm|chest) and'),
      re('(?:chest|heart) (?:feels|is) like (?:it is being )?(?:crushed|squeezed|an elephant)'),
      re('(?:heart|pulse) (?:is )?(?:racing|pounding) and'),
      re('(?:blood|bleeding) (?:is )?(?:soaking|soaked|pumping|dripping|running) (?:through|everywhere|out|down)'),
      re(
        '(?:hit|banged|bumped|smacked) (?:his|her|their|my) head(?: \\w+){0,6} (?:being sick|vomiting|not making sense|confused|drowsy|will not wake|can not stay awake|bleeding)',
      ),
      re(
        '(?:something|food|a sweet|a grape|a coin|a toy|a bone|meat) (?:is |got |has got |)?stuck in (?:his|her|their|my) (?:throat|windpipe)',
      ),
      re('(?:can not|could not) (?:cough|swallow|speak|talk) (?:or|and|properly|at all)'),
      re('(?:struggling|trying|unable) to (?:swallow|breathe)'),
      re(
        '(?:taken|took|swallowed|had|eaten|ate|necked|downed|drank) (?:a load of|loads of|too many|all of|all|a whole|a (?:whole )?(?:packet|box|bottle|handful|strip|tub|load) of|lots of|a lot of|the whole|some of)(?: \\w+){0,3} ',
        PILLS,
      ),
      re(
        '(?:ate|eaten|eating|drank|drunk|drinking|swallowed|licked|chewed|got hold of|got into) (?:some |a |an |the |his |her |my |some of (?:the|my|his|her) )?(?:\\w+ ){0,2}',
        alt(
          'berries',
          'mushrooms',
          'tablets',
          'pills',
          'capsules',
          'liquid',
          'liquitabs',
          'pods',
          'chemicals',
          'battery',
          'batteries',
          'magnets',
          'vape liquid',
          'e liquid',
          'fertiliser',
          'slug pellets',
          'rat poison',
          'bleach',
          'medicine',
        ),
      ),
      re('(?:battery|batteries|magnet|magnets|coin|pills|tablets) in (?:his|her|their) mouth'),
      re(
        '(?:carbon monoxide|co alarm|gas leak|smell gas|smell of gas)(?: \\w+){0,8} (?:headaches|headache|dizzy|fainted|collapsed|passed out|being sick|drowsy)',
      ),
      re('(?:headaches|dizzy|being sick)(?: \\w+){0,6} (?:fainted|collapsed|passed out|will not wake)'),
      re('(?:fainted|passed out|collapsed)(?: \\w+){0,4} (?:and|still) (?:will not|can not|is not|not) (?:wake|respond|come round|get up)'),
      re('(?:(?:diabetic|diabetes) (?:hypo|coma|emergency)|(?:having|in) a hypo)'),
      re('(?:burning up|temperature)(?: \\w+){0,4} (?:limp|floppy|will not wake|fitting|rash|drowsy)'),
    ],
  },
  // ---- suicide and self-harm -------------------------------------------------------------------------------
  {
    kind: 'suicide_self_harm',
    means: 'an intention or act of ending life or self-harm, direct or indirect',
    ignoresPolicyQuestions: true,
    patterns: [
      re(
        alt(
          'kill',
          'killing',
          'cut',
          'cutting',
          'hang',
          'hanging',
          'drown',
          'drowning',
          'overdose',
          'starve',
          'starving',
          'burn',
          'burning',
        ),
        ' (?:myself|himself|herself|themselves)',
      ),
      re(
        alt(
          'want to',
          'going to',
          'will',
          'keep',
          'keeps',
          'been',
          'am',
          'is',
          'are',
          'started',
          'thinking of',
          'thinking about',
          'about to',
          'trying to',
          'tried to',
          'wants to',
        ),
        ' (?:hurt|hurting|harm|harming) (?:myself|himself|herself|themselves)',
      ),
      re(alt('been', 'am', 'is', 'keep', 'keeps', 'started', 'still', 'again'), ' self ?harm(?:ing)?'),
      re('self ?harm(?:ing)? (?:again|and|tonight|now)'),
      re(
        '(?:end|ending|take|taking|finish|finishing) (?:it all|my life|his life|her life|their life|my own life|his own life|her own life|everything|things|my life tonight|it tonight|it now|myself)',
      ),
      re(alt('going to', 'want to', 'will', 'about to', 'ready to', 'planning to', 'i am going to', 'tonight i'), ' (?:end|finish) it'),
      re('(?:feel|feeling|am|is|are|been|felt|he is|she is|getting) (?:really |very |so )?suicidal'),
      re('(?:talking about|thinking about|thoughts of|going to commit|commit|committing|attempt|attempting|attempted) suicide'),
      re('suicide (?:note|letter|plan)'),
      /\b(?:want|wants|wanted|going|ready|deserve|i|just want|wish i could|wanting) to die\b(?! (?:my|his|her|their|the|it|this|that|of|for|laughing|hair|a))/g,
      re('(?:wish|wished) (?:i|he|she) (?:was|were) dead'),
      re('(?:better off|happier) (?:dead|without me|when i am gone|if i was gone|if i was not here|with me gone)'),
      re('(?:can not|can no longer|will not|do not want to|not able to) (?:go on|carry on|keep going)(?: any ?more| like this)?'),
      re('can not (?:cope|do this|take (?:it|this)|live like this) any ?more'),
      re(
        '(?:no|what is the|whats the) (?:point|reason) (?:in |of )?(?:living|carrying on|going on|being alive|being here|life|anything any ?more)',
      ),
      re('(?:nobody|no one|noone) (?:would|will|is going to) (?:miss|care|notice) (?:me|if i)'),
      re('(?:nobody|no one) (?:would|will) (?:miss me|care if i|notice if i)'),
      re(
        '(?:said|saying|says|sent|posted|posting|written|wrote|left) (?:a |his |her |my )?(?:goodbye|goodbyes|bye)(?: to| message| note| letter| text)?',
      ),
      re('(?:written|wrote|left) (?:the|my|his|her) (?:letters|notes|goodbye)'),
      re('(?:do not|does not|dont) want to (?:be alive|live|be here|exist|wake up)(?: any ?more)?'),
      re('(?:go to sleep|sleep) and (?:never|not) wake up'),
      re(
        alt(
          'going to',
          'want to',
          'about to',
          'will',
          'threatening to',
          'says he will',
          'says she will',
          'says he is going to',
          'says she is going to',
        ),
        ' (?:jump|throw (?:myself|himself|herself))(?: off| from| in front| into)?',
      ),
      re('(?:walk|walking|jump|jumping) (?:into|in front of) (?:the )?(?:sea|river|traffic|train|canal|a train|a car|a lorry)'),
      re('(?:got|have|bought|holding|found) (?:a|the) rope'),
      re('(?:got|have) (?:the|all the|all my|my) ', PILLS, ' (?:here|ready|lined up|out|in front of me)'),
      re('(?:cut|cutting|slit|slitting) (?:too deep|my (?:arm|arms|wrist|wrists|leg|legs)|his wrists|her wrists)'),
    ],
  },
  {
    kind: 'suicide_self_harm',
    means: 'farewells, final acts and a plan: goodbye messages, giving things away, not being here tomorrow',
    ignoresPolicyQuestions: true,
    patterns: [
      re('(?:this is|saying|said|sent|say|says) (?:my )?(?:goodbye|goodbyes|bye)(?: to (?:everyone|you all|us|the kids|his|her|my))?'),
      re('(?:final|last) (?:message|goodbye|words|note|text|post)'),
      re('sorry for everything'),
      re('nice knowing (?:everyone|you|you all|yous|all)'),
      re('thanks for (?:being (?:a|my)|everything)(?: \\w+){0,6} (?:goodbye|bye|love|sorry|phone|gone|answer)'),
      re(
        '(?:love|loves|loved) (?:you|us|them|everyone) all(?: \\w+){0,10} (?:phone is off|phone off|switched off|not answering|will not answer|can not find|can not reach|not picking up|gone)',
      ),
      re('tell (?:mum|dad|my \\w+|the kids|everyone|them|him|her) (?:i|that i) (?:love|loved|am sorry)'),
      re(
        '(?:will not|not going to|wont|do not think i will) be (?:here|around|alive) (?:by|in the|tomorrow|for much longer|much longer|to see|any ?more|after)',
      ),
      re('(?:not|never) (?:be )?coming back'),
      re('(?:last|final) (?:night|day|time) (?:anyone|i|you|of my life|on earth|alive|ever)'),
      re('tonight is the (?:night|last|end)'),
      re('(?:given|giving|gave) away (?:all )?(?:my|his|her|their) (?:things|stuff|belongings|possessions|pets|cat|dog)'),
      re('(?:given|giving|gave) (?:my|his|her) (?:cat|dog|pets|things|stuff) to'),
      re('(?:will not|wont|not going to) need (?:them|it|anything|my \\w+) (?:after|any ?more|where i am going)'),
      re('(?:sorted|written|made|updated|wrote) (?:my|his|her) (?:will|funeral)'),
      re('(?:written|wrote|left) (?:a |the |my |his |her )?(?:note|notes|letter|letters) (?:for|to) (?:my|his|her|the|mum|dad|everyone)'),
      re('(?:saving|saved|stockpiling|stockpiled|hoarding|collecting|collected) (?:up )?(?:my |his |her |all )?', PILLS),
      re('(?:made|have|got|making) a plan(?: \\w+){0,4} (?:to|for|how|tonight|and)'),
      re('(?:made|have|got) a plan$'),
      re('(?:life|living) (?:is not|is no longer|not) worth (?:living|it)'),
      re('(?:had|have) enough of (?:living|life|being alive|everything|it all)'),
      re('(?:i am|i feel|feel like|feeling like) (?:a |such a )?burden'),
      re('(?:nobody|no one|noone) (?:would|will|is going to|ever) (?:miss|notice|care)(?: \\w+){0,2} (?:me|when i|if i|that i)'),
      re('(?:disappear|vanish|gone) (?:forever|for good|for ever)'),
      re('(?:make|making) (?:it|everything|the pain|this) (?:all )?stop (?:for good|forever|tonight|permanently)'),
      re('(?:going to|will|gonna) make (?:it|everything) (?:all )?stop'),
      re(
        '(?:step|stepping|stepped|jump|jumping|throw (?:myself|himself|herself)|throwing (?:myself|himself|herself)|walk|walking|lie|lying) (?:out )?(?:in front of|under) (?:the |a )?(?:train|trains|lorry|bus|traffic|car|cars|tube)',
      ),
      re(
        '(?:jump|jumping|jumped|throw (?:myself|himself|herself)) (?:off|from) (?:the |a )?(?:bridge|cliff|cliffs|building|roof|car park|multi storey|flyover|balcony|tower)',
      ),
      re(
        '(?:on|standing on|up on|at the top of) (?:the |a )?(?:roof|edge|ledge|bridge|cliff|multi storey|car park roof)(?: \\w+){0,8} (?:do not want to be here|want to die|jump|end it|goodbye|not coming back)',
      ),
      re(
        '(?:going|gone|walked|heading|walking|drove|driving) (?:off )?(?:to|towards|down to) the (?:bridge|cliffs?|quarry|railway|tracks|viaduct|multi storey)(?: \\w+){0,6} (?:not coming back|goodbye|sorry|end it|done|wont answer)',
      ),
      re(
        '(?:himself|herself|themselves|myself)(?: \\w+){0,6} (?:with|and) (?:a |the |some |his |her |my |all )?(?:razor|razors|blade|blades|knife|rope|pills|tablets|belt|cord)',
      ),
      re('(?:cutting|harming|burning|hurting) (?:myself |himself |herself )?again'),
      re('(?:i am|im|am) (?:done|finished) (?:with (?:life|everything|it all)|now|tonight)'),
    ],
  },
  // ---- domestic abuse and threats at home ------------------------------------------------------------------
  {
    kind: 'domestic_abuse',
    means: 'a partner or family member hurting, threatening or controlling the person now',
    patterns: [
      re(
        PARTNER,
        ' (?:is |keeps |has been |keep |just |has just |was |always |is always |still |)?',
        alt(
          'hitting',
          'beating',
          'punching',
          'kicking',
          'strangling',
          'choking',
          'attacking',
          'hurting',
          'threatening',
          'pushed',
          'pushing',
          'hit',
          'hits',
          'beat',
          'beats',
          'punched',
          'punches',
          'kicked',
          'strangled',
          'choked',
          'attacked',
          'threw',
          'thrown',
          'slapped',
          'slapping',
          'battered',
          'bit',
          'grabbed',
          'dragged',
          'hurts',
          'abusing',
          'abuses',
          'raped',
        ),
        ' ',
        VICTIM_AT_HOME,
      ),
      re(PARTNER, ' ', WILL, ' (?:', THREAT_VERB, ') ', VICTIM_AT_HOME),
      re(alt('threatening', 'threatened', 'threatens'), ' (?:to )?(?:kill|hurt|stab|hit|beat|finish) (?:me|us)'),
      re(
        '(?:he|she|they) (?:will|is going to|says he will|said he will|says she will|said she will) (?:kill|hurt|stab|beat|finish) (?:me|us)',
      ),
      re(
        '(?:i am|we are|i|we|am|i feel) (?:not safe|unsafe|in danger|scared for my life|frightened for my life|afraid for my life|terrified)(?! to walk)',
      ),
      re('(?:not safe|unsafe) (?:at home|here|in (?:my|the|this|our) (?:house|home|flat))'),
      re('(?:locked|lock|locking|keeps) me (?:in|out|up)'),
      re('(?:will not|does not|wont) let me (?:leave|out|go|out of)'),
      re('(?:taken|took|smashed|broke) my phone'),
      re('(?:hiding|hide) (?:in|from) (?:the |my |him|her)'),
      re('(?:kicking|banging|smashing|hammering|bashing) (?:on )?(?:the|my|our) (?:door|doors|window)'),
      re('(?:scared|afraid|frightened|terrified) (?:of|to go home|to go back|to leave) (?:my |him|her|because)?'),
      re('(?:has|have|with) (?:bruises|marks|cuts) (?:all over|on my)'),
      re('knows where i live'),
      re('(?:been|is|gets|getting|being|was) (?:violent|aggressive|abusive) (?:towards|to|with|at) (?:me|us)'),
      re(
        alt('ex', 'ex partner', 'ex husband', 'ex wife', 'ex boyfriend', 'partner', 'husband'),
        ' (?:is |has )?(?:outside|turned up|here|at the door|trying to get in)',
      ),
    ],
  },
  {
    kind: 'domestic_abuse',
    means: 'violence or control at home in other words: pinned, strangled, thrown at, a threat to the body or the children',
    patterns: [
      re(
        '(?:pinned|pushed|shoved|held|slammed|threw|thrown|dragged|grabbed) me (?:against|to|into|onto|down|on|up|across|by) (?:the |my )?(?:wall|floor|door|bed|ground|stairs|hair|throat|neck|kitchen)',
      ),
      re('(?:hands|hand|arm|arms) (?:round|around|on) my (?:neck|throat)'),
      re('(?:thrown|threw|throwing|throws|chucked|chucking|hurled|smashed) (?:a |the |his |her |my |hot )?(?:\\w+ )?(?:at|over) me'),
      re(WILL, ' (?:break|smash|snap|cut|burn) (?:my|your) (?:jaw|neck|legs|leg|face|arm|arms|nose|head|teeth|fingers)'),
      re(
        '(?:if|unless) i(?: \\w+){0,6} (?:he|she|they) (?:will|would|is going to|says he will|said he would|said she would) (?:hurt|kill|take|harm) (?:me|the|my|our) ?(?:kids|children|baby|son|daughter)?',
      ),
      re('(?:he|she|they) (?:checks|check|reads|takes|took|has taken) (?:my|all my) (?:phone|messages|money|bank card|keys)'),
      re('(?:locked|locks|lock) (?:all )?(?:the )?(?:doors|door|windows)(?: \\w+){0,4} (?:taken|took|has) (?:the |my )?(?:keys|phone)'),
      re('(?:can not|could not|not allowed to) (?:get out of|leave) (?:the|this|my) (?:house|flat|room|home)'),
      re('(?:beating|hitting|hurting|battering|abusing) me for (?:months|years|weeks|ages)'),
      re('(?:coming|come) back (?:tonight|later|soon|home)(?: \\w+){0,4} (?:scared|terrified|frightened|afraid|kill|hurt)'),
    ],
  },
  // ---- children -------------------------------------------------------------------------------------------------
  {
    kind: 'child_at_risk',
    means: 'a child alone, hurt, unfed, lost near danger or being groomed',
    patterns: [
      re(
        CHILD,
        '(?: \\w+){0,6} (?:left|been|is|are|being|home|were|was) (?:home |left |been left )?(?:alone|on (?:their|his|her) own|by (?:themselves|himself|herself)|unattended)',
      ),
      re(
        CHILD,
        '(?: \\w+){0,6} (?:wandering|walking|playing|running|standing|crawling|sitting)(?: \\w+){0,6} (?:road|street|canal|river|motorway|dual carriageway|railway|tracks|balcony|window ledge|roof|water|pond)',
      ),
      re(
        '(?:alone|on (?:his|her|their) own|no adult|no parents|nobody with)(?: \\w+){0,4} (?:road|street|canal|river|balcony|park|motorway)',
      ),
      re(
        alt(
          'hitting',
          'beating',
          'hurting',
          'abusing',
          'shaking',
          'burning',
          'burns',
          'shakes',
          'hits',
          'beats',
          'abuses',
          'touches',
          'touching',
          'punches',
          'kicks',
          'kicking',
          'punching',
          'hit',
          'beat',
          'starving',
          'starves',
        ),
        ' (?:the |a |my |his |her |their |this )?(?:little |small |young )?',
        alt(
          'kids',
          'children',
          'child',
          'baby',
          'toddler',
          'son',
          'daughter',
          'boy',
          'girl',
          'nephew',
          'niece',
          'sister',
          'brother',
          'stepson',
          'stepdaughter',
        ),
      ),
      re(
        CHILD,
        '(?: \\w+){0,3} (?:being|been|is being|getting) (?:beaten|hit|hurt|abused|attacked|shaken|starved|burned|burnt|punched|kicked|groomed)',
      ),
      re(CHILD, '(?: \\w+){0,8} (?:no food|starving|not been fed|not fed|nothing to eat|have not eaten|has not eaten|hungry and alone)'),
      re(
        alt('no food', 'starving', 'not been fed', 'nothing to eat', 'have not eaten', 'has not eaten'),
        '(?: \\w+){0,6} (?:and|since|for) (?:the )?(?:parents|mum|dad|mother|father)',
      ),
      re('(?:crying|screaming) (?:for hours|all day|all night|non stop)'),
      re(CHILD, '(?: \\w+){0,4} (?:crying|screaming)(?: \\w+){0,6} (?:alone|nobody|no one|hours|for ages)'),
      re('(?:left|locked) (?:alone )?in (?:a|the) (?:hot )?car'),
      re(
        '(?:man|men|stranger|adult|older man|someone|woman)(?: \\w+){0,6} (?:trying to get|get|getting|grab|grabbing|drag|dragging|pulling|lure|luring|making) (?:a |the |this |two )?(?:little |young )?(?:child|girl|boy|kid|kids|children|',
        '\\d{1,2} year old',
        ')(?: \\w+){0,3} (?:into|in|to meet|to go)',
      ),
      re(CHILD, '(?: \\w+){0,4} (?:gone missing|is missing|has gone missing|run away|ran away|missing with)'),
      re(
        '(?:uncle|stepdad|stepfather|dad|man|teacher|coach|neighbour|boyfriend) (?:is |keeps |has been )?(?:touching|touches|touched|abusing|abuses) (?:her|him|them)',
      ),
      re('(?:scared|afraid|frightened) to go home'),
      re(
        '(?:his|her|their|mates|friends|the) (?:dad|mum|mother|father|stepdad|stepfather|stepmum|parents|mums boyfriend|mums partner) (?:\\w+ )?(?:hits|beats|burns|hurts|punches|kicks|hitting|beating|burning|hurting|starves|locks|shakes|abuses|abusing) (?:him|her|them)',
      ),
      re(
        '(?:older|grown|adult) (?:man|men|woman) (?:is |has been |keeps )?(?:making|asking|getting|wants|wanting|grooming|messaging|meeting|sending)',
      ),
      re(CHILD, '(?: \\w+){0,4} (?:locked (?:out|outside|in)|shut (?:out|outside|in))'),
      re('(?:they|he|she) (?:are|is|get|gets) (?:being )?left (?:alone|on (?:their|his|her) own) (?:every|all|at night|overnight|for)'),
      re('(?:passed out|unconscious|drunk|high|off their face|off his face|off her face)(?: \\w+){0,6} (?:baby|kids|children|toddler)'),
    ],
  },
  {
    kind: 'child_at_risk',
    means: 'a child with no adult, a parent gone for days, a child groomed or hit, in other words',
    patterns: [
      re(
        CHILD,
        '(?: \\w+){0,10} (?:no one|nobody|no adult|no parent|no grown up) (?:is )?(?:with|watching|looking after|around|about|home|in)',
      ),
      re(
        CHILD,
        '(?: \\w+){0,6} (?:in (?:a|his|her|their|just a) (?:nappy|nappies|pyjamas|vest)|on (?:the|a) (?:pavement|road|main road|street|ledge|edge))',
      ),
      re(
        '(?:mum|dad|mother|father|parents|parent|mam) (?:has not|have not|has|have|had|is not|not|never) (?:been|come|came|coming) (?:back|home)(?: \\w+){0,3} (?:for|since|in|all) (?:days|two days|three days|\\d+ days|a day|the weekend|weekend|yesterday|last night|a week)',
      ),
      re(
        '(?:asking|asked|asks|wants|wanting|getting|told|telling|making) (?:her|him|them|my \\w+(?: \\w+)?) to (?:send|sending) (?:photos|pictures|pics|nudes|images|videos)',
      ),
      re('(?:to|and) meet (?:him|her|them|up with him|up) (?:tonight|today|alone|secretly|in secret|tomorrow)'),
      re(
        '(?:with|meeting|staying with|gone off with|in a car with) (?:an? )?(?:older|grown|adult|much older) (?:man|men|woman|bloke|lad|boyfriend)',
      ),
      re(
        '(?:hits|hit|hitting|beats|beating|whips|smacks|smacking|slaps|slapping) (?:her|him|them) with (?:a|his|her|the) (?:belt|stick|cable|wire|shoe|slipper|spoon)',
      ),
      re(CHILD, '(?: \\w+){0,6} (?:being |been |getting )?(?:smacked|slapped|shaken|whipped|thrown|strangled)'),
      re('(?:gone|went|has gone|is) (?:silent|quiet) (?:after|since)'),
      re(
        '(?:sitting|standing|climbing|playing|hanging) (?:on|over|out of) (?:the )?(?:edge of the |balcony|window|ledge|railings|flat balcony)',
      ),
      re('(?:always|really|so|very) (?:hungry|thin|dirty|cold)(?: \\w+){0,6} (?:mum|dad|parents|nobody|no one|alone|left)'),
      re(
        '(?:did not|never|has not|have not) (?:come|came) home(?: \\w+){0,10} (?:older|man|men|missing|nobody knows|no one knows|phone off)',
      ),
    ],
  },
  // ---- adults at risk ---------------------------------------------------------------------------------------
  {
    kind: 'adult_at_risk',
    means: 'neglect or abuse of an adult with care needs, a missing or confused vulnerable adult',
    patterns: [
      re(
        alt('carer', 'carers', 'care worker', 'care workers', 'care home', 'care home staff', 'staff', 'nurse'),
        '(?: \\w+){0,5} ',
        alt(
          'hitting',
          'hits',
          'hit',
          'abusing',
          'abused',
          'abuse',
          'stealing',
          'steals',
          'stole',
          'taking (?:her|his|their) (?:money|pension|benefits|cards)',
          'rough',
          'shouts at',
          'shouting at',
          'neglecting',
          'neglect',
          'tied',
          'ties',
          'locked',
          'locks',
          'leaving (?:her|him|them)',
          'leave (?:her|him|them|my)',
          'not feeding',
          'starving',
          'slapping',
          'slaps',
          'pushing',
          'pushed',
        ),
        '\\b',
      ),
      re(
        alt('dementia', 'alzheimers', 'confused', 'learning disabilities', 'learning disability', 'autism', 'autistic', 'vulnerable'),
        '(?: \\w+){0,10} (?:missing|wandered|wandering|walked out|left the house|got lost|is lost|can not find|could not find|nobody knows|no one knows|disappeared)',
      ),
      re(
        alt('missing', 'wandered off', 'wandered out', 'wandering', 'walked out'),
        '(?: \\w+){0,10} ',
        alt('dementia', 'alzheimers', 'confused', 'care home', 'slippers', 'nightie', 'pyjamas', 'dressing gown'),
      ),
      re(
        alt('elderly', 'old (?:man|lady|woman|person|gentleman)', 'confused (?:man|lady|woman|person)'),
        '(?: \\w+){0,4} (?:wandering|lying|on the floor|fallen|missing)',
      ),
      // The signs first and the person before them in a lookbehind: a pronoun opening the pattern would have it tried at nearly every word.
      re(
        '(?<=\\b',
        alt('he', 'she', 'they', 'him', 'her', 'them', 'neighbour', 'man', 'lady', 'woman', FAMILY_MEMBER),
        '(?: \\w+){0,8} (?:has |have |is |are |with |got |in |left )?)',
        alt(
          'no food',
          'no heating',
          'not eating',
          'soiled',
          'sores',
          'bed sores',
          'own mess',
          'starved',
          'being starved',
          'not being fed',
          'neglected',
          'being neglected',
          'no water',
          'not been fed',
          'without food',
          'without water',
        ),
      ),
      re(
        '(?:not been seen|has not been seen|have not seen (?:him|her)|nobody has seen (?:him|her)|no one has seen (?:him|her)|not seen (?:him|her))(?: \\w+){0,3} (?:for|in|since) (?:days|a week|weeks|\\d+ days|two days|three days|several days|a few days)',
      ),
      re('(?:milk|post|letters|papers)(?: \\w+){0,3} (?:still on|piling up|not been taken in)'),
      re(
        '(?:being|been) (?:financially )?(?:abused|exploited|used|threatened|bullied)(?: \\w+){0,4}? (?:by (?:her|his|the|their) (?:carer|son|daughter|family|neighbour|men)|for (?:her|his) money)',
      ),
      re('(?:financially abusing|(?:taking|takes|took|stealing|steals|stole) (?:his|her) (?:money|pension|benefits|bank card|cards))'),
      re('(?:taken over|moved into|took over) (?:his|her|their) (?:flat|house|home)'),
      re(
        '(?:fallen|fell|been lying|lying|on the floor)(?: \\w+){0,6} (?:since last night|since yesterday|all night|for hours|since this morning|and can not get up|can not get up)',
      ),
      re('calling (?:out )?for help'),
      re(VULNERABLE_ADULT, '(?: \\w+){0,8} (?:being|been) (?:hit|abused|hurt|threatened|starved|neglected|kept locked|locked)'),
      re('(?:carer|carers) (?:has not|have not|did not|never) (?:come|came|turned up|been)'),
    ],
  },
  {
    kind: 'adult_at_risk',
    means: 'an adult with care needs gone out, unseen for days, exploited or left without care, in other words',
    patterns: [
      re(
        alt(
          'dementia',
          'alzheimers',
          'confused',
          'memory problems',
          'learning difficulties',
          'learning disabilities',
          'autism',
          'autistic',
        ),
        '(?: \\w+){0,16} (?:gone out|went out|has gone|left the house|gone off|walked off|wandered|wandering|got out|can not find|could not find|missing|lost|not come back|not back)',
      ),
      re(
        alt('elderly', 'old', 'frail', 'confused', 'vulnerable', 'disabled'),
        ' (?:man|woman|lady|gentleman|person|couple|neighbour|gent)(?: \\w+){0,8} (?:confused|in the (?:snow|cold|rain|road|middle of the road)|in (?:his|her|their) (?:nightie|nightdress|pyjamas|dressing gown|slippers)|calling (?:out|for help)|on the floor|can not get up)',
      ),
      re(
        '(?:not seen|have not seen|has not been seen|not been seen|no sign of) (?:him|her|them|the \\w+|my \\w+)?(?: \\w+){0,3} (?:for|in|since) (?:days|a week|weeks|\\d+ days|two days|three days|four days|five days|several days|a few days)',
      ),
      re('(?:curtains|blinds)(?: \\w+){0,3} (?:still )?(?:shut|closed|drawn)(?: \\w+){0,6} (?:days|not answering|no answer|milk|post)'),
      re(
        '(?:taken|taking|takes|took|stealing|steals|stole|stolen|kept|keeps|controls|controlling|has) (?:all )?(?:of )?(?:his|her|their) (?:bank )?(?:money|pension|benefits|cards|card|pin|savings|bank book)',
      ),
      re('(?:making|made|forcing|forced|makes|force) (?:him|her|them) (?:to )?(?:hand over|give|pay|withdraw|sign)'),
      re(
        '(?:men|people|lads|gang|dealers|they) (?:who |that )?(?:have )?(?:moved in|are staying|staying|living|taken over)(?: \\w+){0,6} (?:his|her|their|him|her|money|room|flat|scared|threatening|bullying)',
      ),
      re('(?:wont|will not|not) let (?:her|him|them) (?:see|speak to|talk to|phone|leave|out)'),
      re('(?:sitting|lying|left) in (?:wet|dirty|soiled|his own|her own) (?:pads|pad|nappies|bed|clothes|mess|urine)'),
      re(
        '(?:stopped|not|never|has not been|have not been) (?:feeding|fed|washing|giving (?:him|her) (?:his|her) (?:meds|medication|food))',
      ),
      re('(?:carers|carer|care staff|night staff|staff) (?:are |is |being )?(?:rough|shouting|shout|hitting|slapping|pinching|ignoring)'),
      re('(?:scared|afraid|frightened|terrified) to (?:leave|come out of) (?:his|her|their|the) (?:room|flat|house|home|bedroom)'),
      re('(?:calling|shouting|crying) (?:out )?(?:from inside|for help)'),
    ],
  },
  // ---- fire -------------------------------------------------------------------------------------------------------
  {
    kind: 'fire',
    overByNextDay: true,
    means: 'a fire or smoke where people are, or people trapped by it',
    voidedBy: HARMLESS_SMOKE,
    patterns: [
      re('(?:on fire|caught fire|catching fire|set fire to|set on fire|up in flames|in flames|gone up in flames|burning down|burnt down)'),
      re('flames (?:coming|everywhere|are|spreading|from|out of|in)'),
      re('(?:fire|smoke|flames) (?:is |are )?(?:spreading|getting bigger|getting worse|everywhere|coming (?:in|under|up|through|out))'),
      re(
        'fire (?:in|on) (?:the|my|our|a|his|her) (?:kitchen|flat|house|building|stairwell|stairs|landing|hallway|hall|bedroom|block|roof|shop|garage|bungalow|caravan|loft|living room|lounge|home)',
      ),
      re(
        '(?:a|the|there is a|theres a) fire (?:in|on|at) (?:the )?(?:flat|house|building|block|floor) (?:below|above|next door|upstairs|downstairs)',
      ),
      re(
        '(?:smoke|smoking) (?:is |are )?(?:coming|pouring|everywhere|filling|under|billowing|out of|from|in the (?:house|flat|room|hall|stairs|stairwell|bedroom))',
      ),
      re('(?:full of|filling with|filled with|filling up with) (?:black )?smoke'),
      re(
        '(?:fire|smoke|flames)(?: \\w+){0,8} (?:trapped|stuck|can not get out|could not get out|still inside|still in there|someone inside|inside)',
      ),
      re('(?:trapped|stuck|can not get out)(?: \\w+){0,8} (?:fire|smoke|flames)'),
      re(
        '(?:house|flat|building|block|home|roof|kitchen|garage|car|shop|caravan|bungalow)(?: \\w+){0,4} (?:is |are )?(?:burning|ablaze|alight)',
      ),
      re('(?:fire|smoke) (?:alarm|alarms) (?:is |are )?(?:going off|going|sounding)(?: \\w+){0,6} (?:smoke|fire|flames|burning)'),
      re('can not (?:put|get) (?:it|the fire) out'),
    ],
  },
  {
    kind: 'fire',
    overByNextDay: true,
    means: 'a fire described without the word: things alight, blazing, gone up, smoke filling where people are',
    voidedBy: HARMLESS_SMOKE,
    patterns: [
      re(
        BURNABLE,
        '(?: \\w+){0,4} (?:is |are |has |have |just |has just |suddenly )*(?:burning|ablaze|blazing|alight|engulfed|gone up|went up|going up|caught|catching|smouldering|smoking|exploded|melting)',
      ),
      re('(?:a |the )?(?:blaze|inferno) (?:in|at|on|next door|upstairs|downstairs|is|spreading)'),
      re('(?:engulfed|ablaze|alight)(?: in (?:flames|smoke))?'),
      re(
        '(?:thick|black|loads of|lots of|so much|choking|heavy|grey|billowing) smoke(?: \\w+){0,6} (?:in|from|coming|filling|through|under|everywhere|pouring|inside)',
      ),
      re('(?:smoke|flames)(?: \\w+){0,3} (?:in|from|filling|through|under|out of) (?:the |our |my |his |her |their )?', PLACE),
      re(PLACE, '(?: \\w+){0,3} (?:is |are )?(?:full of|filling with|filling up with|filled with) (?:smoke|flames)'),
      re('(?:orange|red) glow'),
      re('(?:sparks|sparking|sparked)(?: \\w+){0,4} (?:smoke|burning|flames|caught)'),
      re('(?:smell|smelling) (?:of )?burning(?: \\w+){0,8} (?:smoke|flames|can not get|trapped|upstairs|inside|in bed)'),
      re('(?:flames|smoke) (?:are |is )?(?:coming|pouring|billowing|spreading|getting|going)'),
    ],
  },
  // ---- flood ------------------------------------------------------------------------------------------------------
  {
    kind: 'flood',
    overByNextDay: true,
    means: 'water rising where people are, people trapped by water or carried away',
    patterns: [
      re(
        'water (?:is |keeps )?(?:still )?(?:rising|coming in|coming up|coming into|coming through the (?:front |back )?(?:door|doors|windows|walls|floor)|pouring in|pouring into|rushing in|rushing into|getting deeper|up to (?:my|our|his|her|the) (?:knees|waist|chest|neck|windows|doors|door))',
      ),
      re(
        '(?:trapped|stuck|stranded|cut off|can not get out|surrounded|can not get (?:him|her|them|the kids) out)(?: \\w+){0,10} (?:flood|flooding|floods|water|river)',
      ),
      re(
        '(?:flood|flooding|floods|water|river)(?: \\w+){0,10} (?:trapped|stuck|stranded|can not get out|swept|carried away|being carried|surrounded us|is rising|still rising|rising fast)',
      ),
      re('(?:swept|washed|carried) (?:away|off)'),
      re('(?:water|flood|flood water)(?: is| are)? (?:at|up to) (?:chest|waist|knee|neck|head) (?:height|level|deep|high)'),
      re('(?:car|van|vehicle|bus)(?: \\w+){0,4} (?:in|into) (?:the )?(?:flood|flood water|floodwater|river|ford)'),
      re(
        '(?:house|flat|home|basement|ground floor|ground floor flat|bungalow|caravan|we are|downstairs) (?:is |are )?(?:flooding|filling with water|filling up with water|under water|underwater)',
      ),
      re('(?:fallen|fell|been swept) (?:in|into) (?:the )?(?:river|flood|canal|water)'),
    ],
  },
  {
    kind: 'flood',
    overByNextDay: true,
    means: 'water reaching where people are: over the windows, up the stairs, a car in flood water, someone in it',
    patterns: [
      re(
        '(?:water|flood|flood water|floodwater|river|stream|sea)(?: \\w+){0,3} (?:is |are |has |have |now |already )*(?:over|above|up to|coming up|reached|reaching|past|at) (?:the |our |my )?',
        WATER_MARK,
      ),
      re(
        '(?:on|onto|up on|climbed onto|sitting on) (?:the |our |a )?(?:roof|car roof|top of the car)(?: \\w+){0,8} (?:water|flood|flooded|river)',
      ),
      re('(?:water|flood|flooded|river)(?: \\w+){0,8} (?:on|onto|up on) (?:the |our |a )?(?:roof|car roof)'),
      re(
        '(?:clinging|holding on|hanging on|stuck up|sitting) (?:to |in |on )?(?:a |the )?(?:tree|branch|lamp post|railing|fence|car roof)(?: \\w+){0,8} (?:water|flood|floodwater|river)',
      ),
      re(
        '(?:driven|drove|driving|stuck|trapped|stalled|floating) (?:into|in|through) (?:the |a )?(?:flood|flooded|floodwater|flood water|deep water|ford)',
      ),
      re('(?:flooded|floodwater|flood water)(?: \\w+){1,4} (?:still in|still inside|trapped|stuck|can not get out|floating|sinking)'),
      re('(?:got |been |was |were |is |are |getting |being )?(?:swept|washed|dragged|pulled) (?:in|into|under|away|off|downstream)'),
      re(
        '(?:swollen|raging|fast) (?:stream|river|water|brook|current)(?: \\w+){0,8} (?:fell|fallen|swept|slipped|in the water|went in|gone in|can not get out)',
      ),
      re(
        'water (?:is )?(?:pouring|coming|gushing) (?:through|in through) (?:the )?(?:ceiling|roof|walls)(?: \\w+){0,8} (?:sparking|electrics|sockets|collapsed|collapsing|kids|baby)',
      ),
    ],
  },
  // ---- crime in progress ---------------------------------------------------------------------------------------
  {
    kind: 'crime_in_progress',
    overByNextDay: true,
    means: 'a break-in, robbery, assault or following happening now',
    patterns: [
      re('(?:breaking|break|broke|broken|burgling) in(?:to)?(?! (?:last|a few|earlier))'),
      re('break in (?:going on|happening|now|in progress)'),
      re('trying to (?:get|break|force|climb|kick|smash|prise|jemmy) (?:in|into|through)'),
      re(
        'trying to (?:force|kick|smash|open|prise|jemmy|break) (?:open )?(?:my|the|our) (?:\\w+ )?(?:door|doors|window|windows|lock|gate)',
      ),
      re(
        alt('kick', 'kicking', 'force', 'forcing', 'smash', 'smashing', 'smashed', 'jemmy', 'jemmying', 'prising', 'trying'),
        ' (?:open )?(?:my|the|our|her|his) (?:back |front |bedroom |patio )?(?:door|window|windows)(?: in| open)?',
      ),
      re(
        '(?:someone|somebody|intruder|stranger|a man|men|people|they|burglars|burglar) (?:is |are )?(?:in|inside) (?:my|our|the) (?:house|flat|home|garden|room|kitchen|bedroom)',
      ),
      re(
        '(?:hear|hearing) (?:someone|somebody|people|them|a man|men|footsteps)(?: \\w+){0,3} (?:downstairs|upstairs|in the|inside|going through)',
      ),
      re('(?:is|are|been|keeps|keep|started|still) (?:following|chasing) (?:me|us|my)'),
      re('(?:being|been) (?:followed|chased|stalked)(?! (?:last|a few))'),
      re('(?:following|followed) (?:me|us) (?:home|from|in a car|down|all the way|for)'),
      re('(?:is|are) being (?:mugged|robbed|attacked|assaulted|stabbed|beaten up|beaten|jumped|burgled)'),
      re('(?:robbery|burglary|break in|fight|mugging|robbing|burgling) (?:is )?(?:happening|going on|in progress|now|right now)'),
      re('(?:is|are) (?:robbing|stealing|attacking|mugging|burgling|assaulting|smashing up|breaking into|fighting)'),
      re('trying to (?:drag|pull|grab|force|steal|take) (?:a |the |her|him|someone|somebody)'),
      re('(?:intruder|intruders|burglars) (?:in|at|are|is)'),
      re(
        '(?:fight|fighting|brawl|attack)(?: \\w+){0,6} (?:people|someone|somebody|man|men|woman|lad|lads) (?:getting|being) (?:hurt|stabbed|beaten|attacked|glassed)',
      ),
      re('(?:people|someone|somebody) (?:is |are )?(?:getting|being) (?:stabbed|beaten up|glassed|attacked)'),
      re('(?:climbing|climbed|getting) (?:in|into|through) (?:my|our|the|her|his|a) (?:\\w+ )?(?:window|house|flat|garden|bedroom)'),
      re('(?:men|people|someone|somebody|gang|lads)(?: \\w+){0,6} (?:with crowbars|in balaclavas|masked|trying doors|trying car doors)'),
    ],
  },
  {
    kind: 'crime_in_progress',
    overByNextDay: true,
    means: 'someone being attacked or robbed in front of the writer, or a stranger getting in now',
    patterns: [
      re(
        '(?:is|are) (?:being |getting )?(?:kicked|punched|stamped on|battered|beaten|glassed|knifed|slashed|jumped|set upon|dragged)(?: \\w+){0,3} (?:by|on the floor|on the ground|in the street|outside|right now|now)',
      ),
      re(
        alt(
          'punching',
          'kicking',
          'hitting',
          'beating',
          'attacking',
          'stabbing',
          'strangling',
          'stamping on',
          'battering',
          'robbing',
          'mugging',
          'dragging',
        ),
        ' (?:a|the|this|some|an|that) (?:young |old |elderly )?(?:woman|man|lad|girl|boy|person|guy|bloke|lady|kid|shopkeeper|driver|owner)',
      ),
      re(
        '(?:smashed|broken|broke|kicked in|forced|jemmied)(?: open)? (?:my|the|our|his|her|a) (?:car |van |front |back |shop |patio |kitchen )?(?:window|windows|door|lock|shutter)(?: \\w+){0,6} (?:now|right now|inside|still there|still in|in there|in it)',
      ),
      re(
        '(?:trying|tried|rattling|tries) (?:the |my |our |all the |every )?(?:handle|handles|door handle|doors|car doors|back door|front door|windows)(?: \\w+){0,4} (?:now|right now|am|at night|tonight|3am|2am|4am|midnight)',
      ),
      re(
        '(?:hear|hearing|heard) (?:glass|the window|a window|the door|someone) (?:breaking|smashing|being smashed|being forced|kicking|getting in|coming in|downstairs|upstairs)',
      ),
      re(
        '(?:robbing|holding up|raiding|ram raiding) (?:the |a |my |our )?(?:shop|corner shop|post office|bank|garage|petrol station|off licence|house|pub|bookies)',
      ),
      re(
        '(?:balaclavas|balaclava|masks|masked|hoods up)(?: \\w+){0,6} (?:garden|house|door|window|crowbar|outside|trying|in the|round the back)',
      ),
      re('(?:nobody|no one) (?:is )?(?:helping|stopping (?:him|them|her))'),
    ],
  },
  // ---- threats to others ---------------------------------------------------------------------------------------
  {
    kind: 'threat_to_others',
    means: 'a weapon out, or a stated intention to hurt another person',
    patterns: [
      re(
        alt(
          'has',
          'got',
          'have',
          'with',
          'carrying',
          'holding',
          'waving',
          'swinging',
          'pointing',
          'brandishing',
          'pulled',
          'pulled out',
          'bring',
          'bringing',
          'taking',
        ),
        ' (?:a |an |his |her |their |the )?',
        WEAPON,
        '(?! (?:crime|bin|amnesty|awareness|course|surrender|sharpening))',
      ),
      re(WEAPON, ' (?:in (?:his|her|their) hand|out|at (?:people|me|us|them|him|her))'),
      re(WILL, ' (?:', THREAT_VERB, ') (?:someone|somebody|people|the|his|her|my|them|anyone|everyone|him|her|their|a|all)'),
      re('(?:threatening|threatened|threatens) (?:to (?:', THREAT_VERB, ')|people|kids|everyone|staff|customers|the|them|him|her|anyone)'),
      re('(?:threatened|threatening|threatens) to (?:', THREAT_VERB, ') (?:me|us)'),
      re(WILL, ' (?:', THREAT_VERB, ') (?:me|us)'),
      re('(?:shoot|stab|kill|attack) (?:anyone|everyone|someone|people|them all)'),
      re('(?:blow up|bomb|burn down) (?:the|a|his|her|my|their)'),
      re(
        '(?:hurt|kill|harm) (?:himself|herself|themselves|myself) and (?:the|his|her|my|their|our) (?:kids|children|family|baby|wife|husband|partner)',
      ),
    ],
  },
  {
    kind: 'threat_to_others',
    means: 'a weapon aimed or swung at people, or a stated plan to harm someone else',
    patterns: [
      re(
        alt('swinging', 'waving', 'pointing', 'brandishing', 'aiming', 'wielding', 'throwing', 'chucking', 'firing', 'shooting'),
        ' (?:a |an |his |her |their |the |what looks like (?:a |an )?|what looked like (?:a |an )?|something like (?:a |an )?)?(?:\\w+ ){0,2}(?:',
        WEAPON,
        '|weapon|stick|bottle|bottles|brick|bricks|stones|rocks)(?: \\w+){0,3} (?:at|towards|around|about) (?:people|kids|children|someone|us|me|them|him|her|passers by|cars|everyone|customers|staff)',
      ),
      re('(?:pointing|aiming) (?:what looks like |something like )?(?:a |an )?', WEAPON),
      re(WILL, ' (?:get|bring|fetch|use|grab) (?:his|her|their|my|a|the) ', WEAPON),
      re(WILL, ' (?:run|drive) (?:him|her|them|his \\w+|her \\w+|someone|people|the \\w+) (?:over|down)'),
      re(WILL, ' (?:set fire to|burn down|torch|petrol bomb|firebomb) (?:the|his|her|their|my|our|a)'),
      re(WILL, ' (?:bring|take|carry) (?:a |his |her )?', WEAPON, ' (?:to|into) (?:school|college|work|the)'),
      re('with everyone (?:in it|inside|still inside)'),
    ],
  },
];

/** Words that, near a match, say the event is over or in the past. */
const PAST =
  /\b(?:last (?:year|month|week|weekend|winter|summer|spring|autumn|christmas|time|term)|(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many) (?:years?|months?|weeks?) (?:ago|back)|(?:years|months|weeks) ago|in (?:19|20)\d\d|used to|in the past|history of|previously|when i was (?:young|younger|a child|little|a kid|a teenager|\d+)|years back|as a child|in my past|past overdoses?|had (?:a|an) (?:stroke|heart attack|overdose|seizure) (?:in|last|years|when)|(?:is|are|was) (?:now )?out now|(?:it|the fire) (?:is|was) (?:out|put out)|been put out|put it out (?:ourselves|myself|quickly)|safe now|(?:doing|is doing|are doing) (?:well|better|fine|ok)|much better now|(?:is|am|are) (?:ok|fine|well) now|breathing (?:fine|normally|ok|again) now|has stopped now|is over now|gone now)\b/;
const OVER_BY_NEXT_DAY =
  /\b(?:last night|yesterday|the other day|earlier this week|over the weekend|at the weekend|last weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/;
/** A figure of speech about someone who will be cross ("my boss will kill me if I am late"), not a threat. */
const HYPERBOLE =
  /\b(?:boss|manager|teacher|mum|dad|mother|father|gran|nan|parents|missus|coach|landlord) (?:will|would|is going to|going to) (?:kill|murder) me if\b/;
const STILL = /\b(?:still|right now|now|again|trapped|stuck|inside)\b/;
/** Words that, near a match, say this is a question about rules, an event, a service or a course. */
const ABOUT_NOT_IN =
  /\b(?:training|awareness|prevention|course|courses|workshop|talk on|talks on|fire safety|leaflet|leaflets|information about|info about|information on|advice on|advice about|policy|campaign|event|events|amnesty|session|sessions|project|charity|volunteer|volunteers|statistics|poster|posters|talk about|research|film|book|documentary|programme|drill|test|testing|check|checks|inspection|assessment)\b/;
const POLICY_QUESTION =
  /\b(?:is (?:that|it|this) (?:ok|okay|alright|legal|allowed)|what age|how old|legally|the law|allowed to|old enough)\b/;
const URGENT = /\b(?:since|hours|overnight|all day|all night|days|no food|crying|screaming|right now|now|help|please)\b/;
const NEGATION = /\b(?:not|never|no|nobody|no one|noone|nothing|without|neither|nor|no longer)\b/;

export interface PhraseHit {
  kind: DangerKind;
  means: string;
}

/** One pattern of one family, sticky, to be tried at a word where its match can begin. */
interface Candidate {
  family: number;
  pattern: RegExp;
}

/** The patterns that may begin at a word: whatever follows it, and those that need a given next word. */
interface Candidates {
  any: readonly Candidate[];
  byNext: ReadonlyMap<string, readonly Candidate[]> | undefined;
}

/**
 * Patterns by the one or two words their matches can begin with (first-words.ts): a message's words are looked
 * up once each, and a pattern is tried only where its opening words are, instead of scanning every character of
 * the message for every pattern.
 */
const BY_FIRST_WORD = new Map<string, { any: Candidate[]; byNext: Map<string, Candidate[]> }>();
const BY_PREFIX: { prefix: string; candidate: Candidate }[] = [];
const BY_DIGIT: Candidate[] = [];
const slotOf = (word: string) => {
  let slot = BY_FIRST_WORD.get(word);
  if (slot === undefined) BY_FIRST_WORD.set(word, (slot = { any: [], byNext: new Map() }));
  return slot;
};
const addOnce = <T>(list: T[], item: T) => {
  if (!list.includes(item)) list.push(item);
};
PHRASE_FAMILIES.forEach((family, at) => {
  for (const pattern of family.patterns) {
    const first = firstWords(pattern.source);
    if (first === undefined) throw new Error(`phrase pattern ${pattern.source} must begin with \\b and words that can be listed`);
    const candidate: Candidate = { family: at, pattern: new RegExp(pattern.source, 'y') };
    for (const { words, lastIsPrefix } of first.openings) {
      if (words.length === 1 && lastIsPrefix) BY_PREFIX.push({ prefix: words[0], candidate });
      else if (words.length === 1 || lastIsPrefix) addOnce(slotOf(words[0]).any, candidate);
      else {
        const { byNext } = slotOf(words[0]);
        byNext.set(words[1], [...(byNext.get(words[1]) ?? []), candidate]);
      }
    }
    if (first.digit) BY_DIGIT.push(candidate);
  }
});

/** The candidates for each word seen, remembered between messages (bounded, like the model's word cache). */
const CANDIDATE_CACHE_LIMIT = 20_000;
const candidateCache = new Map<string, Candidates>();
const NO_CANDIDATES: Candidates = { any: [], byNext: undefined };

function candidatesFor(word: string): Candidates {
  const cached = candidateCache.get(word);
  if (cached !== undefined) return cached;
  const slot = BY_FIRST_WORD.get(word);
  const any = [...(slot?.any ?? [])];
  for (const { prefix, candidate } of BY_PREFIX) if (word.startsWith(prefix)) addOnce(any, candidate);
  if (word.charCodeAt(0) <= 57) for (const candidate of BY_DIGIT) addOnce(any, candidate);
  const byNext = slot !== undefined && slot.byNext.size > 0 ? slot.byNext : undefined;
  const result = any.length === 0 && byNext === undefined ? NO_CANDIDATES : { any, byNext };
  if (candidateCache.size >= CANDIDATE_CACHE_LIMIT) candidateCache.clear();
  candidateCache.set(word, result);
  return result;
}

/**
 * Every family with a match in the normalised text read in a present, un-negated sense, in family order; the same
 * kind may appear twice. `words` are the text's words when the caller has them already (normalisedWords).
 */
export function matchPhraseFamilies(
  normalised: string,
  words: readonly string[] = normalised.length === 0 ? [] : normalised.split(' '),
): PhraseHit[] {
  const matched = new Array<boolean>(PHRASE_FAMILIES.length).fill(false);
  const reading: Reading = { text: normalised, policyQuestion: undefined };
  let offset = 0;
  const tryAt = (candidates: readonly Candidate[], offset: number) => {
    for (const { family, pattern } of candidates) {
      if (matched[family]) continue;
      pattern.lastIndex = offset;
      // test() rather than exec(): no match array; a sticky pattern's lastIndex is then where its match ends.
      if (pattern.test(normalised) && isStillPresent(reading, offset, pattern.lastIndex - offset, PHRASE_FAMILIES[family]))
        matched[family] = true;
    }
  };
  for (let at = 0; at < words.length; at++) {
    const { any, byNext } = candidatesFor(words[at]);
    if (any.length > 0) tryAt(any, offset);
    if (byNext !== undefined && at + 1 < words.length) {
      const needing = byNext.get(words[at + 1]);
      if (needing !== undefined) tryAt(needing, offset);
    }
    offset += words[at].length + 1;
  }
  const hits: PhraseHit[] = [];
  PHRASE_FAMILIES.forEach((family, at) => {
    if (matched[at]) hits.push({ kind: family.kind, means: family.means });
  });
  return hits;
}

/** The text being read, and whether it asks a question of policy (worked out once, when first needed). */
interface Reading {
  text: string;
  policyQuestion: boolean | undefined;
}

const wordsBefore = (text: string, at: number, count: number) => {
  let start = at;
  for (let seen = 0; start > 0 && seen <= count;) if (text.charCodeAt(--start) === 32) seen++;
  return text.slice(start, at);
};
const wordsAfter = (text: string, at: number, count: number) => {
  let end = at;
  for (let seen = 0; end < text.length && seen <= count;) if (text.charCodeAt(end++) === 32) seen++;
  return text.slice(at, end);
};

/** Reads a match in the words around it (see the module comment). */
function isStillPresent(reading: Reading, index: number, length: number, family: PhraseFamily): boolean {
  const { text } = reading;
  const near = `${wordsBefore(text, index, 8)}${text.slice(index, index + length)}${wordsAfter(text, index + length, 8)}`;
  if (PAST.test(near)) return false;
  if (family.overByNextDay && OVER_BY_NEXT_DAY.test(near) && !STILL.test(near)) return false;
  if (ABOUT_NOT_IN.test(near)) return false;
  if (family.voidedBy?.test(near) || HYPERBOLE.test(near)) return false;
  if (!family.negationIsMeaning && NEGATION.test(wordsBefore(text, index, 4))) return false;
  if (!family.ignoresPolicyQuestions && (reading.policyQuestion ??= POLICY_QUESTION.test(text)) && !URGENT.test(near)) return false;
  return true;
}
