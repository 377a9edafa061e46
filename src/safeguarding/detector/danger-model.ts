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
  for (let size = 3; size <= 4; size++)
    for (let start = 0; start + size <= padded.length; start++) into.push(`c ${padded.slice(start, start + size)}`);
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
  for (const features of featureLists)
    for (const feature of new Set(features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  const vocabulary = [...documentFrequency]
    .filter(([, count]) => count >= minDocumentFrequency)
    .map(([feature]) => feature)
    .sort();
  const index = new Map(vocabulary.map((feature, at) => [feature, at]));
  const documents = featureLists.map((features, at) => {
    const counts = new Map<number, number>();
    for (const feature of features) {
      const id = index.get(feature);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const norm = 1 / Math.sqrt(Math.max(1, features.length));
    return {
      ids: [...counts.keys()],
      values: [...counts.values()].map((count) => count * norm),
      label: MODEL_CLASSES.indexOf(examples[at].kind),
    };
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
    table: kept.map((f) => [
      vocabulary[f],
      ...Array.from(weights.subarray(f * CLASSES, (f + 1) * CLASSES), (weight) => Math.round(weight * WEIGHT_SCALE)),
    ]),
    scale: WEIGHT_SCALE,
    bias: Array.from(bias, (value) => Math.round(value * WEIGHT_SCALE) / WEIGHT_SCALE),
    threshold: 0.5,
    training: { seed, epochs, learningRate, l2, minDocumentFrequency, messages: examples.length },
  };
}

/** Words whose context-free contribution (the word and its character n-grams) is remembered between messages. */
const WORD_CACHE_LIMIT = 20_000;

/**
 * Features are looked up by two independent 32-bit hashes of their text (FNV-1a and a multiply-xorshift), computed
 * from character codes as the words are read, so reading a message builds no feature strings. Two features of the
 * weights file with the same pair of hashes are refused when the model loads; an unseen feature sharing both
 * hashes with a known one (odds about 1 in 2^64 per feature) would borrow its weights.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MIX_OFFSET = 0x2545f491;
const MIX_PRIME = 0x5bd1e995;

class FeatureHash {
  first = FNV_OFFSET;
  second = MIX_OFFSET;

  reset(): this {
    this.first = FNV_OFFSET;
    this.second = MIX_OFFSET;
    return this;
  }

  code(code: number): this {
    this.first = Math.imul(this.first ^ code, FNV_PRIME);
    const mixed = Math.imul(this.second ^ code, MIX_PRIME);
    this.second = mixed ^ (mixed >>> 15);
    return this;
  }

  text(text: string): this {
    for (let at = 0; at < text.length; at++) this.code(text.charCodeAt(at));
    return this;
  }
}

/** Open addressing from a feature's pair of hashes to its row of weights. */
class FeatureTable {
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;

  constructor(features: readonly string[]) {
    let size = 16;
    while (size < features.length * 2) size *= 2;
    this.mask = size - 1;
    this.firsts = new Int32Array(size);
    this.seconds = new Int32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    const hash = new FeatureHash();
    features.forEach((feature, row) => {
      hash.reset().text(feature);
      let slot = hash.first & this.mask;
      while (this.rows[slot] !== -1) {
        if (this.firsts[slot] === hash.first && this.seconds[slot] === hash.second)
          throw new Error('two danger model features share a hash: change MIX_OFFSET');
        slot = (slot + 1) & this.mask;
      }
      this.firsts[slot] = hash.first;
      this.seconds[slot] = hash.second;
      this.rows[slot] = row;
    });
  }

  /** The row of the feature hashed, or −1. */
  row(hash: FeatureHash): number {
    for (let slot = hash.first & this.mask; ; slot = (slot + 1) & this.mask) {
      const row = this.rows[slot];
      if (row === -1 || (this.firsts[slot] === hash.first && this.seconds[slot] === hash.second)) return row;
    }
  }
}

const SPACE = 32;
const CHAR_GRAM_START = 60; // "<"
const CHAR_GRAM_END = 62; // ">"
/** The hash state after "w ", "b " and "c ", the feature prefixes. */
const AFTER = { w: new FeatureHash().text('w '), b: new FeatureHash().text('b '), c: new FeatureHash().text('c ') };

export class DangerModel {
  private readonly table: FeatureTable;
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;
  /**
   * Per word: its unigram and character n-gram weights summed per class, how many features it has, and whether it
   * is the first (bit 1) or second (bit 2) word of any known bigram: a bigram is looked up only when both are so.
   */
  private readonly wordCache = new Map<string, Float64Array>();
  private readonly bigramFirsts = new Set<string>();
  private readonly bigramSeconds = new Set<string>();
  private readonly hash = new FeatureHash();
  /** Running sums, reused between messages and grown when a longer message comes. */
  private sums = new Float64Array(0);
  private counts = new Float64Array(0);
  private readonly scores = new Float64Array(CLASSES);
  private readonly padded = new Uint16Array(64);
  readonly threshold: number;

  constructor(model: DangerModelWeights) {
    if (
      model.format !== 'signpost-danger-model/1' ||
      model.classes.join() !== MODEL_CLASSES.join() ||
      model.table.some((row) => row.length !== CLASSES + 1)
    ) {
      throw new Error('danger model weights do not match this version of the detector: run npm run safeguarding:train');
    }
    this.weights = new Float64Array(model.table.length * CLASSES);
    model.table.forEach(([, ...weights], at) =>
      weights.forEach((weight, c) => (this.weights[at * CLASSES + c] = Number(weight) / model.scale)),
    );
    this.table = new FeatureTable(model.table.map(([feature]) => String(feature)));
    for (const [feature] of model.table) {
      const [type, first, second] = String(feature).split(' ');
      if (type !== 'b') continue;
      this.bigramFirsts.add(first);
      this.bigramSeconds.add(second);
    }
    this.bias = Float64Array.from(model.bias);
    this.threshold = model.threshold;
  }

  /** Adds the weights of the feature in `hash`, if known, to `into` at `offset`. */
  private addHashed(into: Float64Array, offset: number): void {
    const row = this.table.row(this.hash);
    if (row === -1) return;
    const base = row * CLASSES;
    for (let c = 0; c < CLASSES; c++) into[offset + c] += this.weights[base + c];
  }

  private start(prefix: FeatureHash): FeatureHash {
    this.hash.first = prefix.first;
    this.hash.second = prefix.second;
    return this.hash;
  }

  /** The same features as positionFeatures, less the bigram, summed once per distinct word. */
  private wordContribution(word: string): Float64Array {
    let cached = this.wordCache.get(word);
    if (cached !== undefined) return cached;
    cached = new Float64Array(CLASSES + 2);
    this.start(AFTER.w).text(word);
    this.addHashed(cached, 0);
    const length = word.length + 2;
    const padded = length <= this.padded.length ? this.padded : new Uint16Array(length);
    padded[0] = CHAR_GRAM_START;
    for (let at = 0; at < word.length; at++) padded[at + 1] = word.charCodeAt(at);
    padded[length - 1] = CHAR_GRAM_END;
    let features = 1;
    for (let size = 3; size <= 4; size++) {
      for (let from = 0; from + size <= length; from++) {
        const hash = this.start(AFTER.c);
        for (let at = from; at < from + size; at++) hash.code(padded[at]);
        this.addHashed(cached, 0);
        features++;
      }
    }
    cached[CLASSES] = features;
    cached[CLASSES + 1] = (this.bigramFirsts.has(word) ? 1 : 0) | (this.bigramSeconds.has(word) ? 2 : 0);
    if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
    this.wordCache.set(word, cached);
    return cached;
  }

  /** Reads the words of a normalised text (normalisedWords, or the text split at its spaces). */
  read(words: readonly string[]): ModelReading {
    if (this.counts.length < words.length + 1) {
      this.sums = new Float64Array((words.length + 1) * 2 * CLASSES);
      this.counts = new Float64Array((words.length + 1) * 2);
    }
    // Running sums over word positions of the class weights and of the number of features; a window is a difference.
    const { sums, counts, scores } = this;
    let next = words.length > 0 ? this.wordContribution(words[0]) : undefined;
    for (let at = 0; at < words.length; at++) {
      const row = (at + 1) * CLASSES;
      const word = next as Float64Array;
      next = at + 1 < words.length ? this.wordContribution(words[at + 1]) : undefined;
      for (let c = 0; c < CLASSES; c++) sums[row + c] = sums[at * CLASSES + c] + word[c];
      let features = word[CLASSES];
      if (next !== undefined) {
        if ((word[CLASSES + 1] & 1) !== 0 && (next[CLASSES + 1] & 2) !== 0) {
          this.start(AFTER.b)
            .text(words[at])
            .code(SPACE)
            .text(words[at + 1]);
          this.addHashed(sums, row);
        }
        features++;
      }
      counts[at + 1] = counts[at] + features;
    }
    let bestDanger = 0;
    let bestKind = 1;
    let first = true;
    for (let start = 0; first || start + WINDOW - STRIDE < words.length; start += STRIDE) {
      const from = Math.max(0, Math.min(start, words.length - WINDOW));
      const to = Math.min(words.length, from + WINDOW);
      const norm = 1 / Math.sqrt(Math.max(1, counts[to] - counts[from]));
      for (let c = 0; c < CLASSES; c++) scores[c] = this.bias[c] + (sums[to * CLASSES + c] - sums[from * CLASSES + c]) * norm;
      softmaxInPlace(scores);
      const pDanger = 1 - scores[0];
      if (first || pDanger > bestDanger) {
        let kind = 1;
        for (let c = 2; c < CLASSES; c++) if (scores[c] > scores[kind]) kind = c;
        bestDanger = pDanger;
        bestKind = kind;
      }
      first = false;
      if (to >= words.length) break;
    }
    return { pDanger: bestDanger, kind: MODEL_CLASSES[bestKind] as DangerKind };
  }
}
