import { DANGER_KINDS, type DangerKind } from './danger-kinds.js';

/**
 * A small learnt model of immediate danger: multinomial logistic regression over word unigrams, word bigrams and
 * character 3- and 4-grams of each word, read from normalised text. Its classes are "none" and the nine kinds, so
 * one model gives both the probability of danger (1 − p(none)) and the most likely kind. Trained in the repository
 * (`npm run safeguarding:train`), deterministic for a given corpus and seed; its weights are a JSON file beside it.
 *
 * A long message is read in overlapping windows of WINDOW words and its probability of danger is the highest of
 * them: one sentence of danger in a long e-mail must not be outweighed by the paragraphs of ordinary words.
 */
export const MODEL_CLASSES = ['none', ...DANGER_KINDS] as const;
const CLASSES = MODEL_CLASSES.length;
const WINDOW = 40;
const STRIDE = 20;
const WEIGHT_SCALE = 1000;

export interface DangerModelWeights {
  format: 'signpost-danger-model/1';
  classes: string[];
  /** One row per feature: the feature, then its weight for each class multiplied by `scale` and rounded. */
  table: (string | number)[][];
  scale: number;
  bias: number[];
  /** p(danger) at or above which the model alone raises the flag; chosen in cross-validation (see training). */
  threshold: number;
  training: Record<string, unknown>;
}

export interface ModelReading {
  /** The probability that someone is in immediate danger: 1 − p(none), the highest over the message's windows. */
  pDanger: number;
  /** The most likely kind in the window read as most dangerous. */
  kind: DangerKind;
}

export interface TrainingExample {
  text: string; // normalised
  kind: DangerKind | 'none';
}

export interface TrainingOptions {
  seed: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** A feature is kept only if it occurs in at least this many training messages. */
  minDocumentFrequency?: number;
}

/** Feature strings of one word position: the word, the bigram it starts and its character 3- and 4-grams. */
function positionFeatures(words: readonly string[], at: number, into: string[]): void {
  const word = words[at];
  into.push(`w ${word}`);
  if (at + 1 < words.length) into.push(`b ${word} ${words[at + 1]}`);
  const padded = `<${word}>`;
  for (let size = 3; size <= 4; size++) for (let start = 0; start + size <= padded.length; start++) into.push(`c ${padded.slice(start, start + size)}`);
}

export function featuresOf(normalised: string): string[] {
  const words = normalised.length === 0 ? [] : normalised.split(' ');
  const features: string[] = [];
  for (let at = 0; at < words.length; at++) positionFeatures(words, at, features);
  return features;
}

/** Deterministic pseudo-random numbers (mulberry32), so training and folds repeat exactly for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += scores[c] = Math.exp(scores[c] - max);
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
}

/** Trains the model on normalised examples. The threshold is left at 0.5: the caller chooses it in cross-validation. */
export function trainDangerModel(examples: readonly TrainingExample[], options: TrainingOptions): DangerModelWeights {
  const { seed, epochs = 30, learningRate = 0.6, l2 = 1e-5, minDocumentFrequency = 2 } = options;
  const documentFrequency = new Map<string, number>();
  const featureLists = examples.map((example) => featuresOf(example.text));
  for (const features of featureLists) for (const feature of new Set(features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  const vocabulary = [...documentFrequency].filter(([, count]) => count >= minDocumentFrequency).map(([feature]) => feature).sort();
  const index = new Map(vocabulary.map((feature, at) => [feature, at]));
  const documents = featureLists.map((features, at) => {
    const counts = new Map<number, number>();
    for (const feature of features) {
      const id = index.get(feature);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const norm = 1 / Math.sqrt(Math.max(1, features.length));
    return { ids: [...counts.keys()], values: [...counts.values()].map((count) => count * norm), label: MODEL_CLASSES.indexOf(examples[at].kind) };
  });
  const weights = new Float64Array(vocabulary.length * CLASSES);
  const bias = new Float64Array(CLASSES);
  const random = seededRandom(seed);
  const order = documents.map((_, at) => at);
  const scores = new Float64Array(CLASSES);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    const rate = learningRate / (1 + epoch / 5);
    for (const at of order) {
      const { ids, values, label } = documents[at];
      scores.set(bias);
      for (let j = 0; j < ids.length; j++) {
        const base = ids[j] * CLASSES;
        for (let c = 0; c < CLASSES; c++) scores[c] += weights[base + c] * values[j];
      }
      softmaxInPlace(scores);
      for (let c = 0; c < CLASSES; c++) {
        const gradient = scores[c] - (c === label ? 1 : 0);
        bias[c] -= rate * gradient;
        for (let j = 0; j < ids.length; j++) {
          const slot = ids[j] * CLASSES + c;
          weights[slot] -= rate * (gradient * values[j] + l2 * weights[slot]);
        }
      }
    }
  }
  // Features whose every weight rounds to zero add nothing: drop them to keep the file small.
  const kept: number[] = [];
  for (let f = 0; f < vocabulary.length; f++) {
    let useful = false;
    for (let c = 0; c < CLASSES; c++) if (Math.round(weights[f * CLASSES + c] * WEIGHT_SCALE) !== 0) useful = true;
    if (useful) kept.push(f);
  }
  return {
    format: 'signpost-danger-model/1',
    classes: [...MODEL_CLASSES],
    table: kept.map((f) => [vocabulary[f], ...Array.from(weights.subarray(f * CLASSES, (f + 1) * CLASSES), (weight) => Math.round(weight * WEIGHT_SCALE))]),
    scale: WEIGHT_SCALE,
    bias: Array.from(bias, (value) => Math.round(value * WEIGHT_SCALE) / WEIGHT_SCALE),
    threshold: 0.5,
    training: { seed, epochs, learningRate, l2, minDocumentFrequency, messages: examples.length },
  };
}

/** Words whose context-free contribution (the word and its character n-grams) is remembered between messages. */
const WORD_CACHE_LIMIT = 20_000;

export class DangerModel {
  private readonly rows = new Map<string, number>();
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;
  /** Per word: its unigram and character n-gram weights summed per class, then how many features it has. */
  private readonly wordCache = new Map<string, Float64Array>();
  readonly threshold: number;

  constructor(model: DangerModelWeights) {
    if (model.format !== 'signpost-danger-model/1' || model.classes.join() !== MODEL_CLASSES.join() || model.table.some((row) => row.length !== CLASSES + 1)) {
      throw new Error('danger model weights do not match this version of the detector: run npm run safeguarding:train');
    }
    this.weights = new Float64Array(model.table.length * CLASSES);
    model.table.forEach(([feature, ...weights], at) => {
      this.rows.set(String(feature), at);
      weights.forEach((weight, c) => (this.weights[at * CLASSES + c] = Number(weight) / model.scale));
    });
    this.bias = Float64Array.from(model.bias);
    this.threshold = model.threshold;
  }

  private addRow(feature: string, into: Float64Array, offset: number): void {
    const row = this.rows.get(feature);
    if (row === undefined) return;
    const base = row * CLASSES;
    for (let c = 0; c < CLASSES; c++) into[offset + c] += this.weights[base + c];
  }

  /** The same features as positionFeatures, less the bigram, summed once per distinct word. */
  private wordContribution(word: string): Float64Array {
    let cached = this.wordCache.get(word);
    if (cached !== undefined) return cached;
    cached = new Float64Array(CLASSES + 1);
    this.addRow(`w ${word}`, cached, 0);
    const padded = `<${word}>`;
    let features = 1;
    for (let size = 3; size <= 4; size++) {
      for (let start = 0; start + size <= padded.length; start++) {
        this.addRow(`c ${padded.slice(start, start + size)}`, cached, 0);
        features++;
      }
    }
    cached[CLASSES] = features;
    if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
    this.wordCache.set(word, cached);
    return cached;
  }

  read(normalised: string): ModelReading {
    const words = normalised.length === 0 ? [] : normalised.split(' ');
    // Running sums over word positions of the class weights and of the number of features; a window is a difference.
    const sums = new Float64Array((words.length + 1) * CLASSES);
    const counts = new Float64Array(words.length + 1);
    for (let at = 0; at < words.length; at++) {
      const row = (at + 1) * CLASSES;
      const word = this.wordContribution(words[at]);
      for (let c = 0; c < CLASSES; c++) sums[row + c] = sums[at * CLASSES + c] + word[c];
      let features = word[CLASSES];
      if (at + 1 < words.length) {
        this.addRow(`b ${words[at]} ${words[at + 1]}`, sums, row);
        features++;
      }
      counts[at + 1] = counts[at] + features;
    }
    const scores = new Float64Array(CLASSES);
    let best: ModelReading = { pDanger: 0, kind: DANGER_KINDS[0] };
    let first = true;
    for (let start = 0; first || start + WINDOW - STRIDE < words.length; start += STRIDE) {
      const from = Math.max(0, Math.min(start, words.length - WINDOW));
      const to = Math.min(words.length, from + WINDOW);
      const norm = 1 / Math.sqrt(Math.max(1, counts[to] - counts[from]));
      for (let c = 0; c < CLASSES; c++) scores[c] = this.bias[c] + (sums[to * CLASSES + c] - sums[from * CLASSES + c]) * norm;
      softmaxInPlace(scores);
      const pDanger = 1 - scores[0];
      if (first || pDanger > best.pDanger) {
        let kind = 1;
        for (let c = 2; c < CLASSES; c++) if (scores[c] > scores[kind]) kind = c;
        best = { pDanger, kind: MODEL_CLASSES[kind] as DangerKind };
      }
      first = false;
      if (to >= words.length) break;
    }
    return best;
  }
}
