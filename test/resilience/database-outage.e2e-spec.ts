import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor, WebhookReceiver } from '../support/webhook-receiver.js';
import { call, citizen, enquiryWriter, escalator, Ledger, loginAs, sleep, tally, type Actor, type Outcome } from './support/load.js';
import { startOwnDatabase, type OwnDatabase } from './support/own-database.js';
import { report } from './support/report.js';

const SECRET = 'whsec_c2lnbnBvc3QtdGVzdC1yZWNlaXZlci1zZWNyZXQ=';
const ORGANISATION = 'lancashire'; // on this test's own database
const SERVICE = 'blue-badge';

/**
 * PostgreSQL stopped abruptly (immediate shutdown: every connection dropped, no checkpoint) in the middle of the
 * load, and started again a few seconds later. The app must live through it, say so on /health, answer with JSON
 * 503s rather than 500s or silence, and lose nothing it acknowledged.
 */
describe('database outage under load', () => {
  let database: OwnDatabase;
  let app: TestApp;
  const receiver = new WebhookReceiver();
  let receiverUrl: string;

  beforeAll(async () => {
    database = await startOwnDatabase();
    receiverUrl = await receiver.start();
    app = await startTestApp(
      {
        ...database.appEnv(),
        JOB_WORKERS: 'true',
        JOB_POLL_SECONDS: '0.5',
        WEBHOOK_BACKOFF_BASE_MS: '100',
        WEBHOOK_BACKOFF_CAP_MS: '300',
        WEBHOOK_TIMEOUT_MS: '1000',
      },
      { timeoutMs: 60_000 },
    );
  }, 150_000);
  afterAll(async () => {
    if (app && app.process.exitCode === null) app.process.kill('SIGKILL');
    await receiver.stop();
    await database?.stop();
  });

  it('survives: /health 503 then 200, JSON 503 DATABASE_UNAVAILABLE meanwhile, nothing acknowledged lost', async () => {
    const base = () => app.url;
    const admin = await loginAs(base(), `admin@${ORGANISATION}.demo`);
    expect(
      await call(base(), 'PATCH', `/api/services/${SERVICE}`, {
        token: admin,
        body: { active: true, delivery: { type: 'webhook', url: receiverUrl, secret: SECRET } },
      }),
    ).toMatchObject({ status: 200 });
    const advisor = await loginAs(base(), `advisor@${ORGANISATION}.demo`);
    const supervisor = await loginAs(base(), `supervisor@${ORGANISATION}.demo`);

    // /health every 200 ms, with when and how long each answer took.
    const health: { at: number; status: number | string; ms: number }[] = [];
    let polling = true;
    const began = Date.now();
    const poller = (async () => {
      while (polling) {
        const outcome = await call(base(), 'GET', '/health', { timeoutMs: 10_000 });
        health.push({ at: Date.now() - began, status: 'status' in outcome ? outcome.status : outcome.error, ms: outcome.ms });
        await sleep(200);
      }
    })();
    // Reads too: the list of enquiries, as an advisor's inbox polls it.
    const reads: Outcome[] = [];
    const reader = (async () => {
      while (polling) {
        reads.push(await call(base(), 'GET', '/api/enquiries?pageSize=5', { token: supervisor, timeoutMs: 20_000 }));
        await sleep(150);
      }
    })();

    const ledger = new Ledger();
    const actors: Actor[] = [
      enquiryWriter(base, advisor, ledger, 100),
      enquiryWriter(base, supervisor, ledger, 100),
      escalator(base, advisor, SERVICE, ledger, 100),
      citizen(base, ORGANISATION, ledger, 300),
      citizen(base, ORGANISATION, ledger, 300),
    ];
    await sleep(3000);
    const acknowledgedBefore = ledger.enquiries.length;
    const crashAt = Date.now() - began;
    await database.crash();
    await sleep(5000);
    const restartAt = Date.now() - began;
    await database.start();
    const startedAt = Date.now() - began;
    await waitFor(() => health.some((h) => h.at > startedAt && h.status === 200), 30_000, '/health 200 after the database is back').catch(
      (error: unknown) => {
        // What the service said meanwhile (warnings, errors, fatal lines and anything not JSON, such as a stack
        // trace), and whether it is still running, to tell a slow recovery from a stuck pool or a crash.
        const errors = app
          .output()
          .split('\n')
          .filter((line) => !/"level":(10|20|30)/.test(line))
          .slice(-20);
        report('database outage: no recovery', [
          `service process: ${app.process.exitCode === null ? 'running' : `exited with ${app.process.exitCode}`}`,
          `/health: ${health
            .slice(-10)
            .map((h) => `${h.at} ms ${h.status}`)
            .join(', ')}`,
          ...errors,
        ]);
        throw error;
      },
    );
    const healthyAt = health.find((h) => h.at > startedAt && h.status === 200)!.at;
    const acknowledgedBeforeRecovery = ledger.enquiries.length;
    await sleep(3000);
    await Promise.all(actors.map((actor) => actor.stop()));
    polling = false;
    await Promise.all([poller, reader]);

    const pendingDeliveries = () =>
      database.read(
        ORGANISATION,
        async (c) =>
          (await c.query<{ n: number }>(`select count(*)::int as n from escalations where delivery_status = 'pending'`)).rows[0].n,
      );
    await waitFor(async () => (await pendingDeliveries()) === 0, 100_000, 'every committed escalation delivered');

    const stored = await database.read(ORGANISATION, async (c) => ({
      enquiries: tally(
        (
          await c.query<{ description: string }>(`select description from enquiries where description = any($1)`, [
            ledger.enquiries.map((e) => e.marker),
          ])
        ).rows.map((r) => r.description),
      ),
      messages: (
        await c.query<{ id: string; text: string }>(`select id, text from chat_messages where id = any($1) or text = any($2)`, [
          ledger.messages.map((m) => m.id),
          ledger.messages.map((m) => m.text),
        ])
      ).rows,
      escalations: tally(
        (await c.query<{ id: string }>(`select id from escalations where id = any($1)`, [ledger.escalations.map((e) => e.id)])).rows.map(
          (r) => r.id,
        ),
      ),
      committedEscalations: (await c.query<{ message_id: string }>(`select message_id from escalations`)).rows.map((r) => r.message_id),
    }));
    const figures = (keys: string[], rows: Map<string, number>) => ({
      acknowledged: keys.length,
      stored: keys.filter((k) => rows.has(k)).length,
      lost: keys.filter((k) => !rows.has(k)).length,
      duplicated: keys.filter((k) => (rows.get(k) ?? 0) > 1).length,
    });
    const enquiries = figures(
      ledger.enquiries.map((e) => e.marker),
      stored.enquiries,
    );
    // A message is found by the id its acknowledgement gave; a duplicate would be another row with its text.
    const messageIds = new Set(stored.messages.map((m) => m.id));
    const messageTexts = tally(stored.messages.map((m) => m.text));
    const messages = {
      acknowledged: ledger.messages.length,
      stored: ledger.messages.filter((m) => messageIds.has(m.id)).length,
      lost: ledger.messages.filter((m) => !messageIds.has(m.id)).length,
      duplicated: ledger.messages.filter((m) => (messageTexts.get(m.text) ?? 0) > 1).length,
    };
    const escalations = figures(
      ledger.escalations.map((e) => e.id),
      stored.escalations,
    );

    // Every answer from the API during the outage: a success, or a JSON 503 naming the cause. No 500, no hang,
    // no refused connection (the process is alive).
    const writes = [...ledger.outcomes.entries()].filter(([key]) => key.startsWith('enquiry') || key.startsWith('escalation'));
    const readStatuses = tally(
      reads.map((r) => ('status' in r ? `${r.status}${r.status >= 400 ? ` ${String(r.body.code)}` : ''}` : r.error)),
    );
    const outageHealth = health.filter((h) => h.at > crashAt && h.at < healthyAt);
    const slowestHealthMs = Math.max(...health.map((h) => h.ms));
    const slowestReadMs = Math.max(...reads.map((r) => r.ms));
    const slowestWriteMs = Math.max(ledger.slowest.get('enquiry') ?? 0, ledger.slowest.get('escalation') ?? 0);

    report('database outage', [
      `database stopped (immediate shutdown) at ${(crashAt / 1000).toFixed(1)} s, started again at ${(restartAt / 1000).toFixed(1)} s (ready at ${(startedAt / 1000).toFixed(1)} s); /health 200 again at ${(healthyAt / 1000).toFixed(1)} s`,
      `/health during the outage: ${[...tally(outageHealth.map((h) => String(h.status))).entries()].map(([s, n]) => `${s} ×${n}`).join(', ')}; slowest /health answer ${slowestHealthMs} ms`,
      `writes: ${writes.map(([key, n]) => `${key}: ${n}`).join(', ')}; slowest ${slowestWriteMs} ms`,
      `reads (GET /api/enquiries): ${[...readStatuses.entries()].map(([s, n]) => `${s}: ${n}`).join(', ')}; slowest ${slowestReadMs} ms`,
      `chat: ${[...ledger.outcomes.entries()]
        .filter(([key]) => key.startsWith('chat'))
        .map(([key, n]) => `${key}: ${n}`)
        .join(', ')}`,
      `enquiries: acknowledged ${enquiries.acknowledged} (${acknowledgedBefore} before the stop, ${acknowledgedBeforeRecovery - acknowledgedBefore} until healthy again), stored ${enquiries.stored}, lost ${enquiries.lost}, duplicated ${enquiries.duplicated}`,
      `chat messages: acknowledged ${messages.acknowledged}, stored ${messages.stored}, lost ${messages.lost}, duplicated ${messages.duplicated}`,
      `escalations: acknowledged ${escalations.acknowledged}, stored ${escalations.stored}, lost ${escalations.lost}, duplicated ${escalations.duplicated}; committed ${stored.committedEscalations.length}, delivered once each: ${stored.committedEscalations.every((id) => receiver.accepted.has(id))}`,
      `app process alive after the outage: ${app.process.exitCode === null}`,
    ]);

    expect(app.process.exitCode).toBeNull();
    expect(health.filter((h) => h.at < crashAt).every((h) => h.status === 200)).toBe(true);
    expect(outageHealth.some((h) => h.status === 503)).toBe(true);
    expect(outageHealth.every((h) => h.status === 503 || h.status === 200)).toBe(true);
    expect(slowestHealthMs).toBeLessThan(5000);
    for (const [key] of writes) expect(key).toMatch(/^(enquiry|escalation) (201|503 DATABASE_UNAVAILABLE)$/);
    expect(writes.some(([key]) => key.endsWith('503 DATABASE_UNAVAILABLE'))).toBe(true);
    for (const status of readStatuses.keys()) expect(status).toMatch(/^(200|503 DATABASE_UNAVAILABLE)$/);
    expect(slowestReadMs).toBeLessThan(10_000);
    expect(slowestWriteMs).toBeLessThan(10_000);
    // A socket event during the outage is refused with the same code, never "internal error".
    for (const [key] of ledger.outcomes)
      if (key.startsWith('chat-message') || key.startsWith('chat-start')) expect(key).toMatch(/ (ack|DATABASE_UNAVAILABLE)$/);
    expect(acknowledgedBefore).toBeGreaterThan(0);
    expect(enquiries.acknowledged).toBeGreaterThan(acknowledgedBeforeRecovery); // writes succeed again afterwards
    expect(enquiries).toMatchObject({ lost: 0, duplicated: 0 });
    expect(messages).toMatchObject({ lost: 0, duplicated: 0 });
    expect(escalations).toMatchObject({ lost: 0, duplicated: 0 });
    expect(stored.committedEscalations.every((id) => receiver.accepted.has(id))).toBe(true);
    expect(receiver.accepted.size).toBe(stored.committedEscalations.length);

    expect(await app.stop()).toBe(0);
  }, 200_000);
});
