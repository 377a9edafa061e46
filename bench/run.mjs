// `npm run bench`: every bench/*.bench.mjs in turn, each with its own same-run baseline; a table on stdout
// and a JSON file per benchmark under bench/results/.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { saveResult } from './support.mjs';

const only = process.argv[2];
const files = (await readdir('bench')).filter((file) => file.endsWith('.bench.mjs') && (!only || file.includes(only))).sort();
for (const file of files) {
  const benchmark = await import(pathToFileURL(path.resolve('bench', file)).href);
  console.log(`\n${benchmark.name}: ${benchmark.describe}`);
  const rows = await benchmark.run();
  console.table(
    rows.map((row) => ({
      connections: row.connections,
      'signpost req/s': row.signpost.requestsPerSecond,
      'signpost p50/p99 ms': `${row.signpost.p50Ms}/${row.signpost.p99Ms}`,
      'baseline req/s': row.baseline.requestsPerSecond,
      'baseline p50/p99 ms': `${row.baseline.p50Ms}/${row.baseline.p99Ms}`,
      'ratio to baseline': row.ratio,
      errors: row.signpost.errors + row.signpost.non2xx + row.baseline.errors,
    })),
  );
  console.log(`saved ${await saveResult(benchmark.name, { rows })}`);
}
