// `npm run safeguarding:report`: how well the danger detector does, measured honestly.
//  1. Stratified k-fold cross-validation on test/fixtures/safeguarding/messages.json (fixed seed): the model is
//     trained and its threshold chosen on k−1 folds only, then the whole detector reads the remaining fold.
//  2. The held-out set, test/fixtures/safeguarding/held-out-2.json, when it is present: read by the detector
//     trained on all the corpus (the committed weights), reported and never a gate. It is written apart from the
//     detector, never used to train or tune anything, and scored once by the lead: do not run this report against
//     it while working on the detector.
// Prints recall on danger, the false-alarm rate on everyday messages and recall by kind; exits non-zero when the
// cross-validation misses a target or the committed weights were trained on another version of the corpus.
// `--mistakes` also prints the messages got wrong (fixture text, never live messages).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  CV_FOLDS,
  CV_SEED,
  crossValidate,
  evaluate,
  percent,
  TARGETS,
  targetFailures,
} from '../dist/src/safeguarding/detector/cross-validation.js';
import { detectDanger } from '../dist/src/safeguarding/detector/danger-detector.js';
import { DANGER_KINDS } from '../dist/src/safeguarding/detector/danger-kinds.js';

const corpusText = readFileSync('test/fixtures/safeguarding/messages.json', 'utf8');
const corpus = JSON.parse(corpusText);
const heldOutPath = 'test/fixtures/safeguarding/held-out-2.json';
const weights = JSON.parse(readFileSync('src/safeguarding/detector/danger-model.weights.json', 'utf8'));
const showMistakes = process.argv.includes('--mistakes');

function print(title, evaluation) {
  console.log(`\n${title}`);
  console.log(
    `  danger recall     ${percent(evaluation.recall)} (${evaluation.dangerFlagged}/${evaluation.danger})   target ≥ ${percent(TARGETS.dangerRecall)}`,
  );
  console.log(
    `  false alarms      ${percent(evaluation.falseAlarmRate)} (${evaluation.everydayFlagged}/${evaluation.everyday})   target ≤ ${percent(TARGETS.falseAlarmRate)}`,
  );
  console.table(
    Object.fromEntries(
      DANGER_KINDS.map((kind) => {
        const { messages, flagged, rightKind } = evaluation.byKind[kind];
        return [
          kind,
          {
            messages,
            flagged: percent(flagged / Math.max(1, messages)),
            'flagged, right kind': percent(rightKind / Math.max(1, messages)),
          },
        ];
      }),
    ),
  );
  if (showMistakes)
    for (const mistake of evaluation.mistakes)
      console.log(
        `  ${mistake.kind === 'none' ? 'false alarm' : mistake.flagged ? `wrong kind (${mistake.kinds.join(', ')})` : 'missed'} [${mistake.kind}] ${mistake.text}`,
      );
}

const started = performance.now();
const { evaluation: cv, thresholds } = crossValidate(corpus, CV_FOLDS, CV_SEED);
print(
  `Cross-validation: ${CV_FOLDS} stratified folds, seed ${CV_SEED}, ${corpus.length} messages; fold thresholds ${thresholds.join(', ')} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  cv,
);
if (existsSync(heldOutPath)) {
  const heldOut = JSON.parse(readFileSync(heldOutPath, 'utf8'));
  const held = evaluate(detectDanger, heldOut);
  print(`Held-out set: ${heldOut.length} messages, detector trained on all ${corpus.length} (threshold ${weights.threshold})`, held);
  const heldFailures = targetFailures(held);
  if (heldFailures.length > 0) console.log(`Held-out set (reported, not a gate: it must never be tuned to): ${heldFailures.join('; ')}`);
} else console.log(`\nNo held-out set (${heldOutPath}): cross-validation only.`);

const failures = targetFailures(cv);
const stale = weights.training?.corpusSha256 !== createHash('sha256').update(corpusText).digest('hex');
if (stale) console.log('\nThe committed weights were trained on another version of messages.json: run npm run safeguarding:train');
console.log(failures.length === 0 ? '\nCross-validation meets every target.' : `\nCross-validation misses: ${failures.join('; ')}`);
process.exitCode = failures.length > 0 || stale ? 1 : 0;
