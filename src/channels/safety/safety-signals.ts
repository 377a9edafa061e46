import type { DangerKind } from '../../safeguarding/detector/danger-kinds.js';
import { detectDanger } from '../../safeguarding/detector/danger-detector.js';

/** What the words of a message suggest, for the people who must act at once. */
export interface SafetySignals {
  /** Someone — a child or an adult — may be in immediate danger: show emergency guidance, tell a supervisor. */
  danger: boolean;
  /** What kinds of danger (medical, fire, a child at risk…); empty when there is no danger. */
  dangerKinds: DangerKind[];
  /** A request to change a supplier's bank details: a common fraud pattern, never done by chat or e-mail. */
  bankDetailsChange: boolean;
}

const normalise = (text: string) => text.toLowerCase().replace(/[’']/g, '').replace(/\s+/g, ' ');

/** A supplier asking to pay into a new account: the words of invoice-redirection fraud. */
const BANK_CHANGE = [
  /\b(change|changed|update|updated|amend|new)\b[^.?!]{0,40}\b(bank (details|account)|account (details|number)|sort code|payment details|remittance details)\b/,
  /\b(bank (details|account)|account details|payment details)\b[^.?!]{0,40}\b(have|has) changed\b/,
  /\b(pay|payment|send)\b[^.?!]{0,30}\b(into|to) (our|the|a) new (bank )?account\b/,
];

export function safetySignals(text: string): SafetySignals {
  const { danger, kinds } = detectDanger(text);
  const words = normalise(text);
  return { danger, dangerKinds: kinds, bankDetailsChange: BANK_CHANGE.some((pattern) => pattern.test(words)) };
}

/** What the citizen is told when a card number was removed from their message. */
export const SAFE_PAYMENT_GUIDANCE =
  'For your security we removed what looked like a payment card number from your message. Please never send card details in a chat or an e-mail: ' +
  'to pay the council, use the payment page on the council’s website or call the Cashiers team, who take payments on a secure line.';
