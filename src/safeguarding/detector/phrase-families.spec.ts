import { describe, expect, it } from '@jest/globals';
import { normalise } from './normalise.js';
import { matchPhraseFamilies, PHRASE_FAMILIES } from './phrase-families.js';

const kindsOf = (text: string) => [...new Set(matchPhraseFamilies(normalise(text)).map((hit) => hit.kind))];

describe('phrase families of immediate danger', () => {
  it('has only global patterns (every match is read, not just the first)', () => {
    for (const family of PHRASE_FAMILIES) for (const pattern of family.patterns) expect(pattern.flags).toContain('g');
  });

  it('reads negation: the family’s own negation counts, a negation before it voids it', () => {
    expect(kindsOf('he is not breathing')).toEqual(['medical']);
    expect(kindsOf('she is breathing fine now')).toEqual([]);
    expect(kindsOf('nobody is threatening to stab anyone')).toEqual([]);
  });

  it('reads tense: the past is not an emergency', () => {
    expect(kindsOf('I have taken an overdose')).toEqual(['medical']);
    expect(kindsOf('I overdosed years ago and need help with my housing form')).toEqual([]);
    expect(kindsOf('there was a fire in the bin last week, it is out now')).toEqual([]);
    expect(kindsOf('the kitchen is on fire')).toEqual(['fire']);
    expect(kindsOf('my car was broken into last night')).toEqual([]);
    expect(kindsOf('someone is breaking into my car right now')).toEqual(['crime_in_progress']);
  });

  it('tells a question of policy from a child at risk', () => {
    expect(kindsOf('my child is home alone after school from 3:30 is that ok')).toEqual([]);
    expect(kindsOf('the kids next door have been left alone since yesterday')).toEqual(['child_at_risk']);
  });

  it('tells events about a subject from the subject happening', () => {
    expect(kindsOf('Do you run suicide prevention training?')).toEqual([]);
    expect(kindsOf('Is there a knife crime awareness event?')).toEqual([]);
    expect(kindsOf('he has a knife and says he will stab someone')).toEqual(['threat_to_others']);
  });

  it('reads danger in lay words, without the words fire, stroke or suicide', () => {
    expect(kindsOf('the curtains have gone up and the baby is upstairs')).toEqual(['fire']);
    expect(kindsOf('his mouth has gone lopsided and he can not lift his arm')).toEqual(['medical']);
    expect(kindsOf('she says her throat is closing up after eating a prawn')).toEqual(['medical']);
    expect(kindsOf('my brother gave away his dog and texted nice knowing you all')).toEqual(['suicide_self_harm']);
    expect(kindsOf('the water is up to the window sills and my dad can not walk')).toEqual(['flood']);
  });

  it('reads the same words used of something harmless', () => {
    expect(kindsOf('I can not breathe in this heat, the windows do not open')).toEqual([]);
    expect(kindsOf('bonfire smoke is pouring into my garden every weekend')).toEqual([]);
    expect(kindsOf('my boss will kill me if I am late again, when does the road reopen')).toEqual([]);
    expect(kindsOf('I get chest pains when I climb the stairs, can I move to the ground floor')).toEqual([]);
  });
});
