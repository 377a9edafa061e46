import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import request from 'supertest';
import { auth, newEnquiry } from './support/factories.js';
import { signedHeaders } from './support/signing.js';
import { login, startTestApp, testDatabase, withClient, type TestApp } from './support/test-app.js';

const ORGANISATION = 'milton-keynes';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Runs `work` as the owner in a committed transaction with the organisation's tenant set (for back-dating). */
async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(testDatabase().ownerUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>('select id from organisations where slug = $1', [ORGANISATION]);
    await client.query('begin');
    await client.query(`select set_config('app.current_tenant', $1, true)`, [rows[0].id]);
    const result = await work(client);
    await client.query('commit');
    return result;
  });
}

/** The telephony platform's recording archive: answers DELETE /recordings/{organisation}/{ref}, refusing refs that start "locked-". */
class FakeRecordingStore {
  /** `{organisation}/{ref}` of each recording deleted. */
  readonly deleted: string[] = [];
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const [organisation, ref, ...more] = (req.url ?? '')
        .replace(/^\/recordings\//, '')
        .split('/')
        .map(decodeURIComponent);
      const allowed =
        req.method === 'DELETE' &&
        req.headers.authorization === 'Bearer store-token' &&
        Boolean(ref) &&
        more.length === 0 &&
        !ref.startsWith('locked-');
      if (allowed) this.deleted.push(`${organisation}/${ref}`);
      res.writeHead(allowed ? 204 : 500).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/recordings`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Seeds `n` webchat enquiries (and a person each) that finished three years ago, referenced `BULK-{tag}-{n}`. */
async function seedExpiredWebchats(tag: string, n: number): Promise<void> {
  await asOwner(async (c) => {
    await c.query(`set local synchronous_commit = off`);
    await c.query(
      `insert into data_subjects (id, organisation_id, name, name_key, created_at, updated_at)
       select md5($2 || n)::uuid, current_setting('app.current_tenant')::uuid, 'Bulk Person ' || n, 'bulk person ' || n, now() - interval '3 years', now() - interval '3 years'
       from generate_series(1, $1::int) n`,
      [n, tag],
    );
    await c.query(
      `insert into enquiries (organisation_id, reference, channel, requester_type, data_subject_id, description, status, legal_basis, retention_class, created_at, updated_at, resolved_at)
       select current_setting('app.current_tenant')::uuid, 'BULK-' || $2 || '-' || n, 'webchat', 'citizen', md5($2 || n)::uuid, 'Bulk enquiry ' || $2, 'resolved', 'legitimate_interests', 'webchat',
              now() - interval '3 years', now() - interval '3 years', now() - interval '3 years'
       from generate_series(1, $1::int) n`,
      [n, tag],
    );
    await c.query('analyze enquiries');
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The retention schedule enforced: records past their period are found by a dry run and erased by the sweep, in
 * place, while those inside their period, under a legal hold or about a person with an open request stay. Milton
 * Keynes' records are back-dated below the API for this.
 */
describe('retention sweeps', () => {
  let app: TestApp;
  let advisor: string;
  let dpo: string;
  const store = new FakeRecordingStore();

  beforeAll(async () => {
    const storeUrl = await store.start();
    app = await startTestApp({
      RECORDING_STORE_URL: storeUrl,
      RECORDING_STORE_TOKEN: 'store-token',
      JOB_WORKERS: 'true',
      JOB_POLL_SECONDS: '0.5',
    });
    advisor = await login(app, `advisor@${ORGANISATION}.demo`);
    dpo = await login(app, `dpo@${ORGANISATION}.demo`);
  });
  afterAll(async () => {
    await app?.stop();
    await store.stop();
  });

  const enquiry = async (name: string, description: string) => {
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name, email: `${name.replace(/\W+/g, '.').toLowerCase()}@example.org` },
      description,
    });
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/resolve`)
      .set(auth(advisor))
      .send({ advice: `Advice for ${name}` })
      .expect(200);
    return enquiry.id;
  };
  const finishedDaysAgo = (id: string, days: number) =>
    asOwner((c) =>
      c.query(
        `update enquiries set resolved_at = now() - make_interval(days => $2), created_at = now() - make_interval(days => $2 + 1) where id = $1`,
        [id, days],
      ),
    );
  const read = async (id: string) => (await request(app.url).get(`/api/enquiries/${id}`).set(auth(advisor)).expect(200)).body;

  it('finds what has expired in a dry run, erases it in the sweep, and keeps what is inside its period, held, or asked about', async () => {
    const unique = randomUUID().slice(0, 8);
    const expired = await enquiry(`Expired ${unique}`, `Old pothole report ${unique}`);
    const recent = await enquiry(`Recent ${unique}`, `Recent pothole report ${unique}`);
    const held = await enquiry(`Held ${unique}`, `Disputed claim ${unique}`);
    const asked = await enquiry(`Asked ${unique}`, `Asked about ${unique}`);
    await finishedDaysAgo(expired, 800);
    await finishedDaysAgo(recent, 700); // inside 2 years
    await finishedDaysAgo(held, 900);
    await finishedDaysAgo(asked, 900);
    const hold = await request(app.url)
      .post('/api/legal-holds')
      .set(auth(dpo))
      .send({ enquiryId: held, reason: 'Insurance claim INS-77 pending' })
      .expect(201);
    // An open subject access request about a person keeps their records until it is answered.
    const askedSubject = (await read(asked)).subject.id;
    const sar = await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({ type: 'access', subject: { name: `Asked ${unique}` }, receivedAt: daysAgo(1).slice(0, 10) })
      .expect(201);
    await request(app.url)
      .post(`/api/subject-requests/${sar.body.id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'passport', receivedAt: daysAgo(0).slice(0, 10) })
      .expect(200);
    await request(app.url)
      .post(`/api/subject-requests/${sar.body.id}/subjects`)
      .set(auth(dpo))
      .send({ dataSubjectIds: [askedSubject] })
      .expect(200);

    // Screen recordings go after 28 days, audio after 2 years; a recording the store will not delete stays for the next sweep.
    const call = {
      callId: `call-${unique}`,
      callerNumber: '+447700900456',
      direction: 'inbound',
      startedAt: daysAgo(40),
      endedAt: daysAgo(40),
      recordings: [
        { kind: 'video', ref: `video-old-${unique}`, recordedAt: daysAgo(29) },
        { kind: 'video', ref: `video-new-${unique}`, recordedAt: daysAgo(27) },
        { kind: 'video', ref: `locked-${unique}`, recordedAt: daysAgo(30) },
        { kind: 'audio', ref: `audio-${unique}`, recordedAt: daysAgo(29) },
      ],
    };
    const body = JSON.stringify(call);
    await request(app.url).post(`/api/channels/phone/${ORGANISATION}/calls`).set(signedHeaders(body)).send(body).expect(201);
    const recordingsLeft = async () =>
      (
        await asOwner((c) => c.query<{ ref: string }>(`select ref from call_recordings where ref like $1 order by ref`, [`%${unique}`]))
      ).rows.map((row) => row.ref);

    const dry = await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: true }).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, status: 'completed', trigger: 'on_demand' });
    expect(dry.body.erased.phone_contact).toBeGreaterThanOrEqual(1);
    expect(dry.body.erased.call_recording_video).toBeGreaterThanOrEqual(2);
    expect(dry.body.heldRecords).toEqual(
      expect.arrayContaining([
        { recordType: 'phone_contact', id: held, reason: 'legal_hold', legalHoldId: hold.body.id },
        { recordType: 'phone_contact', id: asked, reason: 'open_subject_request' },
      ]),
    );
    expect((await read(expired)).description).toBe(`Old pothole report ${unique}`); // a dry run changes nothing
    expect(await recordingsLeft()).toHaveLength(4);

    const swept = await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: false }).expect(200);
    expect(swept.body).toMatchObject({ dryRun: false, status: 'completed', failed: { call_recording_video: 1 } });
    expect(swept.body.erased).toMatchObject({
      phone_contact: dry.body.erased.phone_contact,
      call_recording_video: dry.body.erased.call_recording_video - 1,
    });
    expect(swept.body.erased.data_subject).toBeGreaterThanOrEqual(1);

    const gone = await read(expired);
    expect(gone).toMatchObject({
      description: '[erased]',
      status: 'resolved',
      channel: 'phone',
      subject: { name: '[erased]', emails: [] },
    });
    expect(JSON.stringify(gone)).not.toContain(unique);
    expect((await read(recent)).description).toBe(`Recent pothole report ${unique}`);
    expect((await read(held)).description).toBe(`Disputed claim ${unique}`);
    expect((await read(asked)).description).toBe(`Asked about ${unique}`);
    expect(store.deleted).toEqual(expect.arrayContaining([`${ORGANISATION}/video-old-${unique}`]));
    expect(store.deleted).not.toContain(`${ORGANISATION}/video-new-${unique}`);
    expect(await recordingsLeft()).toEqual([`audio-${unique}`, `locked-${unique}`, `video-new-${unique}`]);

    const listed = await request(app.url).get('/api/retention/sweeps').set(auth(dpo)).expect(200);
    expect(listed.body[0]).toMatchObject({ id: swept.body.id, erased: swept.body.erased });
    expect((await request(app.url).get(`/api/retention/sweeps/${swept.body.id}`).set(auth(dpo)).expect(200)).body.id).toBe(swept.body.id);
    await request(app.url).get(`/api/retention/sweeps/${randomUUID()}`).set(auth(dpo)).expect(404);
    await request(app.url)
      .get(`/api/retention/sweeps/${swept.body.id}`)
      .set(auth(await login(app, 'dpo@lancashire.demo')))
      .expect(404);
    await request(app.url).post('/api/retention/sweeps').set(auth(advisor)).send({ dryRun: true }).expect(403);
    expect(
      (await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: 'yes' }).expect(400)).body.message,
    ).toContain('dryRun');
    // The evidence for an auditor: every sweep as CSV, a row per record type, counts only.
    const csv = await request(app.url).get('/api/retention/sweeps?format=csv').set(auth(dpo)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="retention-sweeps-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"sweep_id","started_at","finished_at","trigger","dry_run","status","as_of","record_type","erased","held","failed"',
    );
    const sweptRows = lines.filter((line) => line.startsWith(`"${swept.body.id}"`));
    expect(sweptRows).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `,"on_demand","false","completed","\\d{4}-\\d{2}-\\d{2}","phone_contact","${swept.body.erased.phone_contact}","\\d+","0"$`,
        ),
      ),
    );
    expect(sweptRows).toContainEqual(expect.stringMatching(/,"call_recording_video","\d+","\d+","1"$/));
    expect(lines.some((line) => line.startsWith(`"${dry.body.id}"`) && line.includes('"true"'))).toBe(true);
    expect(csv.text).not.toContain(unique);
    expect(csv.text).not.toContain(held);
    expect((await request(app.url).get('/api/retention/sweeps?format=xml').set(auth(dpo)).expect(400)).body.message).toBe(
      'format must be json or csv',
    );
    await request(app.url).get('/api/retention/sweeps?format=csv').set(auth(advisor)).expect(403);
    // The sweep's audit entry holds counts, and the chain still verifies.
    expect((await request(app.url).get('/api/audit/verify').set(auth(dpo)).expect(200)).body).toMatchObject({ valid: true });
    expect(
      JSON.stringify((await request(app.url).get(`/api/audit?entity=retention_sweep&id=${swept.body.id}`).set(auth(dpo)).expect(200)).body),
    ).not.toContain(unique);
  });

  it('sweeps 100,000 expired enquiries in short batches while intake keeps answering (every request answered, p99 within 3× of before)', async () => {
    const tag = randomUUID().slice(0, 8);
    const N = 100_000;
    await seedExpiredWebchats(tag, N);

    const latencies: number[] = [];
    const intake = async (until: () => boolean, into: number[]) => {
      const worker = async () => {
        while (!until()) {
          const started = performance.now();
          await newEnquiry(app, advisor, { subject: { name: 'Load Caller' }, description: 'Bin not collected' });
          into.push(performance.now() - started);
        }
      };
      await Promise.all([worker(), worker(), worker()]);
    };
    // Before: the same load for a fixed number of requests.
    await intake(() => latencies.length >= 400, latencies);
    const before = percentile(latencies, 99);

    // Started in the background (Prefer: respond-async), the sweep is answered at once and followed at its Location.
    const started = Date.now();
    const begun = await request(app.url)
      .post('/api/retention/sweeps')
      .set(auth(dpo))
      .set('prefer', 'respond-async')
      .send({ dryRun: false })
      .expect(202);
    expect(begun.body).toMatchObject({ status: 'running', dryRun: false, trigger: 'on_demand', erased: {} });
    expect(begun.headers.location).toBe(`/api/retention/sweeps/${begun.body.id}`);
    expect(begun.headers['preference-applied']).toBe('respond-async');
    const conflict = await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: false }).expect(409);
    expect(conflict.body.code).toBe('SWEEP_RUNNING');

    let finished: { status: string; erased: Record<string, number> } | undefined;
    const progress: number[] = [];
    const follow = async () => {
      while (!finished) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const { body } = await request(app.url).get(begun.headers.location).set(auth(dpo)).expect(200);
        if (body.status === 'running') progress.push(body.erased.webchat ?? 0);
        else finished = body;
      }
    };
    const during: number[] = [];
    await Promise.all([follow(), intake(() => finished !== undefined, during)]);
    const seconds = (Date.now() - started) / 1000;
    const after = percentile(during, 99);
    console.log(
      `retention sweep of ${N} expired enquiries: ${seconds.toFixed(1)} s; intake p99 before ${before.toFixed(1)} ms (${latencies.length} requests), during ${after.toFixed(1)} ms (${during.length} requests), ratio ${(after / before).toFixed(2)}`,
    );
    expect(finished?.status).toBe('completed');
    expect(finished?.erased.webchat).toBeGreaterThanOrEqual(N);
    expect(finished?.erased.data_subject).toBeGreaterThanOrEqual(N);
    // Its counts so far were saved while it ran, and only ever grew.
    expect(progress.some((n) => n > 0 && n < N)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const left = await asOwner((c) =>
      c.query<{ n: number }>(
        `select count(*)::int as n from enquiries where reference like $1 and (erased_at is null or description <> '[erased]')`,
        [`BULK-${tag}-%`],
      ),
    );
    expect(left.rows[0].n).toBe(0);
    // The rows stay for statistics: the same number of enquiries, by channel and status.
    const kept = await asOwner((c) =>
      c.query<{ n: number }>(
        `select count(*)::int as n from enquiries where reference like $1 and channel = 'webchat' and status = 'resolved'`,
        [`BULK-${tag}-%`],
      ),
    );
    expect(kept.rows[0].n).toBe(N);
    expect(during.length).toBeGreaterThan(20);
    // A guard against a sweep that stalls intake, not the speed target: that (p99 within 2× of before, with the
    // duty cycle) is measured by bench/retention-sweep.bench.mjs, since on a shared CI worker running other suites
    // beside this one the ratio alone swings between about 1 and 2.1.
    expect(after).toBeLessThanOrEqual(3 * before);
  }, 600_000);

  it('stops a background sweep between batches when the service is stopped, recording truly what it erased; the next sweep finishes', async () => {
    const tag = randomUUID().slice(0, 8);
    const N = 20_000;
    await seedExpiredWebchats(tag, N);
    const erasedSoFar = async () =>
      (
        await asOwner((c) =>
          c.query<{ n: number }>(`select count(*)::int as n from enquiries where reference like $1 and erased_at is not null`, [
            `BULK-${tag}-%`,
          ]),
        )
      ).rows[0].n;

    const second = await startTestApp({ RETENTION_BATCH_SIZE: '200' });
    let sweepId: string;
    let exitCode: number | null;
    try {
      const begun = await request(second.url)
        .post('/api/retention/sweeps')
        .set(auth(await login(second, `dpo@${ORGANISATION}.demo`)))
        .set('prefer', 'respond-async')
        .send({ dryRun: false })
        .expect(202);
      sweepId = begun.body.id;
      const deadline = Date.now() + 60_000;
      while ((await erasedSoFar()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      exitCode = await second.stop();
    }
    expect(exitCode).toBe(0);

    const erased = await erasedSoFar();
    expect(erased).toBeGreaterThan(0);
    expect(erased).toBeLessThan(N);
    const stopped = (await request(app.url).get(`/api/retention/sweeps/${sweepId}`).set(auth(dpo)).expect(200)).body;
    expect(stopped).toMatchObject({ status: 'failed', erased: { webchat: erased } });
    expect(stopped.finishedAt).toBeDefined();
    const audit = await request(app.url).get(`/api/audit?entity=retention_sweep&id=${sweepId}`).set(auth(dpo)).expect(200);
    expect(JSON.stringify(audit.body)).toContain('"status":"failed"');

    const next = await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: false }).expect(200);
    expect(next.body).toMatchObject({ status: 'completed', erased: { webchat: N - erased } });
    expect(await erasedSoFar()).toBe(N);
  }, 300_000);

  it('runs every night on the job queue’s schedule, once across instances, as a scheduled sweep', async () => {
    const schedule = await withClient(testDatabase().ownerUrl, (c) =>
      c.query(`select cron, timezone from pgboss.schedule where name = 'retention-sweep'`),
    );
    expect(schedule.rows).toEqual([{ cron: '30 2 * * *', timezone: 'Europe/London' }]);
    // What the schedule queues at 02:30, queued now (for this organisation only, so that no other test's records are touched).
    const { rows } = await withClient(testDatabase().ownerUrl, (c) =>
      c.query<{ id: string }>(`select id from organisations where slug = $1`, [ORGANISATION]),
    );
    const boss = new PgBoss({
      connectionString: testDatabase().ownerUrl,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    try {
      await boss.send('retention-sweep', { organisationId: rows[0].id });
    } finally {
      await boss.stop({ graceful: false });
    }
    let scheduled: { trigger: string; status: string } | undefined;
    const deadline = Date.now() + 30_000;
    while (!scheduled && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const sweeps = await request(app.url).get('/api/retention/sweeps').set(auth(dpo)).expect(200);
      scheduled = sweeps.body.find(
        (sweep: { trigger: string; status: string }) => sweep.trigger === 'scheduled' && sweep.status === 'completed',
      );
    }
    expect(scheduled).toMatchObject({ trigger: 'scheduled', status: 'completed', dryRun: false });
  });
});
