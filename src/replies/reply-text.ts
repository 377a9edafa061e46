import { maskCardNumbers } from '../channels/safety/card-numbers.js';

/**
 * The rule: a reply never carries a card number. The safety rail that masks card numbers typed in by citizens runs
 * on every outbound reply too, after saved-reply variables and knowledge articles are filled in: whatever is
 * stored, shown in the preview and sent has the number removed. Returns the text to send and how many were removed.
 */
export function outboundReplyText(text: string): { text: string; cardNumbersRemoved: number } {
  const { text: masked, masked: cardNumbersRemoved } = maskCardNumbers(text.trim());
  return { text: masked, cardNumbersRemoved };
}
