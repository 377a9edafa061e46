import { topicTokens } from './topic-text.js';

/** Words that say nothing about a topic: left out of the model (the rules never list them either). */
const STOP_WORDS = new Set(
  topicTokens(
    'the a an and or of to in on for is it my i me we our you your be been was were are am at by with this that there have has had not no can could would ' +
      'should will do does did from as so but if about what when how who which they them he she his her its us get got please need want just some any all',
  ),
);

/** The words of an enquiry the model learns from and reads: stems, no stop words, no numbers, none of `exclude`. */
export function modelFeatures(text: string, exclude: ReadonlySet<string> = new Set()): string[] {
  return [
    ...new Set(topicTokens(text).filter((token) => token.length > 1 && !STOP_WORDS.has(token) && !/\d/.test(token) && !exclude.has(token))),
  ];
}

/** What the model is made of: per service, how many confirmed enquiries, and in how many each word appeared. */
export interface TopicCounts {
  documents: Map<string, number>;
  words: Map<string, Map<string, number>>;
}

export function emptyCounts(): TopicCounts {
  return { documents: new Map(), words: new Map() };
}

/** Adds (or, with `by` −1, removes) one confirmed enquiry's words to its service's counts. */
export function countEnquiry(counts: TopicCounts, service: string, features: string[], by = 1): void {
  counts.documents.set(service, Math.max(0, (counts.documents.get(service) ?? 0) + by));
  const words = counts.words.get(service) ?? new Map<string, number>();
  for (const feature of features) words.set(feature, Math.max(0, (words.get(feature) ?? 0) + by));
  counts.words.set(service, words);
}

export interface ModelScore {
  service: string;
  probability: number;
  /** The enquiry's words that point most to the service. */
  reasons: string[];
}

/**
 * A multinomial naive Bayes classifier over the words of an organisation's own confirmed enquiries (Laplace
 * smoothing, each word counted once per enquiry). It learns what the keyword rules miss, in the organisation's own
 * words; it only ever ranks services for an advisor to choose from.
 */
export class TopicModel {
  private readonly vocabulary: number;
  private readonly totals = new Map<string, number>();
  readonly trainedOn: number;

  constructor(
    private readonly counts: TopicCounts,
    private readonly services: string[],
  ) {
    const vocabulary = new Set<string>();
    for (const [service, words] of counts.words) {
      let total = 0;
      for (const [word, n] of words) {
        if (n <= 0) continue;
        vocabulary.add(word);
        total += n;
      }
      this.totals.set(service, total);
    }
    this.vocabulary = Math.max(1, vocabulary.size);
    this.trainedOn = services.reduce((sum, service) => sum + (counts.documents.get(service) ?? 0), 0);
  }

  /** Every service's probability for the words given (summing to 1), best first. */
  score(features: string[]): ModelScore[] {
    const logs = this.services.map((service) => {
      const words = this.counts.words.get(service);
      const total = this.totals.get(service) ?? 0;
      let log = Math.log(((this.counts.documents.get(service) ?? 0) + 1) / (this.trainedOn + this.services.length));
      const evidence: [string, number][] = [];
      for (const feature of features) {
        const n = words?.get(feature) ?? 0;
        log += Math.log((n + 1) / (total + this.vocabulary));
        if (n > 0) evidence.push([feature, n / Math.max(1, this.counts.documents.get(service) ?? 1)]);
      }
      return {
        service,
        log,
        reasons: evidence
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([word]) => word),
      };
    });
    const max = Math.max(...logs.map((entry) => entry.log));
    const weights = logs.map((entry) => Math.exp(entry.log - max));
    const sum = weights.reduce((a, b) => a + b, 0);
    return logs
      .map((entry, i) => ({ service: entry.service, probability: weights[i] / sum, reasons: entry.reasons }))
      .sort((a, b) => b.probability - a.probability || a.service.localeCompare(b.service));
  }
}
