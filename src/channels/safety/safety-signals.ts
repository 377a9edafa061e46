import type { DangerKind } from '../../safeguarding/detector/danger-kinds.js';

/** What the words of a message suggest, for the people who must act at once. */
export interface SafetySignals {
  /** Someone — a child or an adult — may be in immediate danger: show emergency guidance, tell a supervisor. */
  danger: boolean;
  /** The kinds of danger, for the guidance and the flag (empty when the kind is not known). */
  dangerKinds: DangerKind[];
  /** A request to change a supplier's bank details: a common fraud pattern, never done by chat or e-mail. */
  bankDetailsChange: boolean;
}

const normalise = (text: string) => text.toLowerCase().replace(/[’']/g, '').replace(/\s+/g, ' ');

/**
 * Phrases of immediate danger, kept deliberately narrow: a false alarm shows the 999 guidance to someone who did
 * not need it (harmless); a miss is what matters, so the supervisor also sees every flagged chat.
 */
const DANGER = [
  /\b(going to|gonna|want to|wants to|will|threaten(ed|ing)? to) (kill|hurt|stab|hit|beat) (me|him|her|them|us|my|the kids|the children|himself|herself|myself)\b/,
  /\b(kill|hurt|harm) (myself|himself|herself)\b/,
  /\b(end|take) (my|his|her) (own )?life\b/,
  /\bsuicid(e|al)\b/,
  /\b(he|she|they|someone|my (partner|husband|wife|boyfriend|girlfriend|dad|mum|father|mother|son|daughter)) (is|are|has been|keeps) (hitting|beating|attacking|strangling|choking|hurting|threatening) (me|us|her|him|them|the (kids|children|baby))\b/,
  /\b(im|i am|we are|were|she is|he is|they are|the (child|children|kids|baby) (is|are)) (in danger|not safe|unsafe|being (abused|attacked|hurt))\b/,
  /\b(child|children|kids|baby|toddler)\b[^.?!]{0,30}\b(left|are|is|been) (home )?alone\b[^?]*\b(hours|all day|overnight|since|days)\b/,
  /\b(overdose|overdosed|taken too many (pills|tablets))\b/,
  /\bcant (breathe|wake (him|her|them) up)\b/,
  /\b(locked|trapped) (in|inside)\b.*\b(fire|smoke|flood)\b/,
];

/** A supplier asking to pay into a new account: the words of invoice-redirection fraud. */
const BANK_CHANGE = [
  /\b(change|changed|update|updated|amend|new)\b[^.?!]{0,40}\b(bank (details|account)|account (details|number)|sort code|payment details|remittance details)\b/,
  /\b(bank (details|account)|account details|payment details)\b[^.?!]{0,40}\b(have|has) changed\b/,
  /\b(pay|payment|send)\b[^.?!]{0,30}\b(into|to) (our|the|a) new (bank )?account\b/,
];

export function safetySignals(text: string): SafetySignals {
  const words = normalise(text);
  return { danger: DANGER.some((pattern) => pattern.test(words)), dangerKinds: [], bankDetailsChange: BANK_CHANGE.some((pattern) => pattern.test(words)) };
}

/** What the citizen is told when a card number was removed from their message. */
export const SAFE_PAYMENT_GUIDANCE =
  'For your security we removed what looked like a payment card number from your message. Please never send card details in a chat or an e-mail: ' +
  'to pay the council, use the payment page on the council’s website or call the Cashiers team, who take payments on a secure line.';
