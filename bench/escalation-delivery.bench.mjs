// Escalation delivery end to end: an advisor escalates pre-created enquiries, and the job worker delivers each
// referral as a Standard-Webhooks-signed POST to a local receiver that verifies the signature and fails a share
// of requests with 503. Two phases: a burst (a fixed number at a fixed concurrency, as fast as the service
// answers) and a steady trickle well below capacity (started on a clock, whatever the answers). Figures:
// escalations acknowledged per second (HTTP 201), referrals delivered per second, the time from an
// escalation's 201 to its first successful receipt (p50/p99), CPU per referral, and referrals lost
// (acknowledged but never received before the deadline) or delivered twice (one webhook-id answered 2xx more
// than once). Baseline, same run, same receiver and failure share: the same number of signed POSTs sent straight
// from here on the same schedule, each retried at once until it succeeds.
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { login, percentile, ratio, startSignpost } from './support.mjs';

const ESCALATIONS = Number(process.env.BENCH_ESCALATIONS ?? 2000);
const CONCURRENCY = 16;
/** Then a steady trickle well below capacity, started on a clock whatever the answers: the delivery path's own latency. */
const PACED_RATE = 20;
const PACED = Number(process.env.BENCH_PACED_ESCALATIONS ?? 300);
/** Escalated first and not measured, so that the tables have rows when their statistics are taken. */
const WARMUP = 50;
const FAILURE_SHARE = 0.1;
/** How long after the last 201 a referral may still arrive before it counts as lost. */
const DEADLINE_SECONDS = Number(process.env.BENCH_DELIVERY_DEADLINE_SECONDS ?? 60);
/** Quiet time after the last expected receipt, to catch late duplicates. */
const GRACE_MS = 2000;
const SERVICE = 'blue-badge';
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
/** The service's retry settings for this run (the defaults, 5 s base and 1 h cap, suit real receivers). */
const SIGNPOST_ENV = {
  JOB_WORKERS: 'true',
  SMTP_PORT: '0',
  SIGNPOST_WEBHOOK_ALLOWLIST: '127.0.0.1',
  WEBHOOK_BACKOFF_BASE_MS: '100',
  WEBHOOK_BACKOFF_CAP_MS: '2000',
  WEBHOOK_MAX_ATTEMPTS: '20',
  WEBHOOK_TIMEOUT_MS: '5000',
};
/** Targets: a referral reaches a working service within half a second, a retry included; deliveries keep pace. */
const STEADY_P99_TARGET_MS = 500;
const KEEP_PACE_TARGET = 0.8;

export const name = 'escalation-delivery';
export const describe = `${ESCALATIONS} escalations at ${CONCURRENCY} concurrent, then ${PACED} at ${PACED_RATE}/s, delivered by signed webhook to a receiver failing ${FAILURE_SHARE * 100} % (503) vs the same signed POSTs sent directly, retried at once`;

const now = () => performance.now();

/** A deterministic generator, so that each run fails the same share in the same pattern. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A back-office system on loopback: verifies each signature, fails a share at random with 503, and records
 * the first successful receipt of each escalation and every 2xx beyond the first for one webhook-id.
 */
function startReceiver() {
  const verifier = new Webhook(SECRET);
  const state = {
    random: seeded(1),
    requests: 0,
    failed: 0,
    badSignatures: 0,
    firstReceipt: new Map(), // escalationId → time
    accepted: new Map(), // webhook-id → 2xx answers
    duplicates: 0,
    onReceipt: () => {},
    /** A new phase: its own counts and receipts; what was accepted before still counts for duplicates. */
    newPhase() {
      Object.assign(this, { random: seeded(1), requests: 0, failed: 0, badSignatures: 0 });
      this.firstReceipt.clear();
    },
    reset() {
      this.newPhase();
      this.duplicates = 0;
      this.accepted.clear();
    },
  };
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      state.requests += 1;
      const body = Buffer.concat(chunks).toString('utf8');
      let event;
      try {
        event = verifier.verify(body, {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        });
      } catch {
        state.badSignatures += 1;
        response.writeHead(400).end();
        return;
      }
      if (state.random() < FAILURE_SHARE) {
        state.failed += 1;
        response.writeHead(503).end();
        return;
      }
      const id = String(request.headers['webhook-id']);
      const answered = state.accepted.get(id) ?? 0;
      state.accepted.set(id, answered + 1);
      if (answered > 0) state.duplicates += 1;
      const escalationId = event.data?.escalationId;
      if (!state.firstReceipt.has(escalationId)) {
        state.firstReceipt.set(escalationId, now());
        state.onReceipt();
      }
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ state, url: `http://127.0.0.1:${server.address().port}/referrals`, stop: () => new Promise((done) => server.close(done)) }),
    ),
  );
}

/** Runs `count` numbered tasks with `concurrency` loops. */
async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Starts `count` numbered tasks at `rate` a second on a clock, whether or not earlier ones have finished. */
async function paced(count, rate, task) {
  const started = now();
  const running = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    if (due > now()) await new Promise((resolve) => setTimeout(resolve, due - now()));
    running.push(task(i));
  }
  await Promise.all(running);
}

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Resolves once `done()` holds (checked on every receipt) or after `ms`; true if it held. */
function until(receiver, done, ms) {
  return new Promise((resolve) => {
    if (done()) return resolve(true);
    const timer = setTimeout(() => {
      receiver.state.onReceipt = () => {};
      resolve(false);
    }, ms);
    receiver.state.onReceipt = () => {
      if (done()) {
        clearTimeout(timer);
        receiver.state.onReceipt = () => {};
        resolve(true);
      }
    };
  });
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); 0 where unreadable. */
async function cpuSeconds(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used by the service and by its embedded PostgreSQL (the postmaster and its live backends). */
async function serviceCpu(signpost) {
  const postmaster = Number((await readFile(path.join(signpost.dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  let postgres = await cpuSeconds(postmaster);
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (stat && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) postgres += await cpuSeconds(entry);
  }
  return { node: await cpuSeconds(signpost.pid), postgres };
}

const sorted = (values) => [...values].sort((a, b) => a - b);

/**
 * Escalates the given enquiries (`schedule` runs the numbered tasks), then waits for every acknowledged one to
 * arrive, up to the deadline, and a little longer for late duplicates.
 */
async function escalationPhase(signpost, token, receiver, enquiries, schedule) {
  receiver.state.newPhase();
  const duplicatesBefore = receiver.state.duplicates;
  const cpuBefore = await serviceCpu(signpost);
  const acknowledged = new Map(); // escalationId → time of the 201
  const httpLatencies = [];
  let httpErrors = 0;
  const started = now();
  await schedule(enquiries.length, async (i) => {
    const sent = now();
    const escalated = await api(signpost.url, token, 'POST', `/api/enquiries/${enquiries[i]}/escalations`, {
      service: SERVICE,
      reasonForReferral: 'Badge renewal',
      actionsAlreadyTaken: 'Confirmed eligibility',
    });
    const at = now();
    if (escalated.status !== 201) {
      httpErrors += 1;
      return;
    }
    httpLatencies.push(at - sent);
    acknowledged.set(escalated.body.id, at);
  });
  const ended = now();
  const { firstReceipt } = receiver.state;
  const allArrived = () => firstReceipt.size >= acknowledged.size && [...acknowledged.keys()].every((id) => firstReceipt.has(id));
  const arrived = await until(receiver, allArrived, DEADLINE_SECONDS * 1000);
  const lastReceipt = firstReceipt.size > 0 ? Math.max(...firstReceipt.values()) : started;
  const cpuAfter = await serviceCpu(signpost);
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS));

  const latencies = [];
  let lost = 0;
  for (const [id, at] of acknowledged) {
    if (firstReceipt.has(id)) latencies.push(firstReceipt.get(id) - at);
    else lost += 1;
  }
  const receipt = sorted(latencies);
  const http = sorted(httpLatencies);
  return {
    escalations: acknowledged.size,
    httpErrors,
    escalationsPerSecond: Math.round(acknowledged.size / ((ended - started) / 1000)),
    escalationP50Ms: percentile(http, 0.5),
    escalationP99Ms: percentile(http, 0.99),
    allArrivedWithinDeadline: arrived,
    deliveriesPerSecond: Math.round(firstReceipt.size / ((lastReceipt - started) / 1000)),
    receiptP50Ms: percentile(receipt, 0.5),
    receiptP99Ms: percentile(receipt, 0.99),
    receiptMaxMs: receipt.length ? Number(receipt.at(-1).toFixed(2)) : null,
    requests: receiver.state.requests,
    failedWith503: receiver.state.failed,
    badSignatures: receiver.state.badSignatures,
    lost,
    duplicated: receiver.state.duplicates - duplicatesBefore,
    unexpected: [...firstReceipt.keys()].filter((id) => !acknowledged.has(id)).length,
    // CPU per referral, escalated and delivered (includes idle polling while waiting, and the pending deliveries of a lost run).
    cpuMsPerReferral: {
      node: Number(((1000 * (cpuAfter.node - cpuBefore.node)) / Math.max(1, acknowledged.size)).toFixed(2)),
      postgres: Number(((1000 * (cpuAfter.postgres - cpuBefore.postgres)) / Math.max(1, acknowledged.size)).toFixed(2)),
    },
  };
}

async function measureSignpost(receiver) {
  const started = now();
  const signpost = await startSignpost(SIGNPOST_ENV);
  const startupSeconds = (now() - started) / 1000;
  receiver.state.reset();
  try {
    const advisor = await login(signpost.url, 'advisor@lancashire.demo');
    const admin = await login(signpost.url, 'admin@lancashire.demo');
    const configured = await api(signpost.url, admin.accessToken, 'PATCH', `/api/services/${SERVICE}`, {
      active: true,
      delivery: { type: 'webhook', url: receiver.url, secret: SECRET },
    });
    if (configured.status !== 200)
      throw new Error(`configuring the webhook failed: ${configured.status} ${JSON.stringify(configured.body)}`);

    // Not measured: the enquiries to escalate.
    const enquiries = new Array(WARMUP + ESCALATIONS + PACED);
    const createStarted = now();
    await pool(enquiries.length, CONCURRENCY, async (i) => {
      const created = await api(signpost.url, advisor.accessToken, 'POST', '/api/enquiries', {
        channel: 'phone',
        requesterType: 'citizen',
        subject: {
          name: `Bench Person ${i}`,
          dateOfBirth: `19${String(30 + (i % 60)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          phone: `07700 9${String(i).padStart(5, '0')}`,
          address: `${i} Mill Lane, Preston`,
          postcode: `PR${1 + (i % 9)} ${i % 10}${'ABDEFGHJLNPQRSTUWXYZ'[i % 20]}${'ABDEFGHJLNPQRSTUWXYZ'[(i * 7) % 20]}`,
        },
        description: 'Needs a blue badge renewal',
        legalBasis: 'public_task',
      });
      if (created.status !== 201) throw new Error(`creating an enquiry failed: ${created.status} ${JSON.stringify(created.body)}`);
      enquiries[i] = created.body.id;
    });
    const enquiriesPerSecond = Math.round(enquiries.length / ((now() - createStarted) / 1000));

    // Not measured: a few escalations, then statistics for the planner, as autovacuum keeps them on a running
    // system. A database this fresh has none yet, and the foreign-key checks' plans, made once per connection
    // before any, pick an index that scans the whole organisation (autovacuum would only step in a minute later).
    const warmup = await escalationPhase(signpost, advisor.accessToken, receiver, enquiries.slice(0, WARMUP), (count, task) =>
      pool(count, CONCURRENCY, task),
    );
    const analyst = new pg.Client({ connectionString: signpost.superuserUrl });
    await analyst.connect();
    await analyst.query('analyze');
    await analyst.end();

    const burst = await escalationPhase(
      signpost,
      advisor.accessToken,
      receiver,
      enquiries.slice(WARMUP, WARMUP + ESCALATIONS),
      (count, task) => pool(count, CONCURRENCY, task),
    );
    const steady = await escalationPhase(signpost, advisor.accessToken, receiver, enquiries.slice(WARMUP + ESCALATIONS), (count, task) =>
      paced(count, PACED_RATE, task),
    );

    // What the service itself recorded, read as the database superuser (bypasses row-level security).
    const db = new pg.Client({ connectionString: signpost.superuserUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        'select delivery_status, count(*)::int as escalations, sum(attempts)::int as attempts from escalations group by 1',
      );
      return {
        startupSeconds: Number(startupSeconds.toFixed(1)),
        enquiriesPerSecond,
        warmup,
        burst,
        steady,
        duplicated: receiver.state.duplicates,
        serviceRecorded: rows,
      };
    } finally {
      await db.end();
    }
  } finally {
    await signpost.stop();
  }
}

/** The same number of signed POSTs straight to the receiver, each retried at once until it is answered 2xx. */
async function measureBaseline(receiver, count, schedule) {
  receiver.state.reset();
  const agent = new http.Agent({ keepAlive: true });
  const signer = new Webhook(SECRET);
  const target = new URL(receiver.url);
  const post = (id, body) =>
    new Promise((resolve, reject) => {
      const timestamp = new Date();
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'webhook-id': id,
            'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
            'webhook-signature': signer.sign(id, timestamp, body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const latencies = [];
  let sends = 0;
  const started = now();
  await schedule(count, async (i) => {
    const id = `msg_${randomBytes(16).toString('base64url')}`;
    const body = JSON.stringify({
      type: 'escalation.created',
      data: {
        escalationId: randomUUID(),
        reference: `LAN-BENCH-${i}`,
        organisation: 'lancashire',
        service: SERVICE,
        fields: {
          name: `Bench Person ${i}`,
          dateOfBirth: '1950-01-01',
          contactNumber: '07700 900000',
          address: `${i} Mill Lane, Preston, PR2 3CD`,
          reasonForReferral: 'Badge renewal',
          actionsAlreadyTaken: 'Confirmed eligibility',
        },
        createdAt: new Date().toISOString(),
      },
    });
    const first = now();
    for (;;) {
      sends += 1;
      const status = await post(id, body);
      if (status >= 200 && status < 300) break;
    }
    latencies.push(now() - first);
  });
  const seconds = (now() - started) / 1000;
  agent.destroy();
  const receipt = sorted(latencies);
  return {
    deliveriesPerSecond: Math.round(count / seconds),
    receiptP50Ms: percentile(receipt, 0.5),
    receiptP99Ms: percentile(receipt, 0.99),
    requests: sends,
    failedWith503: receiver.state.failed,
    duplicated: receiver.state.duplicates,
  };
}

export async function run() {
  const receiver = await startReceiver();
  try {
    const signpost = await measureSignpost(receiver);
    const baseline = {
      burst: await measureBaseline(receiver, ESCALATIONS, (count, task) => pool(count, CONCURRENCY, task)),
      steady: await measureBaseline(receiver, PACED, (count, task) => paced(count, PACED_RATE, task)),
    };
    const { warmup, burst, steady } = signpost;
    const row = (phase, figure, s, b) => ({
      phase,
      figure,
      signpost: s,
      baseline: b,
      ratio: typeof s === 'number' && typeof b === 'number' ? ratio(s, b) : null,
    });
    const lost = [warmup, burst, steady].reduce((sum, phase) => sum + phase.lost + phase.httpErrors, 0);
    const { duplicated } = signpost;
    const pace = burst.escalationsPerSecond ? Number((burst.deliveriesPerSecond / burst.escalationsPerSecond).toFixed(2)) : 0;
    const burstLabel = `${ESCALATIONS} at ${CONCURRENCY} concurrent`;
    const steadyLabel = `${PACED} at ${PACED_RATE}/s`;
    return {
      settings: {
        escalations: ESCALATIONS,
        concurrency: CONCURRENCY,
        paced: PACED,
        pacedRate: PACED_RATE,
        warmup: WARMUP,
        failureShare: FAILURE_SHARE,
        deadlineSeconds: DEADLINE_SECONDS,
        signpostEnv: SIGNPOST_ENV,
      },
      signpost,
      baseline,
      // The only ratio of this benchmark: how well deliveries keep pace with escalations in the burst.
      ratios: { 'burst: deliveries/s ÷ escalations/s': pace },
      table: [
        row(burstLabel, 'escalations/s (HTTP 201)', burst.escalationsPerSecond, baseline.burst.deliveriesPerSecond),
        row(burstLabel, 'deliveries/s', burst.deliveriesPerSecond, baseline.burst.deliveriesPerSecond),
        row(burstLabel, 'deliveries/s ÷ escalations/s', pace, ''),
        row(burstLabel, 'escalation→receipt p50 ms', burst.receiptP50Ms, baseline.burst.receiptP50Ms),
        row(burstLabel, 'escalation→receipt p99 ms', burst.receiptP99Ms, baseline.burst.receiptP99Ms),
        row(burstLabel, 'escalation HTTP p50/p99 ms', `${burst.escalationP50Ms}/${burst.escalationP99Ms}`, ''),
        row(
          burstLabel,
          'CPU ms per referral (service/PostgreSQL)',
          `${burst.cpuMsPerReferral.node}/${burst.cpuMsPerReferral.postgres}`,
          '',
        ),
        row(
          burstLabel,
          'POSTs per referral',
          Number((burst.requests / Math.max(1, burst.escalations)).toFixed(2)),
          Number((baseline.burst.requests / ESCALATIONS).toFixed(2)),
        ),
        row(steadyLabel, 'escalation→receipt p50 ms', steady.receiptP50Ms, baseline.steady.receiptP50Ms),
        row(steadyLabel, 'escalation→receipt p99 ms', steady.receiptP99Ms, baseline.steady.receiptP99Ms),
        row(steadyLabel, 'escalation HTTP p50/p99 ms', `${steady.escalationP50Ms}/${steady.escalationP99Ms}`, ''),
        row('all', 'lost / duplicated', `${lost}/${duplicated}`, `0/${baseline.burst.duplicated + baseline.steady.duplicated}`),
      ],
      targets: [
        { figure: 'referrals lost (acknowledged, not received within the deadline)', target: 0, observed: lost, met: lost === 0 },
        {
          figure: 'referrals delivered twice (same webhook-id answered 2xx again)',
          target: 0,
          observed: duplicated,
          met: duplicated === 0,
        },
        {
          figure: `escalation→receipt p99 at ${PACED_RATE}/s, ${FAILURE_SHARE * 100} % failing (ms)`,
          target: `≤ ${STEADY_P99_TARGET_MS}`,
          observed: steady.receiptP99Ms,
          met: steady.lost === 0 && steady.receiptP99Ms !== null && steady.receiptP99Ms <= STEADY_P99_TARGET_MS,
        },
        {
          figure: 'burst deliveries/s ÷ escalations/s (deliveries keep pace)',
          target: `≥ ${KEEP_PACE_TARGET}`,
          observed: pace,
          met: pace >= KEEP_PACE_TARGET,
        },
      ],
    };
  } finally {
    await receiver.stop();
  }
}
