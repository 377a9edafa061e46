import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ADDRESS_MIN_WORDS, addressKey, addressKeyPrefixes, addressKeysMatch } from './subject-keys.js';

const word = fc.stringMatching(/^[A-Za-z][a-z]{1,9}$/);
const houseNumber = fc.integer({ min: 1, max: 999 }).map(String);
/** An address as a person might write it: a number, street words, a town, with commas or not. */
const address = fc
  .tuple(houseNumber, fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(word, { maxLength: 2 }), fc.constantFrom(', ', ' ', ','))
  .map(([number, street, town, gap]) => [`${number} ${street.join(' ')}`, ...town].join(gap));
const postcode = fc.constantFrom('PR1 8XJ', 'pr18xj', 'M1 1AE', 'SW1A 1AA', 'b33 8th', 'CR2 6XH');

describe('address keys', () => {
  it('keys the ways one address is written alike', () => {
    const forms = [
      'Flat 2, 12 Elm Rd., Preston PR1 2AB',
      'FLAT 2 12 ELM ROAD PRESTON',
      'flat 2, 12 elm road, preston, pr12ab',
      ' Flat  2 12 Élm Road  Preston ',
    ];
    expect(new Set(forms.map(addressKey))).toEqual(new Set(['flat 2 12 elm road preston']));
    expect(addressKey("3 St Anne's Cres")).toBe('3 st anne s crescent');
  });

  it('is idempotent for any text', () => {
    fc.assert(fc.property(fc.string(), (text) => expect(addressKey(addressKey(text))).toBe(addressKey(text))));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => expect(addressKey(addressKey(text))).toBe(addressKey(text))));
  });

  it('ignores case, punctuation, spacing and a trailing postcode', () => {
    fc.assert(
      fc.property(address, postcode, fc.constantFrom(' ', ', ', '\n'), (text, code, gap) => {
        const key = addressKey(text);
        expect(addressKey(text.toUpperCase())).toBe(key);
        expect(addressKey(text.replace(/ /g, '  , '))).toBe(key);
        expect(addressKey(`${text}${gap}${code}`)).toBe(key);
      }),
    );
  });

  it('matches a held address that is the one asked for, or word for word longer or shorter than it', () => {
    fc.assert(
      fc.property(address, fc.array(word, { minLength: 1, maxLength: 3 }), (text, more) => {
        const short = addressKey(text);
        const long = addressKey(`${text}, ${more.join(' ')}`);
        expect(addressKeysMatch(short, short)).toBe(true);
        expect(addressKeysMatch(long, short)).toBe(true);
        expect(addressKeysMatch(short, long)).toBe(true);
      }),
    );
  });

  it('never matches another house number, nor a one-word search', () => {
    fc.assert(
      fc.property(address, fc.integer({ min: 1, max: 999 }), (text, other) => {
        const key = addressKey(text);
        const [number, ...rest] = key.split(' ');
        fc.pre(String(other) !== number);
        expect(addressKeysMatch(key, [String(other), ...rest].join(' '))).toBe(false);
        expect(addressKeysMatch(key, number)).toBe(false);
      }),
    );
  });

  it('lists the prefixes a search matches exactly, shortest first, from the fewest words allowed', () => {
    expect(addressKeyPrefixes('12 elm road preston')).toEqual(['12 elm', '12 elm road', '12 elm road preston']);
    fc.assert(
      fc.property(address, (text) => {
        const prefixes = addressKeyPrefixes(addressKey(text));
        for (const prefix of prefixes) expect(prefix.split(' ').length).toBeGreaterThanOrEqual(ADDRESS_MIN_WORDS);
        expect(prefixes.at(-1)).toBe(addressKey(text));
      }),
    );
  });
});
