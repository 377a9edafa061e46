import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classifySearchTerm, emailKey, nameKey, parsePhoneKey, phoneKey, postcodeKey, ukNumberKey } from './subject-keys.js';

describe('normalised search keys', () => {
  it('gives one key to the ways one UK number is written', () => {
    const forms = ['07700 900123', '+44 7700 900123', '+447700900123', '0044 7700 900123', '(07700) 900-123'];
    expect(new Set(forms.map(phoneKey))).toEqual(new Set(['+447700900123']));
  });

  it('gives any written form of a UK mobile number the same key as its E.164 form', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^7[0-9]{9}$/),
        fc.constantFrom('0', '+44 ', '+44', '0044 '),
        fc.constantFrom('', ' ', '-'),
        (digits, prefix, gap) => {
          const written = `${prefix}${digits.slice(0, 4)}${gap}${digits.slice(4)}`;
          expect(phoneKey(written)).toBe(`+44${digits}`);
        },
      ),
    );
  });

  it('keys a UK number without the full parse exactly as the full parse does', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9][0-9]{9}$/),
        fc.constantFrom('0', '+44', '+44 ', '(0', '0 '),
        fc.constantFrom('', ' ', '-', ') ', '.'),
        fc.nat(9),
        (digits, prefix, gap, at) => {
          const written = `${prefix}${digits.slice(0, at + 1)}${prefix === '(0' ? ') ' : gap}${digits.slice(at + 1)}`;
          const fast = ukNumberKey(written);
          expect(fast).toBe(`+44${digits}`);
          expect(fast).toBe(parsePhoneKey(written));
        },
      ),
      { numRuns: 500 },
    );
    expect(ukNumberKey('0770090012')).toBeUndefined(); // nine digits: left to the full parse
    expect(ukNumberKey('+33 1 23 45 67 89')).toBeUndefined();
  });

  it('keys names without case, accents or punctuation', () => {
    expect(nameKey("  Siobhán  O'Neill-Smith ")).toBe('siobhan o neill smith');
    expect(nameKey('SIOBHAN O NEILL SMITH')).toBe(nameKey("siobhán o'neill-smith"));
    fc.assert(fc.property(fc.string(), (name) => expect(nameKey(nameKey(name))).toBe(nameKey(name))));
  });

  it('keys e-mail addresses and postcodes', () => {
    expect(emailKey(' Jane.Doe@Example.ORG ')).toBe('jane.doe@example.org');
    expect(postcodeKey('pr1 8xj')).toBe('PR18XJ');
    expect(postcodeKey('PR18XJ')).toBe(postcodeKey('P R 1 8 X J'));
  });

  it('recognises what a search term names', () => {
    expect(classifySearchTerm('jane.doe@example.org')).toEqual({ kind: 'email', key: 'jane.doe@example.org' });
    expect(classifySearchTerm('07700 900123')).toEqual({ kind: 'phone', key: '+447700900123' });
    expect(classifySearchTerm('pr1 8xj')).toEqual({ kind: 'postcode', key: 'PR18XJ' });
    expect(classifySearchTerm('k7qm-4x2p')).toEqual({ kind: 'reference', key: 'K7QM-4X2P' });
    // Random references can be all letters or all digits; with the dash they are still references.
    expect(classifySearchTerm('ABCD-EFGH')).toEqual({ kind: 'reference', key: 'ABCD-EFGH' });
    expect(classifySearchTerm('1234-5678')).toEqual({ kind: 'reference', key: '1234-5678' });
    expect(classifySearchTerm('Jane Doe')).toEqual({ kind: 'name', key: 'jane doe' });
    expect(classifySearchTerm('   ')).toBeUndefined();
  });

  it('classifies any input without throwing', () => {
    fc.assert(fc.property(fc.string(), (term) => void classifySearchTerm(term)));
  });
});
