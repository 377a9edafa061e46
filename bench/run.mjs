// `npm run bench`: every bench/*.bench.mjs in turn, each with its own same-run baseline; a table per benchmark
// on stdout, the targets it checks, and a JSON file per benchmark under bench/results/.
//
// A benchmark module exports `name`, `describe` and `run()`, which resolves to
//   { table: object[]  (printed as is: each figure beside its baseline and the ratio),
//     targets: { figure, target, observed, met }[],
//     ratios: { [figure]: ratio to the same-run baseline }  (compared with bench/results/reference.json),
//     ...anything else worth keeping in the JSON }
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareWithReference, loadReference, REFERENCE_FILE, TOLERANCE } from './regression.mjs';
import { machine, saveResult } from './support.mjs';

const only = process.argv[2];
const files = (await readdir('bench')).filter((file) => file.endsWith('.bench.mjs') && (!only || file.includes(only))).sort();
const started = Date.now();
const summary = [];
const measured = {};
console.log(`machine: ${JSON.stringify(machine())}`);
for (const file of files) {
  const benchmark = await import(pathToFileURL(path.resolve('bench', file)).href);
  console.log(`\n${benchmark.name}: ${benchmark.describe}`);
  const began = Date.now();
  const result = await benchmark.run();
  console.table(result.table);
  for (const target of result.targets ?? []) {
    console.log(`  ${target.met ? 'met    ' : 'NOT MET'}  ${target.figure}: ${target.observed} (target ${target.target})`);
    summary.push({ benchmark: benchmark.name, ...target });
  }
  measured[benchmark.name] = result.ratios ?? {};
  console.log(`  ${((Date.now() - began) / 1000).toFixed(0)} s; saved ${await saveResult(benchmark.name, result)}`);
}
console.log(`\nall benchmarks: ${((Date.now() - started) / 60000).toFixed(1)} min`);
if (summary.length > 0)
  console.table(summary.map(({ benchmark, figure, target, observed, met }) => ({ benchmark, figure, target, observed, met })));

// The regression guard: every ratio against the committed reference (bench/regression.mjs).
const compared = compareWithReference(measured, await loadReference());
if (compared.length > 0) {
  console.log(
    `\nratios against ${REFERENCE_FILE} (REGRESSED: more than ${TOLERANCE * 100} % worse than the reference; MISSING: no reference)`,
  );
  console.table(compared);
  const regressed = compared.filter((row) => row.status === 'REGRESSED');
  const missing = compared.filter((row) => row.status === 'MISSING');
  for (const row of regressed) console.log(`REGRESSED  ${row.benchmark}: ${row.figure}: ${row.ratio} (reference ${row.reference})`);
  for (const row of missing) console.log(`MISSING    ${row.benchmark}: ${row.figure}: ${row.ratio} (no reference)`);
  if (regressed.length === 0 && missing.length === 0) console.log('no ratio regressed');
}
