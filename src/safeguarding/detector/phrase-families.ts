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
}

const alt = (...words: string[]) => `(?:${words.join('|')})`;
const re = (...parts: string[]) => new RegExp(`\\b${parts.join('')}\\b`, 'g');

const FAMILY_MEMBER = alt('mum', 'dad', 'mother', 'father', 'nan', 'gran', 'grandad', 'grandma', 'grandfather', 'grandmother', 'husband', 'wife', 'partner', 'son', 'daughter', 'brother', 'sister', 'uncle', 'aunt', 'boyfriend', 'girlfriend', 'stepdad', 'stepfather', 'stepmum', 'cousin', 'nephew', 'niece');
const PERSON = alt('he', 'she', 'they', 'i', 'we', 'someone', 'somebody', 'man', 'woman', 'lady', 'boy', 'girl', 'person', 'baby', 'child', 'kid', 'toddler', 'friend', 'mate', 'neighbour', 'flatmate', FAMILY_MEMBER);
const CHILD = alt('child', 'children', 'kid', 'kids', 'baby', 'babies', 'toddler', 'toddlers', 'infant', 'newborn', 'little (?:boy|girl|one|ones|sister|brother|lad|son|daughter)', 'young (?:boy|girl|child|lad|kids|children)', '\\d{1,2} year old', '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen) year old', 'nephew', 'niece', 'boy', 'girl');
const PARTNER = alt('partner', 'husband', 'wife', 'boyfriend', 'girlfriend', 'ex', 'ex partner', 'ex husband', 'ex wife', 'fiance', 'fiancee', 'stepdad', 'stepfather', 'stepmum', 'dad', 'father', 'mum', 'mother', 'son', 'daughter', 'brother', 'sister', 'he', 'she');
const VICTIM_AT_HOME = alt('me', 'us', 'my (?:mum|mother|dad|father|sister|nan|gran|wife|husband)', 'mum');
const WEAPON = alt('knife', 'knives', 'gun', 'guns', 'machete', 'blade', 'axe', 'hammer', 'bat', 'crossbow', 'shotgun', 'rifle', 'firearm', 'sword', 'bomb', 'baseball bat', 'screwdriver');
const VULNERABLE_ADULT = alt('elderly', 'old (?:man|lady|woman|person|people|boy|gentleman)', 'nan', 'gran', 'grandad', 'grandma', 'grandfather', 'grandmother', 'dementia', 'alzheimers', 'vulnerable', 'disabled', 'learning disabilit(?:y|ies)', 'autism', 'autistic', 'bedbound', 'housebound', 'care home', 'carer', 'carers', 'confused');
const PILLS = alt('pills', 'tablets', 'meds', 'medication', 'medicine', 'paracetamol', 'painkillers', 'sleeping pills', 'antidepressants');
const THREAT_VERB = alt('kill', 'stab', 'shoot', 'hurt', 'attack', 'burn', 'blow up', 'murder', 'beat up', 'batter', 'sort out', 'smash', 'hit', 'beat', 'finish', 'knife', 'do in', 'bottle');
const WILL = alt('going to', 'will', 'is going to', 'threatening to', 'threatened to', 'threatens to', 'says he will', 'said he will', 'says she will', 'said she will', 'says he is going to', 'said he is going to', 'says they will', 'wants to', 'about to', 'planning to', 'gonna');

export const PHRASE_FAMILIES: readonly PhraseFamily[] = [
  // ---- medical -----------------------------------------------------------------------------------------------
  {
    kind: 'medical',
    means: 'not breathing, can not breathe, cannot be woken, not responding',
    negationIsMeaning: true,
    patterns: [
      /\b(?:not|stopped|is not|barely|hardly|struggling to be|struggling|fighting for|gasping for) breath(?:ing|e)?\b(?! down)/g,
      re(alt('he', 'she', 'they', 'baby', 'child', 'i', 'man', 'woman', FAMILY_MEMBER), ' (?:is |are |)?(?:can not|could not|struggling to) breathe'),
      re('(?:will not|can not|could not|does not|did not) (?:wake|respond|come round)'),
      re('(?:not|no longer) (?:responding|responsive|conscious|moving)'),
      re('(?:unconscious|unresponsive|passed out|blacked out|lifeless|floppy)'),
      re('(?:going|turning|turned|gone|is|are|lips) (?:blue|grey|purple)'),
    ],
  },
  {
    kind: 'medical',
    means: 'collapse, seizure, stroke signs, heart attack and chest pain, choking, severe bleeding, ambulance',
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
      re('(?:think|thinks|might be|may be|could be|looks like) (?:it is |he is |she is |i am |they are |its )?(?:having )?an? (?:stroke|heart attack)'),
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
      re('(?:taken|took|swallowed|had|eaten|ate) (?:a load of|loads of|too many|all (?:my|his|her|the|of (?:my|his|her|the))|a (?:whole )?(?:packet|box|bottle|handful|strip|tub) of|lots of|a lot of|a bunch of|a pile of|the whole) ', PILLS, '?'),
      re('(?:taken|took|swallowed) (?:a|the) (?:whole )?(?:packet|box|bottle|handful|load)'),
      re('(?:drank|drunk|swallowed|eaten|ate|drinking|eating|licked|swallow) (?:some |a |the |a bottle of |some of the |from the |a load of )?', alt('bleach', 'poison', 'cleaning', 'cleaner', 'washing up liquid', 'washing liquid', 'laundry', 'dishwasher', 'antifreeze', 'weed killer', 'weedkiller', 'battery', 'batteries', 'button battery', 'detergent', 'something from the cleaning', 'something poisonous', 'white spirit', 'rat poison', 'methadone', 'her tablets', 'his tablets', 'my tablets', 'my pills', 'her pills', 'his pills')),
      re('(?:been |is )?poisoned'),
    ],
  },
  // ---- suicide and self-harm -------------------------------------------------------------------------------
  {
    kind: 'suicide_self_harm',
    means: 'an intention or act of ending life or self-harm, direct or indirect',
    ignoresPolicyQuestions: true,
    patterns: [
      re(alt('kill', 'killing', 'cut', 'cutting', 'hang', 'hanging', 'drown', 'drowning', 'overdose', 'starve', 'starving', 'burn', 'burning'), ' (?:myself|himself|herself|themselves)'),
      re(alt('want to', 'going to', 'will', 'keep', 'keeps', 'been', 'am', 'is', 'are', 'started', 'thinking of', 'thinking about', 'about to', 'trying to', 'tried to', 'wants to'), ' (?:hurt|hurting|harm|harming) (?:myself|himself|herself|themselves)'),
      re(alt('been', 'am', 'is', 'keep', 'keeps', 'started', 'still', 'again'), ' self ?harm(?:ing)?'),
      re('self ?harm(?:ing)? (?:again|and|tonight|now)'),
      re('(?:end|ending|take|taking|finish|finishing) (?:it all|my life|his life|her life|their life|my own life|his own life|her own life|everything|things|my life tonight|it tonight|it now|myself)'),
      re(alt('going to', 'want to', 'will', 'about to', 'ready to', 'planning to', 'i am going to', 'tonight i'), ' (?:end|finish) it'),
      re('(?:feel|feeling|am|is|are|been|felt|he is|she is|getting) (?:really |very |so )?suicidal'),
      re('(?:talking about|thinking about|thoughts of|going to commit|commit|committing|attempt|attempting|attempted) suicide'),
      re('suicide (?:note|letter|plan)'),
      /\b(?:want|wants|wanted|going|ready|deserve|i|just want|wish i could|wanting) to die\b(?! (?:my|his|her|their|the|it|this|that|of|for|laughing|hair|a))/g,
      re('(?:wish|wished) (?:i|he|she) (?:was|were) dead'),
      re('(?:better off|happier) (?:dead|without me|when i am gone|if i was gone|if i was not here|with me gone)'),
      re('(?:can not|can no longer|will not|do not want to|not able to) (?:go on|carry on|keep going)(?: any ?more| like this)?'),
      re('can not (?:cope|do this|take (?:it|this)|live like this) any ?more'),
      re('(?:no|what is the|whats the) (?:point|reason) (?:in |of )?(?:living|carrying on|going on|being alive|being here|life|anything any ?more)'),
      re('(?:nobody|no one|noone) (?:would|will|is going to) (?:miss|care|notice) (?:me|if i)'),
      re('(?:nobody|no one) (?:would|will) (?:miss me|care if i|notice if i)'),
      re('(?:said|saying|says|sent|posted|posting|written|wrote|left) (?:a |his |her |my )?(?:goodbye|goodbyes|bye)(?: to| message| note| letter| text)?'),
      re('(?:written|wrote|left) (?:the|my|his|her) (?:letters|notes|goodbye)'),
      re('(?:do not|does not|dont) want to (?:be alive|live|be here|exist|wake up)(?: any ?more)?'),
      re('(?:go to sleep|sleep) and (?:never|not) wake up'),
      re(alt('going to', 'want to', 'about to', 'will', 'threatening to', 'says he will', 'says she will', 'says he is going to', 'says she is going to'), ' (?:jump|throw (?:myself|himself|herself))(?: off| from| in front| into)?'),
      re('(?:walk|walking|jump|jumping) (?:into|in front of) (?:the )?(?:sea|river|traffic|train|canal|a train|a car|a lorry)'),
      re('(?:got|have|bought|holding|found) (?:a|the) rope'),
      re('(?:got|have) (?:the|all the|all my|my) ', PILLS, ' (?:here|ready|lined up|out|in front of me)'),
      re('(?:cut|cutting|slit|slitting) (?:too deep|my (?:arm|arms|wrist|wrists|leg|legs)|his wrists|her wrists)'),
    ],
  },
  // ---- domestic abuse and threats at home ------------------------------------------------------------------
  {
    kind: 'domestic_abuse',
    means: 'a partner or family member hurting, threatening or controlling the person now',
    patterns: [
      re(PARTNER, ' (?:is |keeps |has been |keep |just |has just |was |always |is always |still |)?', alt('hitting', 'beating', 'punching', 'kicking', 'strangling', 'choking', 'attacking', 'hurting', 'threatening', 'pushed', 'pushing', 'hit', 'hits', 'beat', 'beats', 'punched', 'punches', 'kicked', 'strangled', 'choked', 'attacked', 'threw', 'thrown', 'slapped', 'slapping', 'battered', 'bit', 'grabbed', 'dragged', 'hurts', 'abusing', 'abuses', 'raped'), ' ', VICTIM_AT_HOME),
      re(PARTNER, ' ', WILL, ' (?:', THREAT_VERB, ') ', VICTIM_AT_HOME),
      re(alt('threatening', 'threatened', 'threatens'), ' (?:to )?(?:kill|hurt|stab|hit|beat|finish) (?:me|us)'),
      re('(?:he|she|they) (?:will|is going to|says he will|said he will|says she will|said she will) (?:kill|hurt|stab|beat|finish) (?:me|us)'),
      re('(?:i am|we are|i|we|am|i feel) (?:not safe|unsafe|in danger|scared for my life|frightened for my life|afraid for my life|terrified)(?! to walk)'),
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
      re(alt('ex', 'ex partner', 'ex husband', 'ex wife', 'ex boyfriend', 'partner', 'husband'), ' (?:is |has )?(?:outside|turned up|here|at the door|trying to get in)'),
    ],
  },
  // ---- children -------------------------------------------------------------------------------------------------
  {
    kind: 'child_at_risk',
    means: 'a child alone, hurt, unfed, lost near danger or being groomed',
    patterns: [
      re(CHILD, '(?: \\w+){0,6} (?:left|been|is|are|being|home|were|was) (?:home |left |been left )?(?:alone|on (?:their|his|her) own|by (?:themselves|himself|herself)|unattended)'),
      re(CHILD, '(?: \\w+){0,6} (?:wandering|walking|playing|running|standing|crawling|sitting)(?: \\w+){0,6} (?:road|street|canal|river|motorway|dual carriageway|railway|tracks|balcony|window ledge|roof|water|pond)'),
      re('(?:alone|on (?:his|her|their) own|no adult|no parents|nobody with)(?: \\w+){0,4} (?:road|street|canal|river|balcony|park|motorway)'),
      re(alt('hitting', 'beating', 'hurting', 'abusing', 'shaking', 'burning', 'burns', 'shakes', 'hits', 'beats', 'abuses', 'touches', 'touching', 'punches', 'kicks', 'kicking', 'punching', 'hit', 'beat', 'starving', 'starves'), ' (?:the |a |my |his |her |their |this )?(?:little |small |young )?', alt('kids', 'children', 'child', 'baby', 'toddler', 'son', 'daughter', 'boy', 'girl', 'nephew', 'niece', 'sister', 'brother', 'stepson', 'stepdaughter')),
      re(CHILD, '(?: \\w+){0,3} (?:being|been|is being|getting) (?:beaten|hit|hurt|abused|attacked|shaken|starved|burned|burnt|punched|kicked|groomed)'),
      re(CHILD, '(?: \\w+){0,8} (?:no food|starving|not been fed|not fed|nothing to eat|have not eaten|has not eaten|hungry and alone)'),
      re(alt('no food', 'starving', 'not been fed', 'nothing to eat', 'have not eaten', 'has not eaten'), '(?: \\w+){0,6} (?:and|since|for) (?:the )?(?:parents|mum|dad|mother|father)'),
      re('(?:crying|screaming) (?:for hours|all day|all night|non stop)'),
      re(CHILD, '(?: \\w+){0,4} (?:crying|screaming)(?: \\w+){0,6} (?:alone|nobody|no one|hours|for ages)'),
      re('(?:left|locked) (?:alone )?in (?:a|the) (?:hot )?car'),
      re('(?:man|men|stranger|adult|older man|someone|woman)(?: \\w+){0,6} (?:trying to get|get|getting|grab|grabbing|drag|dragging|pulling|lure|luring|making) (?:a |the |this |two )?(?:little |young )?(?:child|girl|boy|kid|kids|children|', '\\d{1,2} year old', ')(?: \\w+){0,3} (?:into|in|to meet|to go)'),
      re(CHILD, '(?: \\w+){0,4} (?:gone missing|is missing|has gone missing|run away|ran away|missing with)'),
      re('(?:uncle|stepdad|stepfather|dad|man|teacher|coach|neighbour|boyfriend) (?:is |keeps |has been )?(?:touching|touches|touched|abusing|abuses) (?:her|him|them)'),
      re('(?:scared|afraid|frightened) to go home'),
      re('(?:his|her|their|mates|friends|the) (?:dad|mum|mother|father|stepdad|stepfather|stepmum|parents|mums boyfriend|mums partner) (?:\\w+ )?(?:hits|beats|burns|hurts|punches|kicks|hitting|beating|burning|hurting|starves|locks|shakes|abuses|abusing) (?:him|her|them)'),
      re('(?:older|grown|adult) (?:man|men|woman) (?:is |has been |keeps )?(?:making|asking|getting|wants|wanting|grooming|messaging|meeting|sending)'),
      re(CHILD, '(?: \\w+){0,4} (?:locked (?:out|outside|in)|shut (?:out|outside|in))'),
      re('(?:they|he|she) (?:are|is|get|gets) (?:being )?left (?:alone|on (?:their|his|her) own) (?:every|all|at night|overnight|for)'),
      re('(?:passed out|unconscious|drunk|high|off their face|off his face|off her face)(?: \\w+){0,6} (?:baby|kids|children|toddler)'),
    ],
  },
  // ---- adults at risk ---------------------------------------------------------------------------------------
  {
    kind: 'adult_at_risk',
    means: 'neglect or abuse of an adult with care needs, a missing or confused vulnerable adult',
    patterns: [
      re(alt('carer', 'carers', 'care worker', 'care workers', 'care home', 'care home staff', 'staff', 'nurse'), '(?: \\w+){0,5} ', alt('hitting', 'hits', 'hit', 'abusing', 'abused', 'abuse', 'stealing', 'steals', 'stole', 'taking (?:her|his|their) (?:money|pension|benefits|cards)', 'rough', 'shouts at', 'shouting at', 'neglecting', 'neglect', 'tied', 'ties', 'locked', 'locks', 'leaving (?:her|him|them)', 'leave (?:her|him|them|my)', 'not feeding', 'starving', 'slapping', 'slaps', 'pushing', 'pushed'), '\\b'),
      re(alt('dementia', 'alzheimers', 'confused', 'learning disabilities', 'learning disability', 'autism', 'autistic', 'vulnerable'), '(?: \\w+){0,10} (?:missing|wandered|wandering|walked out|left the house|got lost|is lost|can not find|could not find|nobody knows|no one knows|disappeared)'),
      re(alt('missing', 'wandered off', 'wandered out', 'wandering', 'walked out'), '(?: \\w+){0,10} ', alt('dementia', 'alzheimers', 'confused', 'care home', 'slippers', 'nightie', 'pyjamas', 'dressing gown')),
      re(alt('elderly', 'old (?:man|lady|woman|person|gentleman)', 'confused (?:man|lady|woman|person)'), '(?: \\w+){0,4} (?:wandering|lying|on the floor|fallen|missing)'),
      re(alt('he', 'she', 'they', 'him', 'her', 'them', 'neighbour', 'man', 'lady', 'woman', FAMILY_MEMBER), '(?: \\w+){0,8} (?:has |have |is |are |with |got |in |left )?', alt('no food', 'no heating', 'not eating', 'soiled', 'sores', 'bed sores', 'own mess', 'starved', 'being starved', 'not being fed', 'neglected', 'being neglected', 'no water', 'not been fed', 'without food', 'without water')),
      re('(?:not been seen|has not been seen|have not seen (?:him|her)|nobody has seen (?:him|her)|no one has seen (?:him|her)|not seen (?:him|her))(?: \\w+){0,3} (?:for|in|since) (?:days|a week|weeks|\\d+ days|two days|three days|several days|a few days)'),
      re('(?:milk|post|letters|papers)(?: \\w+){0,3} (?:still on|piling up|not been taken in)'),
      re('(?:being|been) (?:financially )?(?:abused|exploited|used|threatened|bullied)(?: \\w+){0,4}? (?:by (?:her|his|the|their) (?:carer|son|daughter|family|neighbour|men)|for (?:her|his) money)'),
      re('(?:financially abusing|(?:taking|takes|took|stealing|steals|stole) (?:his|her) (?:money|pension|benefits|bank card|cards))'),
      re('(?:taken over|moved into|took over) (?:his|her|their) (?:flat|house|home)'),
      re('(?:fallen|fell|been lying|lying|on the floor)(?: \\w+){0,6} (?:since last night|since yesterday|all night|for hours|since this morning|and can not get up|can not get up)'),
      re('calling (?:out )?for help'),
      re(VULNERABLE_ADULT, '(?: \\w+){0,8} (?:being|been) (?:hit|abused|hurt|threatened|starved|neglected|kept locked|locked)'),
      re('(?:carer|carers) (?:has not|have not|did not|never) (?:come|came|turned up|been)'),
    ],
  },
  // ---- fire -------------------------------------------------------------------------------------------------------
  {
    kind: 'fire',
    overByNextDay: true,
    means: 'a fire or smoke where people are, or people trapped by it',
    patterns: [
      re('(?:on fire|caught fire|catching fire|set fire to|set on fire|up in flames|in flames|gone up in flames|burning down|burnt down)'),
      re('flames (?:coming|everywhere|are|spreading|from|out of|in)'),
      re('(?:fire|smoke|flames) (?:is |are )?(?:spreading|getting bigger|getting worse|everywhere|coming (?:in|under|up|through|out))'),
      re('fire (?:in|on) (?:the|my|our|a|his|her) (?:kitchen|flat|house|building|stairwell|stairs|landing|hallway|hall|bedroom|block|roof|shop|garage|bungalow|caravan|loft|living room|lounge|home)'),
      re('(?:a|the|there is a|theres a) fire (?:in|on|at) (?:the )?(?:flat|house|building|block|floor) (?:below|above|next door|upstairs|downstairs)'),
      re('(?:smoke|smoking) (?:is |are )?(?:coming|pouring|everywhere|filling|under|billowing|out of|from|in the (?:house|flat|room|hall|stairs|stairwell|bedroom))'),
      re('(?:full of|filling with|filled with|filling up with) (?:black )?smoke'),
      re('(?:fire|smoke|flames)(?: \\w+){0,8} (?:trapped|stuck|can not get out|could not get out|still inside|still in there|someone inside|inside)'),
      re('(?:trapped|stuck|can not get out)(?: \\w+){0,8} (?:fire|smoke|flames)'),
      re('(?:house|flat|building|block|home|roof|kitchen|garage|car|shop|caravan|bungalow)(?: \\w+){0,4} (?:is |are )?(?:burning|ablaze|alight)'),
      re('(?:fire|smoke) (?:alarm|alarms) (?:is |are )?(?:going off|going|sounding)(?: \\w+){0,6} (?:smoke|fire|flames|burning)'),
      re('can not (?:put|get) (?:it|the fire) out'),
    ],
  },
  // ---- flood ------------------------------------------------------------------------------------------------------
  {
    kind: 'flood',
    overByNextDay: true,
    means: 'water rising where people are, people trapped by water or carried away',
    patterns: [
      re('water (?:is |keeps )?(?:still )?(?:rising|coming in|coming up|coming into|coming through the (?:front |back )?(?:door|doors|windows|walls|floor)|pouring in|pouring into|rushing in|rushing into|getting deeper|up to (?:my|our|his|her|the) (?:knees|waist|chest|neck|windows|doors|door))'),
      re('(?:trapped|stuck|stranded|cut off|can not get out|surrounded|can not get (?:him|her|them|the kids) out)(?: \\w+){0,10} (?:flood|flooding|floods|water|river)'),
      re('(?:flood|flooding|floods|water|river)(?: \\w+){0,10} (?:trapped|stuck|stranded|can not get out|swept|carried away|being carried|surrounded us|is rising|still rising|rising fast)'),
      re('(?:swept|washed|carried) (?:away|off)'),
      re('(?:water|flood|flood water)(?: is| are)? (?:at|up to) (?:chest|waist|knee|neck|head) (?:height|level|deep|high)'),
      re('(?:car|van|vehicle|bus)(?: \\w+){0,4} (?:in|into) (?:the )?(?:flood|flood water|floodwater|river|ford)'),
      re('(?:house|flat|home|basement|ground floor|ground floor flat|bungalow|caravan|we are|downstairs) (?:is |are )?(?:flooding|filling with water|filling up with water|under water|underwater)'),
      re('(?:fallen|fell|been swept) (?:in|into) (?:the )?(?:river|flood|canal|water)'),
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
      re('trying to (?:get|break|force|climb|kick|smash|open|prise|jemmy) (?:in|into|through|my|the|our|open)'),
      re(alt('kick', 'kicking', 'force', 'forcing', 'smash', 'smashing', 'smashed', 'jemmy', 'jemmying', 'prising', 'trying'), ' (?:open )?(?:my|the|our|her|his) (?:back |front |bedroom |patio )?(?:door|window|windows)(?: in| open)?'),
      re('(?:someone|somebody|intruder|stranger|a man|men|people|they|burglars|burglar) (?:is |are )?(?:in|inside) (?:my|our|the) (?:house|flat|home|garden|room|kitchen|bedroom)'),
      re('(?:hear|hearing) (?:someone|somebody|people|them|a man|men|footsteps)(?: \\w+){0,3} (?:downstairs|upstairs|in the|inside|going through)'),
      re('(?:is|are|been|keeps|keep|started|still) (?:following|chasing) (?:me|us|my)'),
      re('(?:being|been) (?:followed|chased|stalked)(?! (?:last|a few))'),
      re('(?:following|followed) (?:me|us) (?:home|from|in a car|down|all the way|for)'),
      re('(?:is|are) being (?:mugged|robbed|attacked|assaulted|stabbed|beaten up|beaten|jumped|burgled)'),
      re('(?:robbery|burglary|break in|fight|mugging|robbing|burgling) (?:is )?(?:happening|going on|in progress|now|right now)'),
      re('(?:is|are) (?:robbing|stealing|attacking|mugging|burgling|assaulting|smashing up|breaking into|fighting)'),
      re('trying to (?:drag|pull|grab|force|steal|take) (?:a |the |her|him|someone|somebody)'),
      re('(?:intruder|intruders|burglars) (?:in|at|are|is)'),
      re('(?:fight|fighting|brawl|attack)(?: \\w+){0,6} (?:people|someone|somebody|man|men|woman|lad|lads) (?:getting|being) (?:hurt|stabbed|beaten|attacked|glassed)'),
      re('(?:people|someone|somebody) (?:is |are )?(?:getting|being) (?:stabbed|beaten up|glassed|attacked)'),
      re('(?:climbing|climbed|getting) (?:in|into|through) (?:my|our|the|her|his|a) (?:\\w+ )?(?:window|house|flat|garden|bedroom)'),
      re('(?:men|people|someone|somebody|gang|lads)(?: \\w+){0,6} (?:with crowbars|in balaclavas|masked|trying doors|trying car doors)'),
    ],
  },
  // ---- threats to others ---------------------------------------------------------------------------------------
  {
    kind: 'threat_to_others',
    means: 'a weapon out, or a stated intention to hurt another person',
    patterns: [
      re(alt('has', 'got', 'have', 'with', 'carrying', 'holding', 'waving', 'swinging', 'pointing', 'brandishing', 'pulled', 'pulled out', 'bring', 'bringing', 'taking'), ' (?:a |an |his |her |their |the )?', WEAPON, '(?! (?:crime|bin|amnesty|awareness|course|surrender|sharpening))'),
      re(WEAPON, ' (?:in (?:his|her|their) hand|out|at (?:people|me|us|them|him|her))'),
      re(WILL, ' (?:', THREAT_VERB, ') (?:someone|somebody|people|the|his|her|my|them|anyone|everyone|him|her|their|a|all)'),
      re('(?:threatening|threatened|threatens) (?:to (?:', THREAT_VERB, ')|people|kids|everyone|staff|customers|the|them|him|her|anyone)'),
      re('(?:threatened|threatening|threatens) to (?:', THREAT_VERB, ') (?:me|us)'),
      re(WILL, ' (?:', THREAT_VERB, ') (?:me|us)'),
      re('(?:shoot|stab|kill|attack) (?:anyone|everyone|someone|people|them all)'),
      re('(?:blow up|bomb|burn down) (?:the|a|his|her|my|their)'),
      re('(?:hurt|kill|harm) (?:himself|herself|themselves|myself) and (?:the|his|her|my|their|our) (?:kids|children|family|baby|wife|husband|partner)'),
    ],
  },
];

/** Words that, near a match, say the event is over or in the past. */
const PAST = /\b(?:last (?:year|month|week|winter|summer|spring|autumn|christmas|time)|(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many) (?:years?|months?|weeks?) (?:ago|back)|(?:years|months|weeks) ago|in (?:19|20)\d\d|used to|in the past|history of|previously|when i was (?:young|younger|a child|little|a kid|a teenager|\d+)|years back|as a child|in my past|past overdoses?|had (?:a|an) (?:stroke|heart attack|overdose|seizure) (?:in|last|years|when)|(?:is|are|was) (?:now )?out now|(?:it|the fire) (?:is|was) (?:out|put out)|been put out|put it out (?:ourselves|myself|quickly)|safe now|(?:doing|is doing|are doing) (?:well|better|fine|ok)|much better now|(?:is|am|are) (?:ok|fine|well) now|breathing (?:fine|normally|ok|again) now|has stopped now|is over now|gone now)\b/;
const OVER_BY_NEXT_DAY = /\b(?:last night|yesterday|the other day|earlier this week|over the weekend|at the weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/;
const STILL = /\b(?:still|right now|now|again|trapped|stuck|inside)\b/;
/** Words that, near a match, say this is a question about rules, an event, a service or a course. */
const ABOUT_NOT_IN = /\b(?:training|awareness|prevention|course|courses|workshop|leaflet|leaflets|information about|info about|information on|advice on|advice about|policy|campaign|event|events|amnesty|session|sessions|project|charity|volunteer|volunteers|statistics|poster|posters|talk about|research|film|book|documentary|programme|drill|test|testing|check|checks|inspection|assessment)\b/;
const POLICY_QUESTION = /\b(?:is (?:that|it|this) (?:ok|okay|alright|legal|allowed)|what age|how old|legally|the law|allowed to|old enough)\b/;
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
export function matchPhraseFamilies(normalised: string, words: readonly string[] = normalised.length === 0 ? [] : normalised.split(' ')): PhraseHit[] {
  const matched = new Array<boolean>(PHRASE_FAMILIES.length).fill(false);
  const reading: Reading = { text: normalised, policyQuestion: undefined };
  let offset = 0;
  const tryAt = (candidates: readonly Candidate[], offset: number) => {
    for (const { family, pattern } of candidates) {
      if (matched[family]) continue;
      pattern.lastIndex = offset;
      // test() rather than exec(): no match array; a sticky pattern's lastIndex is then where its match ends.
      if (pattern.test(normalised) && isStillPresent(reading, offset, pattern.lastIndex - offset, PHRASE_FAMILIES[family])) matched[family] = true;
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
  for (let seen = 0; start > 0 && seen <= count; ) if (text.charCodeAt(--start) === 32) seen++;
  return text.slice(start, at);
};
const wordsAfter = (text: string, at: number, count: number) => {
  let end = at;
  for (let seen = 0; end < text.length && seen <= count; ) if (text.charCodeAt(end++) === 32) seen++;
  return text.slice(at, end);
};

/** Reads a match in the words around it (see the module comment). */
function isStillPresent(reading: Reading, index: number, length: number, family: PhraseFamily): boolean {
  const { text } = reading;
  const near = `${wordsBefore(text, index, 8)}${text.slice(index, index + length)}${wordsAfter(text, index + length, 8)}`;
  if (PAST.test(near)) return false;
  if (family.overByNextDay && OVER_BY_NEXT_DAY.test(near) && !STILL.test(near)) return false;
  if (ABOUT_NOT_IN.test(near)) return false;
  if (!family.negationIsMeaning && NEGATION.test(wordsBefore(text, index, 4))) return false;
  if (!family.ignoresPolicyQuestions && (reading.policyQuestion ??= POLICY_QUESTION.test(text)) && !URGENT.test(near)) return false;
  return true;
}
