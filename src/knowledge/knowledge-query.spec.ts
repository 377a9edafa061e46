import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normaliseTags } from './knowledge.mapper.js';
import { anyWordQuery, MATCH_END, MATCH_START, MAX_QUERY_WORDS, meaningfulWords, parseHeadline } from './knowledge-query.js';

/** What to_tsquery accepts without complaint: operands of letters (and marks, digits after a letter) joined by ` | `. */
const OR_OF_WORDS = /^\p{L}[\p{L}\p{M}\p{N}]*( \| \p{L}[\p{L}\p{M}\p{N}]*)*$/u;
/** Every character to_tsquery gives a meaning to. */
const OPERATORS = /[&|!()<>:*'"\\-]/;

/** The text without the search's match markers. */
const unmarked = (text: string): string => text.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');

describe('the words of an enquiry searched for', () => {
  it('keeps the meaningful words once each, lower case, in order; drops stop words, one-letter words and anything with a digit', () => {
    expect(
      meaningfulWords('Hi, the ROAD outside 12 Mill Lane (PR1 2AB) hasn’t been gritted; the road is ice! Ref 7788, call 07700 900123'),
    ).toEqual(['road', 'outside', 'mill', 'lane', 'hasn', 'gritted', 'ice', 'ref', 'call']);
    expect(meaningfulWords('Missed bin collections: my bins were not emptied')).toEqual([
      'missed',
      'bin',
      'collections',
      'bins',
      'emptied',
    ]);
  });

  it('builds a query matching any of the words, or none for text without a meaningful word', () => {
    expect(anyWordQuery('My garden waste wasn’t collected')).toBe('garden | waste | wasn | collected');
    expect(anyWordQuery('')).toBeNull();
    expect(anyWordQuery('12 34 — !!! <> & |')).toBeNull();
    expect(anyWordQuery('it is what it is')).toBeNull();
    expect(anyWordQuery("'); drop table knowledge_articles; --")).toBe('drop | table | knowledge | articles');
  });

  it('turns any text into a valid OR-of-words query or none, never an error, with at most 64 words', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.lorem({ maxCount: 200 })),
        (text) => {
          const query = anyWordQuery(text);
          if (query === null) {
            expect(meaningfulWords(text)).toEqual([]);
            return;
          }
          expect(query).toMatch(OR_OF_WORDS);
          const words = query.split(' | ');
          expect(words.every((word) => !OPERATORS.test(word))).toBe(true);
          expect(new Set(words).size).toBe(words.length);
          expect(words.length).toBeLessThanOrEqual(MAX_QUERY_WORDS);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops at 64 words however long the text', () => {
    // 500 different words of letters only: base 26 with the digits spelt as letters.
    const text = Array.from({ length: 500 }, (_, i) => `w${i.toString(26).replace(/\d/g, (digit) => 'qrstuvwxyz'[Number(digit)])}`).join(
      ' ',
    );
    const words = meaningfulWords(text);
    expect(words).toHaveLength(MAX_QUERY_WORDS);
    expect(anyWordQuery(text)?.split(' | ')).toEqual(words);
  });
});

describe('snippets from PostgreSQL headlines', () => {
  it('removes the markers and says where each match is in the plain text', () => {
    const { snippet, highlights } = parseHeadline(
      `  Which roads we ${MATCH_START}grit${MATCH_END} and when. Priority routes are ${MATCH_START}gritted${MATCH_END} first `,
    );
    expect(snippet).toBe('Which roads we grit and when. Priority routes are gritted first');
    expect(highlights.map(({ start, end }) => snippet.slice(start, end))).toEqual(['grit', 'gritted']);
  });

  it('for any text and marked words: the snippet holds no marker, and every highlight covers exactly a marked word, in order', () => {
    const plain = fc.string({ maxLength: 20 }).map((text) => unmarked(text));
    fc.assert(
      fc.property(fc.array(fc.tuple(plain, fc.boolean()), { maxLength: 12 }), (parts) => {
        const marked = parts.map(([text, match]) => (match && text.length > 0 ? `${MATCH_START}${text}${MATCH_END}` : text)).join('');
        const { snippet, highlights } = parseHeadline(marked);
        expect(unmarked(snippet)).toBe(snippet);
        expect(snippet).toBe(unmarked(marked.trim()));
        for (let i = 0; i < highlights.length; i += 1) {
          expect(highlights[i].start).toBeLessThan(highlights[i].end);
          expect(highlights[i].end).toBeLessThanOrEqual(snippet.length);
          if (i > 0) expect(highlights[i].start).toBeGreaterThanOrEqual(highlights[i - 1].end);
        }
        const expected = [...marked.trim().matchAll(new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'g'))]
          .map((match) => match[1])
          .filter((text) => text.length > 0);
        expect(highlights.map(({ start, end }) => snippet.slice(start, end))).toEqual(expected);
      }),
    );
  });

  it('ignores a marker PostgreSQL would never leave unbalanced', () => {
    expect(parseHeadline(`a ${MATCH_END}b${MATCH_START} c`)).toEqual({ snippet: 'a b c', highlights: [] });
  });
});

describe('tags', () => {
  it('are stored trimmed, lower case, with single spaces, each once', () => {
    expect(normaliseTags(['  Winter ', 'winter', 'Bin   Collection', ' ', 'ROADS'])).toEqual(['winter', 'bin collection', 'roads']);
  });
});
