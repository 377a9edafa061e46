import type { TopicModel } from './topic-model.js';
import { modelFeatures } from './topic-model.js';
import { wordsByStem } from './topic-text.js';
import type { TopicSuggester, TopicSuggestion } from './topic-suggester.js';

/** The model's share of a suggestion once it has learnt from enough enquiries; the rules keep the rest. */
export const MODEL_WEIGHT = 0.3;
/** Confirmed enquiries the model needs before it is used at all, and before it reaches its full share. */
export const MODEL_MINIMUM = 20;
export const MODEL_FULL_WEIGHT_AT = 200;

export function modelWeight(trainedOn: number): number {
  if (trainedOn < MODEL_MINIMUM) return 0;
  return MODEL_WEIGHT * Math.min(1, trainedOn / MODEL_FULL_WEIGHT_AT);
}

/**
 * The services most likely for a text: the keyword rules' shares of the evidence blended with the organisation's
 * own model (naive Bayes over its confirmed enquiries), once that has learnt enough. Nothing is suggested when
 * neither the rules nor any word the model has seen point anywhere. Reasons are the rules' words and phrases, then
 * the model's strongest words, as the text wrote them.
 */
export function blendedSuggestions(text: string, rules: TopicSuggester, model: TopicModel | undefined, limit = 3): TopicSuggestion[] {
  const fromRules = rules.suggest(text, Number.MAX_SAFE_INTEGER);
  const weight = model ? modelWeight(model.trainedOn) : 0;
  const features = model && weight > 0 ? modelFeatures(text) : [];
  const scored = model && weight > 0 && features.length > 0 ? model.score(features) : [];
  const modelKnowsAWord = scored.some((entry) => entry.reasons.length > 0);
  if (!modelKnowsAWord) return fromRules.slice(0, limit);
  // With no rule found, the model speaks alone.
  const ruleShare = fromRules.length > 0 ? 1 - weight : 0;
  const modelShare = fromRules.length > 0 ? weight : 1;
  const original = wordsByStem(text);
  const byService = new Map<string, { score: number; reasons: string[] }>();
  for (const suggestion of fromRules)
    byService.set(suggestion.service, { score: ruleShare * suggestion.confidence, reasons: [...suggestion.reasons] });
  for (const entry of scored) {
    const current = byService.get(entry.service) ?? { score: 0, reasons: [] };
    const words = entry.reasons
      .map((stem) => original.get(stem) ?? stem)
      .filter((word) => !current.reasons.some((reason) => reason.toLowerCase().includes(word)));
    byService.set(entry.service, { score: current.score + modelShare * entry.probability, reasons: [...current.reasons, ...words] });
  }
  return [...byService.entries()]
    .map(([service, { score, reasons }]) => ({ service, confidence: Number(score.toFixed(2)), reasons: reasons.slice(0, 5), score }))
    .filter((entry) => entry.reasons.length > 0)
    .sort((a, b) => b.score - a.score || a.service.localeCompare(b.service))
    .slice(0, limit)
    .map(({ service, confidence, reasons }) => ({ service, confidence, reasons }));
}
