import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { firstWords, type FirstWords } from './first-words.js';
import { normalise } from './normalise.js';
import { PHRASE_FAMILIES } from './phrase-families.js';

const openings = (source: string) =>
  firstWords(source)
    ?.openings.map(({ words, lastIsPrefix }) => `${words.join(' ')}${lastIsPrefix ? '*' : ''}`)
    .sort();

describe('the words a phrase pattern can begin with', () => {
  it('lists alternatives, optional groups and the second word when the pattern fixes it', () => {
    expect(openings('\\b(?:he|she) (?:is |)?collapsed\\b')).toEqual(['he collapsed', 'he is', 'she collapsed', 'she is']);
    expect(openings('\\b(?:been |is )?poisoned\\b')).toEqual(['been poisoned', 'is poisoned', 'poisoned']);
  });

  it('keeps a word that goes on as a prefix, and an optional space as both one word and two', () => {
    expect(openings('\\bbreath(?:ing|e)?\\b')).toEqual(['breath', 'breathe', 'breathing']);
    expect(openings('\\bbreath\\w*\\b')).toEqual(['breath*']);
    expect(openings('\\bself ?harm\\b')).toEqual(['self harm', 'selfharm']);
  });

  it('stops at a word left open: any word after the first', () => {
    expect(openings('\\bchild(?: \\w+){0,6} alone\\b')).toEqual(['child', 'child alone']);
  });

  it('notes a pattern that begins with a number', () => {
    expect(firstWords('\\b\\d{1,2} year old\\b')).toEqual({ openings: [], digit: true });
  });

  it('refuses what it cannot list: no \\b at the start, or any word first', () => {
    expect(firstWords('fire')).toBeUndefined();
    expect(firstWords('\\b\\w+ fire\\b')).toBeUndefined();
  });

  it('lists an opening for every match of every phrase pattern, on the corpus and on strings of danger words', () => {
    // What the phrase index relies on: a pattern is tried only where one of its openings is, so every real match
    // must begin with one of them.
    const fits = (first: FirstWords, word: string, next: string | undefined) =>
      (first.digit && /^[0-9]/.test(word)) ||
      first.openings.some(({ words, lastIsPrefix }) =>
        words.length === 1
          ? lastIsPrefix
            ? word.startsWith(words[0])
            : word === words[0]
          : word === words[0] && (lastIsPrefix || next === words[1]),
      );
    const corpus: { text: string }[] = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/safeguarding/messages.json', import.meta.url), 'utf8'),
    );
    const dangerWords = fc.constantFrom(
      'he',
      'is',
      'not',
      'breathing',
      'the',
      'kitchen',
      'alight',
      'self',
      'harm',
      'selfharm',
      '12',
      'year',
      'old',
      'alone',
      'water',
      'up',
      'to',
      'windows',
      'going',
      'kill',
      'me',
      'gone',
      'curtains',
    );
    const texts = [
      ...corpus.map((message) => normalise(message.text)),
      ...fc.sample(
        fc.array(dangerWords, { maxLength: 12 }).map((list) => list.join(' ')),
        500,
      ),
    ];
    let matches = 0;
    for (const family of PHRASE_FAMILIES) {
      for (const pattern of family.patterns) {
        const first = firstWords(pattern.source) as FirstWords;
        const global = new RegExp(pattern.source, 'g');
        for (const text of texts) {
          for (const match of text.matchAll(global)) {
            const [word, next] = text.slice(match.index).split(' ', 2);
            matches++;
            expect({ pattern: pattern.source, text, fits: fits(first, word, next) }).toEqual({ pattern: pattern.source, text, fits: true });
          }
        }
      }
    }
    expect(matches).toBeGreaterThan(400);
  });
});
