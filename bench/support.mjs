// Shared helpers for the benchmarks: start Signpost on its own embedded PostgreSQL, run autocannon, report.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

/** Starts the compiled service on a fresh embedded database with the demo data. */
export async function startSignpost(extraEnv = {}, { nodeArgs = [] } = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'signpost-bench-'));
  const child = spawn(
    process.execPath,
    [...nodeArgs, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/src/main.js'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        SMTP_PORT: '0',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
  const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  return {
    url,
    dataDir,
    pid: child.pid,
    inspector,
    output: () => output,
    ...(extraEnv.DATABASE_URL ? {} : await embeddedDatabaseOf(dataDir)),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The connection strings of the embedded database the service created: `ownerUrl` (the schema owner, which
 * runs migrations; row-level security still applies to it) and `runtimeUrl` (the login the service uses).
 */
async function embeddedDatabaseOf(dataDir) {
  const { readFile } = await import('node:fs/promises');
  const secrets = JSON.parse(await readFile(path.join(dataDir, 'local-secrets.json'), 'utf8'));
  const port = (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[3];
  return {
    ownerUrl: `postgres://signpost_owner:${encodeURIComponent(secrets.ownerPassword)}@127.0.0.1:${port}/signpost`,
    runtimeUrl: `postgres://signpost_app:${encodeURIComponent(secrets.runtimePassword)}@127.0.0.1:${port}/signpost`,
    jwtSecret: secrets.jwtSecret,
    superuserUrl: `postgres://postgres:${encodeURIComponent(secrets.superuserPassword)}@127.0.0.1:${port}/signpost`,
  };
}

/**
 * Signs in as the console does (`POST /api/auth/login`) and returns the access token and the ids it names:
 * the account, its organisation and the server-side sign-in (the baselines' account check names all three).
 */
export async function login(url, email, password = 'signpost-demo') {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login as ${email} failed: ${response.status}`);
  const body = await response.json();
  const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
  return { accessToken: body.accessToken, userId: body.user.id, organisationId: claims.org, sessionId: claims.sid };
}

/** The statement of the service's per-request account and sign-in check, for the baselines (one round trip). */
export const ACCESS_CHECK_SQL = 'select * from staff_access_state($1, $2, $3)';
export const accessCheckValues = (staff) => [staff.userId, staff.organisationId, staff.sessionId];

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
  return {
    connections: concurrency,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors,
  };
}

/** What the figures were measured on. */
export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Signpost's figure as a fraction of the baseline's, two decimals. */
export function ratio(signpost, baseline) {
  return baseline ? Number((signpost / baseline).toFixed(2)) : null;
}

/** Percentile of an ascending array of numbers (milliseconds), two decimals. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2));
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export async function residentBytes(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

export async function saveResult(name, result) {
  await mkdir('bench/results', { recursive: true });
  const file = path.join('bench/results', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine: machine(), ...result }, null, 2));
  return file;
}

/** CPU seconds (user + system) used so far by a process. */
export async function cpuSecondsOf(pid) {
  const { readFile } = await import('node:fs/promises');
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by an embedded PostgreSQL: the postmaster and its live children (the backends). */
export async function postgresCpuSeconds(dataDir) {
  const { readFile, readdir } = await import('node:fs/promises');
  const postmaster = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  let total = await cpuSecondsOf(postmaster);
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += await cpuSecondsOf(entry);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Runs `phase` and returns its result with the CPU seconds the service, PostgreSQL and this process spent in it. */
export async function withCpu(signpost, phase) {
  const before = { app: await cpuSecondsOf(signpost.pid), db: await postgresCpuSeconds(signpost.dataDir), self: process.cpuUsage() };
  const result = await phase();
  const self = process.cpuUsage(before.self);
  return {
    result,
    cpu: {
      appSeconds: Number(((await cpuSecondsOf(signpost.pid)) - before.app).toFixed(2)),
      postgresSeconds: Number(((await postgresCpuSeconds(signpost.dataDir)) - before.db).toFixed(2)),
      driverSeconds: Number(((self.user + self.system) / 1e6).toFixed(2)),
    },
  };
}

/**
 * Live memory of a Node process started with `--inspect=127.0.0.1:0`, after a full garbage collection, through
 * the inspector protocol: `heapUsed + external` (what the objects alive need), and the resident set size.
 */
export async function liveMemory(inspectorUrl) {
  const { default: WebSocket } = await import('ws');
  const socket = new WebSocket(inspectorUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const callId = (id += 1);
      const onMessage = (data) => {
        const message = JSON.parse(String(data));
        if (message.id !== callId) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: callId, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const { result } = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const usage = JSON.parse(result.value);
    return { liveBytes: usage.heapUsed + usage.external, residentBytes: usage.rss };
  } finally {
    socket.close();
  }
}
