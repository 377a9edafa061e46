import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CARD_NUMBER_REMOVED, luhnValid, maskCardNumbers } from './card-numbers.js';

/** A Luhn-valid number of `length` digits starting with `prefix`. */
function cardNumber(prefix: string, body: string, length: number): string {
  const partial = (prefix + body).slice(0, length - 1).padEnd(length - 1, '0');
  for (let check = 0; check <= 9; check += 1) if (luhnValid(partial + check)) return partial + check;
  throw new Error('unreachable');
}

const card = fc
  .record({
    prefix: fc.constantFrom('4', '51', '55', '34', '37', '6011', '35'),
    body: fc.stringMatching(/^\d{18}$/),
    length: fc.integer({ min: 13, max: 19 }),
  })
  .map(({ prefix, body, length }) => cardNumber(prefix, body, length))
  .filter((digits) => !/^(\d)\1+$/.test(digits));

/** How people type a number: together, in fours with spaces, or with dashes. */
const written = (digits: string, style: number) => (style === 0 ? digits : digits.replace(/(\d{4})(?=\d)/g, style === 1 ? '$1 ' : '$1-'));

describe('card numbers in what citizens type', () => {
  it('removes well-known test card numbers however they are written, and keeps the rest of the text', () => {
    expect(maskCardNumbers('my card is 4111 1111 1111 1111 exp 12/28')).toEqual({
      text: `my card is ${CARD_NUMBER_REMOVED} exp 12/28`,
      masked: 1,
    });
    expect(maskCardNumbers('5555-5555-5555-4444').text).toBe(CARD_NUMBER_REMOVED);
    expect(maskCardNumbers('amex 378282246310005 please').text).toBe(`amex ${CARD_NUMBER_REMOVED} please`);
    expect(maskCardNumbers('two: 4111111111111111 and 4012888888881881').masked).toBe(2);
  });

  it('leaves phone numbers, references, dates and amounts alone', () => {
    for (const text of [
      'call me on 07700 900123',
      '+44 20 7946 0018',
      'reference 2026-11-29-0042',
      'account 12345678 sort code 12-34-56',
      '£1,250.00 on 29/11/2026',
      '0000 0000 0000 0000',
      '1234567812345678',
    ]) {
      expect(maskCardNumbers(text)).toEqual({ text, masked: 0 });
    }
  });

  it('removes any Luhn-valid card number of 13 to 19 digits, in any text, written any usual way', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).map((s) => s.replace(/\d/g, '')),
        card,
        fc.integer({ min: 0, max: 2 }),
        fc.string({ maxLength: 40 }).map((s) => s.replace(/\d/g, '')),
        (before, digits, style, after) => {
          const { text, masked } = maskCardNumbers(`${before} ${written(digits, style)} ${after}`);
          expect(masked).toBe(1);
          expect(text.replace(/\D/g, '')).not.toContain(digits.slice(-8));
          expect(text).toBe(`${before} ${CARD_NUMBER_REMOVED} ${after}`);
        },
      ),
    );
  });

  it('is idempotent and never lengthens a text by more than the marker', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const once = maskCardNumbers(text);
        expect(maskCardNumbers(once.text)).toEqual({ text: once.text, masked: 0 });
        expect(once.text.length).toBeLessThanOrEqual(text.length + once.masked * CARD_NUMBER_REMOVED.length);
      }),
    );
  });
});
