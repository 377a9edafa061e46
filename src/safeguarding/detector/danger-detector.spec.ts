import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { detectDanger } from './danger-detector.js';
import { DANGER_KINDS } from './danger-kinds.js';
import { longMessages } from './long-messages.js';

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

  it.each(['kill the weeds', 'dangerous pothole', 'She is breathing fine now, thank you', 'I had a stroke last year, can I get a Blue Badge?', 'How do I register a death?'])(
    'does not flag “%s”',
    (text) => expect(detectDanger(text)).toEqual({ danger: false, kinds: [] }),
  );

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
    expect(detectDanger(`${padding} Also my husband is hitting me right now and I am scared. ${padding}`).kinds).toContain('domestic_abuse');
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
    const dangerWords = fc.constantFrom('not', 'breathing', 'fire', 'kill', 'myself', 'knife', 'flood', 'trapped', 'he', 'is', 'kids', 'alone', 'last', 'year', '’', '!!!', 'İ', 'ﬁre', '\u0000', '\ud800');
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 500 }), fc.array(dangerWords, { maxLength: 60 }).map((words) => words.join(' ')));
    fc.assert(
      fc.property(text, (value) => {
        expect(detectDanger(value)).toEqual(detectDanger(value));
      }),
    );
    expect(() => detectDanger('a'.repeat(1_000_000))).not.toThrow();
    expect(detectDanger(`${'fire '.repeat(50_000)}`)).toEqual(detectDanger(`${'fire '.repeat(50_000)}`));
  });

  it('reads a 2,000-character message in under a millisecond of processor time (mean of 500, the best of five rounds)', () => {
    const corpus = JSON.parse(readFileSync(new URL('../../../test/fixtures/safeguarding/messages.json', import.meta.url), 'utf8'));
    const messages = longMessages(corpus, 550, 2000);
    for (const message of messages.slice(0, 50)) detectDanger(message); // warm up the JIT
    // Processor time, not the clock: other test workers share the machine's two cores, and while this worker waits
    // for a core the clock runs on (a loaded CI run read 2.2 ms by the clock). A detector that is itself slow is
    // slow in every round.
    const means: number[] = [];
    for (let round = 0; round < 5 && !(means.length > 0 && Math.min(...means) < 1); round += 1) {
      const before = process.cpuUsage();
      for (const message of messages.slice(50)) detectDanger(message);
      const used = process.cpuUsage(before);
      means.push((used.user + used.system) / 1000 / 500);
    }
    expect(Math.min(...means)).toBeLessThan(1);
  });
});
