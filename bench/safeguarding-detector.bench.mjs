// The safeguarding danger detector on long messages: median and p99 time to read a 2,000-character message
// (sentences of the corpus, danger and everyday alike, a third of longer words given a typo), beside a same-run
// baseline: one case-insensitive regular-expression scan of the same text for a dozen danger words.
import { readFileSync } from 'node:fs';
import { detectDanger } from '../dist/src/safeguarding/detector/danger-detector.js';
import { longMessages } from '../dist/src/safeguarding/detector/long-messages.js';
import { ratio } from './support.mjs';

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export const name = 'safeguarding-detector';
export const describe = 'detectDanger on 2,000-character messages against a bare regex scan of the same text';

const BARE =
  /\b(?:not breathing|unconscious|overdose|kill myself|suicide|hitting me|home alone|on fire|trapped|flood|breaking in|knife)\b/i;

function time(messages, read) {
  for (const message of messages.slice(0, 200)) read(message); // warm up the JIT
  const times = messages.map((message) => {
    const started = performance.now();
    read(message);
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b);
}

export async function run() {
  const corpus = JSON.parse(readFileSync('test/fixtures/safeguarding/messages.json', 'utf8'));
  const messages = longMessages(corpus, 5000, 2000, 7);
  const detector = time(messages, (text) => detectDanger(text));
  const bare = time(messages, (text) => BARE.test(text));
  const row = (figure, ours, base) => ({
    figure,
    'detectDanger (ms)': ours.toFixed(4),
    'bare regex (ms)': base.toFixed(4),
    ratio: ratio(ours, base),
    'ratio (unrounded)': Math.round(ours / base),
  });
  const median = percentile(detector, 0.5);
  return {
    // A time ratio (lower is better).
    ratios: { 'median time ÷ bare regex': ratio(median, percentile(bare, 0.5)) },
    table: [
      row('median per message', median, percentile(bare, 0.5)),
      row('p99 per message', percentile(detector, 0.99), percentile(bare, 0.99)),
    ],
    targets: [
      { figure: 'median time per 2,000-character message', target: '< 1 ms', observed: `${median.toFixed(3)} ms`, met: median < 1 },
    ],
    messages: messages.length,
  };
}
