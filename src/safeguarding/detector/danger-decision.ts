import { DANGER_KINDS, type DangerKind } from './danger-kinds.js';
import { DangerModel, type DangerModelWeights } from './danger-model.js';
import { normalisedWords } from './normalise.js';
import { matchPhraseFamilies } from './phrase-families.js';

export interface DangerDetection {
  danger: boolean;
  /** Empty when there is no danger; in the order of DANGER_KINDS. */
  kinds: DangerKind[];
}

/** What each half saw, for the report and the threshold search; the detector itself returns only DangerDetection. */
export interface DangerReading extends DangerDetection {
  phraseKinds: DangerKind[];
  pDanger: number;
  modelKind: DangerKind;
}

export type DangerDetector = (text: string) => DangerDetection;

/**
 * Either half may raise the flag: a phrase family (precise, explainable) or the model at or above its threshold
 * (general, catches wordings no family foresaw). The kinds are the phrase families' when any matched, otherwise the
 * model's most likely kind.
 */
export function readDanger(model: DangerModel, text: string, threshold = model.threshold): DangerReading {
  const words = normalisedWords(text);
  const hits = matchPhraseFamilies(words.join(' '), words);
  const phraseKinds = DANGER_KINDS.filter((kind) => hits.some((hit) => hit.kind === kind));
  const { pDanger, kind: modelKind } = model.read(words);
  const danger = phraseKinds.length > 0 || pDanger >= threshold;
  const kinds = phraseKinds.length > 0 ? phraseKinds : danger ? [modelKind] : [];
  return { danger, kinds, phraseKinds, pDanger, modelKind };
}

export function createDangerDetector(weights: DangerModelWeights): DangerDetector {
  const model = new DangerModel(weights);
  return (text) => {
    const { danger, kinds } = readDanger(model, text);
    return { danger, kinds };
  };
}
