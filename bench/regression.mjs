// The regression guard: each benchmark's ratios (Signpost against its same-run baseline) compared with the
// reference committed in bench/results/reference.json. Ratios, not absolute figures: the machines are shared and
// noisy, and a ratio moves far less than either side of it. The reference is moved by hand, in the commit whose
// change moves it, with the date, the commit and the reason beside each figure.
import { readFile } from 'node:fs/promises';

export const REFERENCE_FILE = 'bench/results/reference.json';

/** How far a ratio may fall short of its reference before it is called a regression (noise stays under this). */
export const TOLERANCE = 0.25;

/**
 * One row per figure of the benchmarks that ran: its ratio now, its reference and a status. `measured` maps a
 * benchmark's name to its figures (`{ [figure]: ratio | null }`); `reference.figures` maps a benchmark's name to
 * `{ [figure]: { ratio, better?: 'higher' | 'lower', date, commit, reason } }`.
 *
 * - `REGRESSED`: more than TOLERANCE worse than the reference (below it when higher is better, the default; above
 *   it when lower is better, as for memory or latency ratios), or no figure at all where a reference expects one;
 * - `MISSING`: a figure without a reference (a new one: give it one, deliberately);
 * - `ok` otherwise.
 *
 * Benchmarks that did not run (`npm run bench -- NAME`) are not compared.
 */
export function compareWithReference(measured, reference) {
  const rows = [];
  for (const [benchmark, figures] of Object.entries(measured)) {
    const expected = reference?.figures?.[benchmark] ?? {};
    for (const [figure, ratio] of Object.entries(figures)) {
      const entry = expected[figure];
      rows.push({ benchmark, figure, ratio, reference: entry?.ratio ?? null, status: entry ? statusOf(ratio, entry) : 'MISSING' });
    }
    for (const [figure, entry] of Object.entries(expected)) {
      if (!(figure in figures)) rows.push({ benchmark, figure, ratio: null, reference: entry.ratio, status: 'REGRESSED' });
    }
  }
  return rows;
}

function statusOf(ratio, entry) {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) return 'REGRESSED';
  const regressed = entry.better === 'lower' ? ratio > entry.ratio * (1 + TOLERANCE) : ratio < entry.ratio * (1 - TOLERANCE);
  return regressed ? 'REGRESSED' : 'ok';
}

/** The committed reference, or none (every figure then shows as MISSING). */
export async function loadReference(file = REFERENCE_FILE) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}
