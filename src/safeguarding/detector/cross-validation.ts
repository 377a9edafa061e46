import { DANGER_KINDS, type DangerKind } from './danger-kinds.js';
import { readDanger, type DangerReading } from './danger-decision.js';
import { DangerModel, seededRandom, shuffleInPlace, trainDangerModel, type DangerModelWeights } from './danger-model.js';
import { normalise } from './normalise.js';

/** One message of the corpus or the held-out set (test/fixtures/safeguarding/*.json). */
export interface LabelledMessage {
  text: string;
  label: 'danger' | 'everyday';
  kind: DangerKind | 'none';
}

/** The issue's targets: what cross-validation must reach for the detector to ship. */
export const TARGETS = { dangerRecall: 0.95, falseAlarmRate: 0.03, kindRecall: 0.9 } as const;
export const CV_FOLDS = 5;
export const CV_SEED = 20;
const INNER_FOLDS = 4;
/** The largest share of everyday messages the model alone may flag in the threshold search. */
const THRESHOLD_FALSE_ALARM_BUDGET = 0.015;

export interface KindFigures {
  messages: number;
  /** Flagged as danger at all. */
  flagged: number;
  /** Flagged and this kind among the kinds given. */
  rightKind: number;
}

export interface Evaluation {
  danger: number;
  everyday: number;
  dangerFlagged: number;
  everydayFlagged: number;
  recall: number;
  falseAlarmRate: number;
  byKind: Record<DangerKind, KindFigures>;
  /** Messages got wrong, for the report (never logged by the service). */
  mistakes: { text: string; kind: string; flagged: boolean; kinds: DangerKind[] }[];
}

/** Folds of message indices, each kind spread evenly across them; the same for the same seed. */
export function stratifiedFolds(messages: readonly LabelledMessage[], folds: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const result: number[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const kind of ['none', ...DANGER_KINDS]) {
    const members = shuffleInPlace(
      messages.flatMap((message, at) => (message.kind === kind ? [at] : [])),
      random,
    );
    for (const at of members) result[next++ % folds].push(at);
  }
  return result.map((fold) => fold.sort((a, b) => a - b));
}

const examplesOf = (messages: readonly LabelledMessage[]) =>
  messages.map((message) => ({ text: normalise(message.text), kind: message.kind }));

/**
 * The model threshold: out-of-fold readings of the training messages (inner cross-validation, so the model never
 * scores a message it was trained on), then the threshold that catches the most danger while the model and the
 * phrases together flag no more than THRESHOLD_FALSE_ALARM_BUDGET of everyday messages; the middle of the tied
 * range, not its edge.
 */
export function chooseThreshold(readings: readonly { reading: DangerReading; danger: boolean }[]): number {
  const candidates: { threshold: number; recall: number; falseAlarms: number }[] = [];
  const danger = readings.filter((r) => r.danger).length;
  const everyday = readings.length - danger;
  for (let step = 5; step <= 95; step++) {
    const threshold = step / 100;
    let caught = 0;
    let falseAlarms = 0;
    for (const { reading, danger: isDanger } of readings) {
      const flagged = reading.phraseKinds.length > 0 || reading.pDanger >= threshold;
      if (flagged && isDanger) caught++;
      if (flagged && !isDanger) falseAlarms++;
    }
    candidates.push({ threshold, recall: caught / Math.max(1, danger), falseAlarms: falseAlarms / Math.max(1, everyday) });
  }
  const least = Math.min(...candidates.map((c) => c.falseAlarms));
  const allowed = candidates.filter((c) => c.falseAlarms <= Math.max(THRESHOLD_FALSE_ALARM_BUDGET, least));
  const bestRecall = Math.max(...allowed.map((c) => c.recall));
  const tied = allowed.filter((c) => c.recall === bestRecall);
  return tied[Math.floor((tied.length - 1) / 2)].threshold;
}

/** Trains on all the messages given, with its threshold chosen by inner cross-validation on the same messages. */
export function trainWithThreshold(messages: readonly LabelledMessage[], seed: number): DangerModelWeights {
  const readings: { reading: DangerReading; danger: boolean }[] = [];
  for (const fold of stratifiedFolds(messages, INNER_FOLDS, seed + 1)) {
    const inFold = new Set(fold);
    const model = new DangerModel(trainDangerModel(examplesOf(messages.filter((_, at) => !inFold.has(at))), { seed }));
    for (const at of fold) readings.push({ reading: readDanger(model, messages[at].text), danger: messages[at].label === 'danger' });
  }
  const weights = trainDangerModel(examplesOf(messages), { seed });
  return { ...weights, threshold: chooseThreshold(readings) };
}

export function evaluate(detect: (text: string) => DangerVerdict, messages: readonly LabelledMessage[]): Evaluation {
  return evaluatePredictions(
    messages,
    messages.map((message) => detect(message.text)),
  );
}

type DangerVerdict = { danger: boolean; kinds: DangerKind[] };

function evaluatePredictions(messages: readonly LabelledMessage[], predictions: readonly DangerVerdict[]): Evaluation {
  const byKind = Object.fromEntries(DANGER_KINDS.map((kind) => [kind, { messages: 0, flagged: 0, rightKind: 0 }])) as Record<
    DangerKind,
    KindFigures
  >;
  const evaluation: Evaluation = {
    danger: 0,
    everyday: 0,
    dangerFlagged: 0,
    everydayFlagged: 0,
    recall: 0,
    falseAlarmRate: 0,
    byKind,
    mistakes: [],
  };
  messages.forEach((message, at) => {
    const { danger, kinds } = predictions[at];
    if (message.label === 'danger' && message.kind !== 'none') {
      evaluation.danger++;
      const figures = byKind[message.kind];
      figures.messages++;
      if (danger) {
        evaluation.dangerFlagged++;
        figures.flagged++;
      }
      if (danger && kinds.includes(message.kind)) figures.rightKind++;
      else evaluation.mistakes.push({ text: message.text, kind: message.kind, flagged: danger, kinds });
    } else {
      evaluation.everyday++;
      if (danger) {
        evaluation.everydayFlagged++;
        evaluation.mistakes.push({ text: message.text, kind: 'none', flagged: true, kinds });
      }
    }
  });
  evaluation.recall = evaluation.dangerFlagged / Math.max(1, evaluation.danger);
  evaluation.falseAlarmRate = evaluation.everydayFlagged / Math.max(1, evaluation.everyday);
  return evaluation;
}

/**
 * k-fold cross-validation of the whole detector: for each fold, the model is trained (and its threshold chosen) on
 * the other folds only, then the detector reads the fold. The phrase families are fixed text, written by reading
 * the corpus: their share of these figures is optimistic, which is why the held-out set exists.
 */
export function crossValidate(
  messages: readonly LabelledMessage[],
  folds = CV_FOLDS,
  seed = CV_SEED,
): { evaluation: Evaluation; thresholds: number[] } {
  const predictions: DangerVerdict[] = new Array(messages.length);
  const thresholds: number[] = [];
  for (const fold of stratifiedFolds(messages, folds, seed)) {
    const inFold = new Set(fold);
    const weights = trainWithThreshold(
      messages.filter((_, at) => !inFold.has(at)),
      seed,
    );
    thresholds.push(weights.threshold);
    const model = new DangerModel(weights);
    for (const at of fold) {
      const { danger, kinds } = readDanger(model, messages[at].text);
      predictions[at] = { danger, kinds };
    }
  }
  return { evaluation: evaluatePredictions(messages, predictions), thresholds };
}

/** The targets an evaluation misses, in words; empty when all are met. Kind recall counts the right kind given. */
export function targetFailures(evaluation: Evaluation): string[] {
  const failures: string[] = [];
  if (evaluation.recall < TARGETS.dangerRecall)
    failures.push(`danger recall ${percent(evaluation.recall)} < ${percent(TARGETS.dangerRecall)}`);
  if (evaluation.falseAlarmRate > TARGETS.falseAlarmRate)
    failures.push(`false alarms ${percent(evaluation.falseAlarmRate)} > ${percent(TARGETS.falseAlarmRate)}`);
  for (const kind of DANGER_KINDS) {
    const figures = evaluation.byKind[kind];
    const recall = figures.rightKind / Math.max(1, figures.messages);
    if (figures.messages > 0 && recall < TARGETS.kindRecall)
      failures.push(`${kind} recall ${percent(recall)} < ${percent(TARGETS.kindRecall)}`);
  }
  return failures;
}

export const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
