import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { detectDanger } from './danger-detector.js';
import { DANGER_KINDS } from './danger-kinds.js';

describe('the danger detector', () => {
  it.each([
    ['my dad has collapsed and is not breathing', 'medical'],
    ['my mum fell and she is unconscious', 'medical'],
    ['I have taken a load of pills', 'medical'],
    ["there's a fire in the flat below and we are stuck", 'fire'],
    ["the neighbour's kids have been left on their own since yesterday", 'child_at_risk'],
    ['I want to die', 'suicide_self_harm'],
  ] as const)('flags the issue’s phrasing “%s” as %s', (text, kind) => {
    const detection = detectDanger(text);
    expect(detection.danger).toBe(true);
    expect(detection.kinds).toContain(kind);
  });

  it.each([
    'kill the weeds',
    'dangerous pothole',
    'She is breathing fine now, thank you',
    'I had a stroke last year, can I get a Blue Badge?',
    'How do I register a death?',
  ])('does not flag “%s”', (text) => expect(detectDanger(text)).toEqual({ danger: false, kinds: [] }));

  it('reads negation and tense: not breathing is danger, breathing fine now is not', () => {
    expect(detectDanger('he is not breathing').danger).toBe(true);
    expect(detectDanger('he is breathing fine now').danger).toBe(false);
    expect(detectDanger('I am not in danger, I just want information about injunctions').danger).toBe(false);
    expect(detectDanger('I am in danger').danger).toBe(true);
  });

  it('reads text-speak, typos and capitals', () => {
    expect(detectDanger('pls help shes not breathin').kinds).toContain('medical');
    expect(detectDanger('MY NAN IS UNCONCIOUS SEND AN AMBULENCE').kinds).toContain('medical');
    expect(detectDanger('cant go on anymore').kinds).toContain('suicide_self_harm');
  });

  it('finds one sentence of danger in a long e-mail of ordinary words', () => {
    const padding = 'I am writing about the council tax bill for the flat and the bin collection on our road. '.repeat(20);
    expect(detectDanger(`${padding} Also my husband is hitting me right now and I am scared. ${padding}`).kinds).toContain(
      'domestic_abuse',
    );
    expect(detectDanger(padding).danger).toBe(false);
  });

  it('gives kinds only when there is danger, each a known kind, without repeats', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { danger, kinds } = detectDanger(text);
        expect(danger).toBe(kinds.length > 0);
        expect(kinds.every((kind) => DANGER_KINDS.includes(kind))).toBe(true);
        expect(new Set(kinds).size).toBe(kinds.length);
      }),
    );
  });

  it('never throws and answers the same twice, on any text: unicode, very long, or built from danger words', () => {
    const dangerWords = fc.constantFrom(
      'not',
      'breathing',
      'fire',
      'kill',
      'myself',
      'knife',
      'flood',
      'trapped',
      'he',
      'is',
      'kids',
      'alone',
      'last',
      'year',
      '’',
      '!!!',
      'İ',
      'ﬁre',
      '\u0000',
      '\ud800',
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 500 }),
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.array(dangerWords, { maxLength: 60 }).map((words) => words.join(' ')),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect(detectDanger(value)).toEqual(detectDanger(value));
      }),
    );
    expect(() => detectDanger('a'.repeat(1_000_000))).not.toThrow();
    expect(detectDanger(`${'fire '.repeat(50_000)}`)).toEqual(detectDanger(`${'fire '.repeat(50_000)}`));
  });
});
