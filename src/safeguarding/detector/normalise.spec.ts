import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normalise, SPELLING_TABLE } from './normalise.js';

describe('normalising what people write', () => {
  it('lower-cases, drops punctuation and curly quotes, and spells contractions out', () => {
    expect(normalise('He’s NOT breathing!!!')).toBe('he is not breathing');
    expect(normalise("I can't wake her... she's")).toBe('i can not wake her she is');
    expect(normalise('I cannot go on')).toBe('i can not go on');
  });

  it('reads text-speak, common misspellings and stretched letters', () => {
    expect(normalise('pls help ur mum is unconcious')).toBe('please help your mum is unconscious');
    expect(normalise('pleeease send an ambulence, hes bleading')).toBe('please send an ambulance he is bleeding');
    expect(normalise('shes overdosed on pils')).toBe('she is overdose on pills');
    expect(normalise('Ｆｉｒｅ in the café')).toBe('fire in the cafe');
  });

  it('keeps only a-z, 0-9 and single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) =>
        expect(normalise(text)).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/),
      ),
    );
  });

  it('is idempotent on any text, unicode and binary included', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('İstanbul ℌello ﬁre', 'cant wont im ur pls', 'aaaa bbbb'),
    );
    fc.assert(fc.property(text, (value) => expect(normalise(normalise(value))).toBe(normalise(value))));
  });

  it('maps every spelling to a form that is already normal, which is what keeps it idempotent', () => {
    for (const [written, meant] of Object.entries(SPELLING_TABLE)) {
      expect(normalise(meant)).toBe(meant);
      expect(written).toMatch(/^[a-z0-9]+$/);
    }
  });
});
