// Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"):
// the frames with the most self time, and the files whose functions hold the most, as shares of the samples.
//   node bench/profile-top.mjs FILE.cpuprofile [N] [FROM-TO]
// FROM-TO (seconds from the profile's start, e.g. 60-90) keeps the samples of one phase of a run; without it a
// timeline of busy (not idle) shares per 5 s is printed first, to find the phases.
import { readFileSync } from 'node:fs';

const [file, count = '25', window] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-top.mjs FILE.cpuprofile [N] [FROM-TO]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const [from, to] = window ? window.split('-').map(Number) : [0, Infinity];
const selfSamples = new Map();
const timeline = [];
let at = 0;
let total = 0;
profile.samples.forEach((id, index) => {
  at += profile.timeDeltas[index] / 1e6;
  const bucket = (timeline[Math.floor(at / 5)] ??= { samples: 0, idle: 0 });
  bucket.samples += 1;
  if (byId.get(id).callFrame.functionName === '(idle)') bucket.idle += 1;
  if (at < from || at >= to) return;
  total += 1;
  selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
});
if (!window) {
  console.log('busy share per 5 s:');
  console.log(
    timeline.map((bucket, i) => `${i * 5}s:${bucket ? Math.round((100 * (bucket.samples - bucket.idle)) / bucket.samples) : 0}%`).join(' '),
  );
}

const where = ({ callFrame: frame }) => {
  const url = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '~/')
    .replace(process.cwd() + '/', '');
  return url ? `${url}:${frame.lineNumber + 1}` : '';
};
const frames = new Map();
const files = new Map();
for (const [id, samples] of selfSamples) {
  const node = byId.get(id);
  const key = `${node.callFrame.functionName || '(anonymous)'} ${where(node)}`.trim();
  frames.set(key, (frames.get(key) ?? 0) + samples);
  const url = where(node).replace(/:\d+$/, '') || node.callFrame.functionName;
  const group = url.startsWith('~/')
    ? url
        .split('/')
        .slice(0, url.startsWith('~/@') ? 3 : 2)
        .join('/')
    : url;
  files.set(group, (files.get(group) ?? 0) + samples);
}
const share = (samples) => `${((100 * samples) / total).toFixed(1)} %`;
const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(count));
const seconds = (profile.endTime - profile.startTime) / 1e6;
console.log(`${file}: ${total} samples${window ? ` from ${from} s to ${to} s` : ''} of a ${seconds.toFixed(1)} s profile`);
console.log('\nself time by frame');
for (const [key, samples] of top(frames)) console.log(`${share(samples).padStart(7)}  ${key}`);
console.log('\nself time by file or package');
for (const [key, samples] of top(files)) console.log(`${share(samples).padStart(7)}  ${key}`);
