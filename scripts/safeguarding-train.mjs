// `npm run safeguarding:train`: trains the danger model on test/fixtures/safeguarding/messages.json (never on
// a held-out set), chooses its threshold by cross-validation on the same messages and writes the weights beside
// the model, where the build and the service load them. Deterministic: the same corpus gives the same file.
// Runs from dist: `npm run build` first (the npm script does).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { CV_SEED, trainWithThreshold } from '../dist/src/safeguarding/detector/cross-validation.js';

const corpusPath = 'test/fixtures/safeguarding/messages.json';
const weightsPath = 'src/safeguarding/detector/danger-model.weights.json';
const corpusText = readFileSync(corpusPath, 'utf8');
const messages = JSON.parse(corpusText);
const weights = trainWithThreshold(messages, CV_SEED);
weights.training = {
  ...weights.training,
  corpus: corpusPath,
  corpusSha256: createHash('sha256').update(corpusText).digest('hex'),
  danger: messages.filter((message) => message.label === 'danger').length,
  everyday: messages.filter((message) => message.label === 'everyday').length,
  thresholdChosenBy: 'inner 4-fold cross-validation: most danger caught with phrases + model flagging at most 1.5 % of everyday messages',
};
// One feature per line: readable diffs when the corpus changes, and still compact.
const { table, ...rest } = weights;
const header = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
writeFileSync(weightsPath, `${header},\n  "table": [\n${table.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]\n}\n`);
console.log(`trained on ${messages.length} messages: ${table.length} features, threshold ${weights.threshold}; wrote ${weightsPath}`);
