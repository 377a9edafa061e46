/** What a card number is replaced with, wherever it was typed. */
export const CARD_NUMBER_REMOVED = '[card number removed]';

/**
 * Runs of 12 to 19 digits, written together or in groups split by single spaces, dots or dashes (as people type
 * "4111 1111 1111 1111" or "4111-1111-1111-1111"), not inside a longer run of digits.
 */
const DIGIT_RUN = /(?<![\d])\d(?:[ .-]?\d){11,18}(?![\d])/g;

/** The Luhn checksum every payment card number satisfies (ISO/IEC 7812). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Payment card numbers never kept: every run of 13 to 19 digits that passes the Luhn check (and is not all one
 * digit) is replaced before the text is stored, relayed or logged. Phone numbers and references rarely pass the
 * check; when one does, removing it is the safe mistake.
 */
export function maskCardNumbers(text: string): { text: string; masked: number } {
  let masked = 0;
  const result = text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ .-]/g, '');
    if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits) || !luhnValid(digits)) return run;
    masked += 1;
    return CARD_NUMBER_REMOVED;
  });
  return { text: result, masked };
}
