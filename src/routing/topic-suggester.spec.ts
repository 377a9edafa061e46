import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_TOPIC_RULES } from './topic-rules.js';
import { TopicSuggester } from './topic-suggester.js';
import { stem, topicTokens } from './topic-text.js';

const suggester = new TopicSuggester(Object.entries(DEFAULT_TOPIC_RULES).map(([service, keywords]) => ({ service, keywords })));
const top = (text: string) => suggester.suggest(text)[0]?.service;

describe('topic suggestion', () => {
  it('points typical enquiries to their service, with the words that led there', () => {
    expect(suggester.suggest('There is a massive pothole on Mill Lane outside the school')[0]).toMatchObject({
      service: 'highways',
      reasons: expect.arrayContaining(['pothole']),
    });
    expect(top('Can I get a blue badge for my dad? He cannot walk far')).toBe('blue-badge');
    expect(top('My son needs an EHCP assessment, his school says they cannot meet his special educational needs')).toBe('send-iass');
    expect(top('Our green bin was missed again this week')).toBe('waste-helpline');
    expect(top('I need a copy of my birth certificate for my passport')).toBe('certificate');
    expect(top('I want to register the death of my husband')).toBe('registration');
    expect(top('My bus pass has expired, how do I renew it')).toBe('nowcard');
    expect(top('The gritters have not been down our road and it is like an ice rink')).toBe('highways');
  });

  it('understands common misspellings and plurals', () => {
    expect(top('pot holes everywhere on the high street')).toBe('highways');
    expect(top('I lost my blue bage')).toBe('blue-badge');
    expect(top('when does the libary open on saturdays')).toBe('libraries');
    expect(top('need a certifcate copy')).toBe('certificate');
    expect(stem('potholes')).toBe(stem('pothole'));
    expect(stem('gritting')).toBe(stem('gritt'));
  });

  it('suggests nothing when nothing points anywhere, and confidences add up to at most one', () => {
    expect(suggester.suggest('hello')).toEqual([]);
    expect(suggester.suggest('')).toEqual([]);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const suggestions = suggester.suggest(text);
        expect(suggestions.length).toBeLessThanOrEqual(3);
        const total = suggestions.reduce((sum, suggestion) => sum + suggestion.confidence, 0);
        expect(total).toBeLessThanOrEqual(1.02);
        for (let i = 1; i < suggestions.length; i += 1)
          expect(suggestions[i - 1].confidence).toBeGreaterThanOrEqual(suggestions[i].confidence);
      }),
    );
  });

  it('tokenises any text without throwing, into lower-case stems', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const token of topicTokens(text)) expect(token).toMatch(/^[a-z0-9]+$/);
      }),
    );
    // Words that are also keys of every object's prototype.
    const prototypeWords = Object.getOwnPropertyNames(Object.prototype).filter((name) => /^[a-z]+$/i.test(name));
    for (const token of topicTokens(`The constructor left ${prototypeWords.join(' ')} by the road`)) expect(token).toMatch(/^[a-z0-9]+$/);
  });

  const FIXTURE = 'test/fixtures/routing/labelled-enquiries.json';
  (existsSync(FIXTURE) ? it : it.skip)(
    'is right first time for most of the labelled enquiries, and in the top three for nearly all (printed)',
    () => {
      const labelled = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { text: string; service: string }[];
      expect(labelled.length).toBeGreaterThanOrEqual(300);
      let first = 0;
      let three = 0;
      const misses: Record<string, number> = {};
      for (const { text, service } of labelled) {
        const suggested = suggester.suggest(text).map((suggestion) => suggestion.service);
        if (suggested[0] === service) first += 1;
        if (suggested.includes(service)) three += 1;
        else misses[service] = (misses[service] ?? 0) + 1;
      }
      const top1 = first / labelled.length;
      const top3 = three / labelled.length;
      console.log(
        `topic rules on ${labelled.length} labelled enquiries: top-1 ${(top1 * 100).toFixed(1)} %, top-3 ${(top3 * 100).toFixed(1)} %; misses by service ${JSON.stringify(misses)}`,
      );
      // The keyword rules alone; the statistical model trained on confirmed enquiries (issue 11) raises these.
      expect(top1).toBeGreaterThanOrEqual(0.75);
      expect(top3).toBeGreaterThanOrEqual(0.85);
    },
  );
});
