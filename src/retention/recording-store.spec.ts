import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { recordingUrl } from './recording-store.js';

const slug = fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 }).map((words) => words.join('-'));
const safeReference = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/);

describe('a recording is addressed only under its own organisation’s prefix (rule: one organisation cannot reach another’s recordings)', () => {
  it('puts every accepted reference one segment below the organisation, which the URL parser leaves as it is', () => {
    fc.assert(
      fc.property(
        slug,
        safeReference,
        fc.constantFrom('https://store.example/recordings', 'https://store.example/recordings/', 'http://127.0.0.1:9/a/b'),
        (organisation, ref, base) => {
          const url = recordingUrl(base, organisation, ref) as string;
          const prefix = `${new URL(base).pathname.replace(/\/+$/, '')}/${organisation}/`;
          expect(new URL(url).pathname).toBe(`${prefix}${encodeURIComponent(ref)}`);
          expect(decodeURIComponent(new URL(url).pathname.slice(prefix.length))).toBe(ref);
        },
      ),
    );
  });

  it('gives no URL at all for a reference or slug that could leave its segment', () => {
    for (const ref of ['.', '..', 'a/b', '%2e%2e', '../other-council/rec-1', ''])
      expect(recordingUrl('https://store.example/recordings', 'lancashire', ref)).toBeUndefined();
    for (const organisation of ['..', 'a/b', 'Lancashire', ''])
      expect(recordingUrl('https://store.example/recordings', organisation, 'rec-1')).toBeUndefined();
    expect(recordingUrl('https://store.example/recordings/', 'milton-keynes', 'urn:rec:1')).toBe(
      'https://store.example/recordings/milton-keynes/urn%3Arec%3A1',
    );
  });
});
