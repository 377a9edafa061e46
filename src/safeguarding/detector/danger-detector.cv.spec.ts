import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { CV_FOLDS, CV_SEED, crossValidate, targetFailures, TARGETS, type LabelledMessage } from './cross-validation.js';
import { DANGER_KINDS } from './danger-kinds.js';

const fixture = (name: string): LabelledMessage[] =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/safeguarding/${name}`, import.meta.url), 'utf8'));

describe('the danger detector, cross-validated on the corpus', () => {
  const corpus = fixture('messages.json');
  // Cross-validation trains 25 models: run it once for both tests that read it.
  let crossValidation: ReturnType<typeof crossValidate> | undefined;
  const crossValidated = () => (crossValidation ??= crossValidate(corpus, CV_FOLDS, CV_SEED));

  it('has a corpus of at least 400 messages, half danger across every kind, each labelled consistently', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    const danger = corpus.filter((message) => message.label === 'danger');
    expect(danger.length / corpus.length).toBeGreaterThan(0.45);
    expect(danger.length / corpus.length).toBeLessThan(0.55);
    for (const message of corpus)
      expect(message.label === 'danger' ? DANGER_KINDS.includes(message.kind as never) : message.kind === 'none').toBe(true);
    for (const kind of DANGER_KINDS) expect(danger.filter((message) => message.kind === kind).length).toBeGreaterThanOrEqual(20);
  });

  it('holds each message once', () => {
    const texts = corpus.map((message) => message.text.toLowerCase());
    expect(texts.filter((text, at) => texts.indexOf(text) !== at)).toEqual([]);
  });

  it(`meets the targets in ${CV_FOLDS}-fold cross-validation: recall ≥ ${TARGETS.dangerRecall}, false alarms ≤ ${TARGETS.falseAlarmRate}, every kind ≥ ${TARGETS.kindRecall}`, () => {
    const { evaluation } = crossValidated();
    expect(evaluation.danger + evaluation.everyday).toBe(corpus.length);
    expect(targetFailures(evaluation)).toEqual([]);
  });

  it('fails the targets when the detector misses (the check can fail)', () => {
    const { evaluation } = crossValidated();
    const missingFire = {
      ...evaluation,
      byKind: { ...evaluation.byKind, fire: { ...evaluation.byKind.fire, rightKind: 0 } },
      recall: 0.9,
      falseAlarmRate: 0.05,
    };
    expect(targetFailures(missingFire)).toHaveLength(3);
  });
});
