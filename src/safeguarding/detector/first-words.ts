/**
 * The words a regular expression's match can begin with, read from its source, so that a phrase pattern is tried
 * only where the text has them instead of at every character. Patterns are written for normalised text (a-z, 0-9,
 * single spaces) and begin with \b, so every match starts at a word.
 *
 * Reads the subset of regular-expression syntax the phrase families use: literals, spaces, (?:…) groups with
 * alternatives, ?, *, +, {m,n}, \b, \d, \w, character classes and lookarounds. Anything it cannot read, or any
 * pattern whose openings would be too many to list, comes back as `undefined`: phrase-families.ts refuses such a
 * pattern when the module loads, so a new pattern that cannot be indexed is found at once.
 */
export interface Opening {
  /** The first word, then the second when the pattern fixes it ("is fitting"); never more than two. */
  words: string[];
  /** The last word listed is only the start of a word ("breath" for breath(?:ing|e)?). */
  lastIsPrefix: boolean;
}

export interface FirstWords {
  openings: Opening[];
  /** The match may begin with a number ("\d{1,2} year old"). */
  digit: boolean;
}

type Atom =
  | { type: 'char'; char: string; min: number; max: number }
  | { type: 'boundary' }
  | { type: 'zero-width' }
  | { type: 'class'; digit: boolean; min: number; max: number }
  | { type: 'group'; alternatives: Atom[][]; min: number; max: number };

class Unreadable extends Error {}

const LIMIT = 20_000;

/** The openings of a pattern's matches, of up to `depth` words each (fewer when the pattern leaves a word open). */
export function firstWords(source: string, depth = 2): FirstWords | undefined {
  try {
    if (!source.startsWith('\\b')) return undefined;
    const atoms = new Parser(source).alternatives();
    const openings = new Map<string, Opening>();
    let digit = false;
    let budget = LIMIT;
    const end = (done: readonly string[], word: string, whole: boolean) => {
      if (word.length === 0) {
        if (done.length === 0) throw new Unreadable('a pattern that may match nothing');
        const opening = { words: [...done], lastIsPrefix: false };
        openings.set(`${opening.words.join(' ')}|`, opening);
        return;
      }
      const opening = { words: [...done, word], lastIsPrefix: !whole };
      openings.set(`${opening.words.join(' ')}|${whole ? '' : '*'}`, opening);
    };
    const walk = (items: readonly Atom[], at: number, done: readonly string[], word: string): void => {
      if (--budget < 0) throw new Unreadable('too many openings');
      if (at === items.length) return end(done, word, false);
      const atom = items[at];
      switch (atom.type) {
        case 'boundary':
          return word.length > 0 ? end(done, word, true) : walk(items, at + 1, done, word);
        case 'zero-width':
          return walk(items, at + 1, done, word);
        case 'class':
          if (word.length > 0) return end(done, word, false);
          if (done.length > 0) return end(done, '', true);
          if (!atom.digit) throw new Unreadable('a pattern that may begin with any word');
          digit = true;
          return;
        case 'char':
          if (atom.min === 0) walk(items, at + 1, done, word);
          if (atom.max === 0) return;
          if (atom.char === ' ') {
            if (word.length === 0) throw new Unreadable('a pattern that begins with a space');
            if (done.length + 1 >= depth) return end(done, word, true);
            return walk(items, at + 1, [...done, word], '');
          }
          if (atom.max > 1) return end(done, word + atom.char, false);
          return walk(items, at + 1, done, word + atom.char);
        case 'group': {
          if (atom.min === 0) walk(items, at + 1, done, word);
          if (atom.max === 0) return;
          const again: Atom[] = atom.max > 1 ? [{ ...atom, min: Math.max(0, atom.min - 1), max: atom.max - 1 }] : [];
          const rest = [...again, ...items.slice(at + 1)];
          for (const alternative of atom.alternatives) walk([...alternative, ...rest], 0, done, word);
          return;
        }
      }
    };
    for (const alternative of atoms) walk(alternative, 0, [], '');
    return { openings: [...openings.values()], digit };
  } catch (error) {
    if (error instanceof Unreadable) return depth > 1 ? firstWords(source, depth - 1) : undefined;
    throw error;
  }
}

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  alternatives(): Atom[][] {
    const result: Atom[][] = [[]];
    while (this.at < this.source.length) {
      const char = this.source[this.at];
      if (char === ')') break;
      if (char === '|') {
        this.at++;
        result.push([]);
        continue;
      }
      result[result.length - 1].push(this.atom());
    }
    return result;
  }

  private atom(): Atom {
    const { source } = this;
    const char = source[this.at++];
    if (char === '\\') {
      const escaped = source[this.at++];
      if (escaped === 'b') return { type: 'boundary' };
      if (escaped === 'd' || escaped === 'w' || escaped === 's')
        return this.quantified({ type: 'class', digit: escaped === 'd', min: 1, max: 1 });
      if (/[a-zA-Z0-9]/.test(escaped)) throw new Unreadable(`escape \\${escaped}`);
      return this.quantified({ type: 'char', char: escaped, min: 1, max: 1 });
    }
    if (char === '(') {
      if (source.startsWith('?:', this.at)) this.at += 2;
      else if (/^\?<?[=!]/.test(source.slice(this.at, this.at + 3))) {
        this.at += source[this.at + 1] === '<' ? 3 : 2;
        this.alternatives();
        this.expect(')');
        return { type: 'zero-width' };
      } else if (source[this.at] === '?') throw new Unreadable('named or flagged group');
      const alternatives = this.alternatives();
      this.expect(')');
      return this.quantified({ type: 'group', alternatives, min: 1, max: 1 });
    }
    if (char === '[') {
      const close = source.indexOf(']', this.at + 1);
      if (close < 0) throw new Unreadable('unclosed class');
      const body = source.slice(this.at, close);
      this.at = close + 1;
      return this.quantified({ type: 'class', digit: body === '0-9', min: 1, max: 1 });
    }
    if (char === '^' || char === '$') return { type: 'zero-width' };
    if (char === '.') return this.quantified({ type: 'class', digit: false, min: 1, max: 1 });
    if ('*+?{}'.includes(char)) throw new Unreadable(`unexpected ${char}`);
    return this.quantified({ type: 'char', char, min: 1, max: 1 });
  }

  private quantified<T extends Atom & { min: number; max: number }>(atom: T): T {
    const { source } = this;
    const char = source[this.at];
    let min: number;
    let max: number;
    if (char === '?') [min, max] = [0, 1];
    else if (char === '*') [min, max] = [0, Infinity];
    else if (char === '+') [min, max] = [1, Infinity];
    else if (char === '{') {
      const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(this.at));
      if (match === null) throw new Unreadable('quantifier');
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
      this.at += match[0].length - 1;
    } else return atom;
    this.at++;
    if (source[this.at] === '?') this.at++; // lazy: the same words
    return { ...atom, min, max };
  }

  private expect(char: string): void {
    if (this.source[this.at] !== char) throw new Unreadable(`expected ${char}`);
    this.at++;
  }
}
