// Shared helpers for the benchmarks: start Signpost on its own embedded PostgreSQL, run autocannon, report.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

/** Starts the compiled service on a fresh embedded database with the demo data. */
export async function startSignpost(extraEnv = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'signpost-bench-'));
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: dataDir, LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Signpost did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const match = /is ready at (http:\/\/[\d.:]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Signpost exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs autocannon for a bounded time and returns throughput and latency percentiles. */
export async function load({ url, connections, seconds, requests, headers, setupClient }) {
  const result = await autocannon({ url, connections, duration: seconds, headers, requests, setupClient });
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Runs `work` with `concurrency` loops for `seconds`, returning completed operations per second and latencies. */
export async function closedLoop({ concurrency, seconds, work }) {
  const latencies = [];
  const deadline = Date.now() + seconds * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        try {
          await work(worker);
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2)) : null);
  return { connections: concurrency, requestsPerSecond: Math.round(latencies.length / seconds), p50Ms: at(0.5), p99Ms: at(0.99), errors };
}

export async function saveResult(name, result) {
  await mkdir('bench/results', { recursive: true });
  const file = path.join('bench/results', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ benchmark: name, at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ...result }, null, 2));
  return file;
}
