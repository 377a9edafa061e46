import { createDangerDetector, type DangerDetection } from './danger-decision.js';
import type { DangerModelWeights } from './danger-model.js';
import weights from './danger-model.weights.json' with { type: 'json' };

const detector = createDangerDetector(weights as DangerModelWeights);

/**
 * Whether the words of a message say someone may be in immediate danger, and of which kinds. Runs on this machine
 * only (no network, no model service), in well under a millisecond for a long e-mail. A flag is a prompt for a
 * person, never a decision: see docs/safeguarding-detector.md for what it misses.
 */
export function detectDanger(text: string): DangerDetection {
  return detector(text);
}

export type { DangerDetection } from './danger-decision.js';
