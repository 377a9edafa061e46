import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the figures of a run are kept (besides the console), for docs/resilience-tests.md. */
export const RESULTS_FILE = process.env.SIGNPOST_RESILIENCE_RESULTS ?? path.join(os.tmpdir(), 'signpost-resilience-results.txt');

/** Prints a case's figures (straight to stdout, not through Jest's console) and appends them to RESULTS_FILE. */
export function report(what: string, lines: string[]): void {
  const text = `\n[resilience] ${what} (${new Date().toISOString()})\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
  process.stdout.write(text);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(RESULTS_FILE, text);
}
