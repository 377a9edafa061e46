/**
 * The pure half of knowledge search: turning an enquiry's words into a full-text query, and turning PostgreSQL's
 * marked-up headline into plain text with the positions of the matches. The SQL is in knowledge.repository.ts.
 */

/** Distinct words an enquiry's text contributes to a suggestion query, at most. */
export const MAX_QUERY_WORDS = 64;
/** Longer "words" are pasted identifiers or noise, not guidance anyone searches for. */
const MAX_WORD_LENGTH = 50;

/**
 * Words PostgreSQL's English configuration drops anyway; dropped here first so that a long enquiry's budget of
 * words goes on the meaningful ones.
 */
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing don down during ' +
    'each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now ' +
    'of off on once only or other our ours ourselves out over own please same she should so some such than that the their theirs them themselves then there these they ' +
    'this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves hi hello thanks dear'
  ).split(' '),
);

/**
 * The words of a text worth searching for: runs of letters (with their combining marks), lower-cased, in the
 * order they first appear, without stop words, one-letter words or anything holding a digit (house numbers,
 * references, phone numbers and postcodes say nothing about which guidance applies).
 */
export function meaningfulWords(text: string, max = MAX_QUERY_WORDS): string[] {
  const words = new Set<string>();
  for (const [token] of text
    .normalize('NFKC')
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)) {
    if (/\p{N}/u.test(token) || [...token].length < 2 || [...token].length > MAX_WORD_LENGTH || STOP_WORDS.has(token)) continue;
    words.add(token);
    if (words.size >= max) break;
  }
  return [...words];
}

/**
 * A `to_tsquery('english', …)` source matching any of a text's meaningful words, or null when it has none. Only
 * letters, combining marks and the ` | ` operator ever appear, so PostgreSQL always parses it (it stems each word
 * as it did the articles'; a word its parser splits becomes a phrase, never an error).
 */
export function anyWordQuery(text: string): string | null {
  const words = meaningfulWords(text);
  return words.length > 0 ? words.join(' | ') : null;
}

/** Where `ts_headline` marks a match: control characters, which no article may contain (see the DTOs). */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** ts_headline options: plain-text markers, and up to two short fragments around the matches. */
export const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** With no query: the article's opening words. */
export const OPENING_OPTIONS = 'MaxWords=30, MinWords=25';

export interface Highlight {
  /** Offset of the first character of a match in the snippet (UTF-16 code units, as JavaScript strings count). */
  start: number;
  /** Offset just past its last character. */
  end: number;
}

/**
 * Splits a marked headline into the plain-text snippet and the matches' positions in it. Unbalanced markers
 * (which PostgreSQL never writes) are dropped rather than trusted.
 */
export function parseHeadline(marked: string): { snippet: string; highlights: Highlight[] } {
  let snippet = '';
  let open: number | null = null;
  const highlights: Highlight[] = [];
  for (const char of marked.trim()) {
    if (char === MATCH_START) open = snippet.length;
    else if (char === MATCH_END) {
      if (open !== null && snippet.length > open) highlights.push({ start: open, end: snippet.length });
      open = null;
    } else snippet += char;
  }
  return { snippet, highlights };
}
