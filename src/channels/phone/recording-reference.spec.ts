import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isSafeRecordingReference } from './recording-reference.js';

const SAFE_FIRST = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const SAFE_REST = [...SAFE_FIRST, '.', '_', ':', '-'];

/** References the rule accepts, built from its own alphabet. */
const safeReference = fc
  .tuple(fc.constantFrom(...SAFE_FIRST), fc.array(fc.constantFrom(...SAFE_REST), { maxLength: 199 }))
  .map(([first, rest]) => first + rest.join(''));

describe('the recording-reference rule (path-safe references only)', () => {
  it('accepts only references that stay one path segment: encodeURIComponent changes nothing but ":" and it is never "." or ".."', () => {
    fc.assert(
      fc.property(safeReference, (ref) => {
        expect(isSafeRecordingReference(ref)).toBe(true);
        expect(encodeURIComponent(ref)).toBe(ref.replaceAll(':', '%3A'));
        expect(decodeURIComponent(encodeURIComponent(ref))).toBe(ref);
        expect(['.', '..']).not.toContain(ref);
        expect(ref).not.toMatch(/[/\\%\s]/);
      }),
    );
  });

  it('refuses every reference outside the set: a bad character anywhere, a first character other than a letter or digit, empty, or over 200', () => {
    const outside = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !SAFE_REST.includes(c));
    fc.assert(
      fc.property(safeReference, outside, fc.nat(), (ref, bad, at) => {
        const position = at % (ref.length + 1);
        expect(isSafeRecordingReference(ref.slice(0, position) + bad + ref.slice(position))).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('.', '_', ':', '-'), safeReference, (first, ref) =>
        expect(isSafeRecordingReference(first + ref)).toBe(false),
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const expected =
          text.length >= 1 && text.length <= 200 && SAFE_FIRST.includes(text[0]) && [...text].every((c) => SAFE_REST.includes(c));
        expect(isSafeRecordingReference(text)).toBe(expected);
      }),
    );
    for (const hostile of [
      '',
      '.',
      '..',
      'a/b',
      '../a',
      '%2e%2e',
      'a%2fb',
      'a b',
      'a\nb',
      'a\u0000b',
      'a\\b',
      'a?b',
      'a#b',
      'é1',
      'a'.repeat(201),
    ])
      expect({ hostile, safe: isSafeRecordingReference(hostile) }).toEqual({ hostile, safe: false });
    expect(isSafeRecordingReference('a'.repeat(200))).toBe(true);
    expect(isSafeRecordingReference(42)).toBe(false);
  });
});
