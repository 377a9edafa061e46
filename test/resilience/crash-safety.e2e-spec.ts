import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor, WebhookReceiver } from '../support/webhook-receiver.js';
import { call, citizen, enquiryWriter, escalator, Ledger, loginAs, sleep, tally, type Actor } from './support/load.js';
import { startOwnDatabase, type OwnDatabase } from './support/own-database.js';
import { freePort } from '../support/free-port.js';
import { report } from './support/report.js';

const SECRET = 'whsec_c2lnbnBvc3QtdGVzdC1yZWNlaXZlci1zZWNyZXQ=';
const ORGANISATION = 'lancashire'; // on this test's own database: nobody else's
const SERVICE = 'blue-badge';
const KILLS = 3;

/**
 * kill -9 under load, three times, at random moments; the same database throughout. Afterwards every write the
 * service acknowledged is stored exactly once, and every acknowledged escalation reached the receiver's business
 * logic exactly once (it deduplicates on webhook-id, as Standard Webhooks receivers do).
 */
describe('crash safety: kill -9 under load', () => {
  let database: OwnDatabase;
  let app: TestApp | undefined;
  const receiver = new WebhookReceiver();
  let receiverUrl: string;
  let port: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await startOwnDatabase();
    receiverUrl = await receiver.start();
    port = await freePort();
    env = {
      ...database.appEnv(),
      PORT: String(port),
      JOB_WORKERS: 'true',
      JOB_POLL_SECONDS: '0.5',
      WEBHOOK_BACKOFF_BASE_MS: '100',
      WEBHOOK_BACKOFF_CAP_MS: '300',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_MAX_ATTEMPTS: '20',
    };
  }, 150_000);
  afterAll(async () => {
    if (app && app.process.exitCode === null) app.process.kill('SIGKILL');
    await receiver.stop();
    await database?.stop();
  });

  it('loses and duplicates nothing acknowledged: enquiries, chat messages, escalations and their deliveries', async () => {
    // One delivery attempt in ten is refused (503), so that retries cross the crashes too.
    receiver.respond = () => ({ status: Math.random() < 0.1 ? 503 : 204 });
    app = await startTestApp(env, { timeoutMs: 60_000 });
    const base = () => `http://127.0.0.1:${port}`;
    const admin = await loginAs(base(), `admin@${ORGANISATION}.demo`);
    const patched = await call(base(), 'PATCH', `/api/services/${SERVICE}`, {
      token: admin,
      body: { active: true, delivery: { type: 'webhook', url: receiverUrl, secret: SECRET } },
    });
    expect(patched).toMatchObject({ status: 200 });
    const staff = await Promise.all(['advisor', 'supervisor'].map((role) => loginAs(base(), `${role}@${ORGANISATION}.demo`)));

    const ledger = new Ledger();
    const actors: Actor[] = [
      enquiryWriter(base, staff[0], ledger),
      enquiryWriter(base, staff[1], ledger),
      escalator(base, staff[0], SERVICE, ledger),
      escalator(base, staff[1], SERVICE, ledger),
      ...Array.from({ length: 3 }, () => citizen(base, ORGANISATION, ledger)),
    ];

    const timeline: string[] = [];
    const began = Date.now();
    for (let kill = 1; kill <= KILLS; kill += 1) {
      const wait = 1500 + Math.floor(Math.random() * 2500);
      await sleep(wait);
      const victim = app;
      const exited = new Promise((resolve) => victim.process.once('exit', resolve));
      victim.process.kill('SIGKILL');
      await exited;
      timeline.push(`kill ${kill} at ${((Date.now() - began) / 1000).toFixed(1)} s (after ${wait} ms of load)`);
      const restarting = Date.now();
      app = await startTestApp(env, { timeoutMs: 60_000 });
      timeline.push(`listening again after ${Date.now() - restarting} ms`);
    }
    const beforeLastLoad = { enquiries: ledger.enquiries.length, messages: ledger.messages.length, escalations: ledger.escalations.length };
    await sleep(2000);
    await Promise.all(actors.map((actor) => actor.stop()));

    // Everything committed is delivered in the end: the backlog drains, and an attempt cut off by a kill is retried
    // once its lease (WEBHOOK_TIMEOUT_MS + 30 s) and its job expire: within a minute or so, not pg-boss's four.
    const pendingDeliveries = () =>
      database.read(
        ORGANISATION,
        async (c) =>
          (await c.query<{ n: number }>(`select count(*)::int as n from escalations where delivery_status = 'pending'`)).rows[0].n,
      );
    const settleStarted = Date.now();
    await waitFor(async () => (await pendingDeliveries()) === 0, 100_000, 'every committed escalation settled');
    const settledAfterMs = Date.now() - settleStarted;

    const stored = await database.read(ORGANISATION, async (c) => ({
      enquiries: (
        await c.query<{ id: string; description: string }>(`select id, description from enquiries where description = any($1)`, [
          ledger.enquiries.map((e) => e.marker),
        ])
      ).rows,
      messages: (
        await c.query<{ id: string; text: string }>(`select id, text from chat_messages where text = any($1)`, [
          ledger.messages.map((m) => m.text),
        ])
      ).rows,
      escalations: (
        await c.query<{ id: string; enquiry_id: string; message_id: string; delivery_status: string }>(
          `select id, enquiry_id, message_id, delivery_status from escalations where enquiry_id = any($1)`,
          [ledger.escalations.map((e) => e.enquiryId)],
        )
      ).rows,
      allEscalations: (
        await c.query<{ id: string; message_id: string; delivery_status: string }>(
          `select id, message_id, delivery_status from escalations`,
        )
      ).rows,
    }));

    // Each kind: acknowledged, stored (the acknowledged id present), lost, duplicated (more than one row for one acknowledged write).
    const count = <T>(
      acknowledged: T[],
      key: (a: T) => string,
      ackId: (a: T) => string,
      rows: { id: string }[],
      rowKey: (r: never) => string,
    ) => {
      const ids = new Set(rows.map((r) => r.id));
      const perKey = tally(rows.map((r) => rowKey(r as never)));
      const present = acknowledged.filter((a) => ids.has(ackId(a))).length;
      return {
        acknowledged: acknowledged.length,
        stored: present,
        lost: acknowledged.length - present,
        duplicated: acknowledged.filter((a) => (perKey.get(key(a)) ?? 0) > 1).length,
      };
    };
    const enquiries = count(
      ledger.enquiries,
      (e) => e.marker,
      (e) => e.id,
      stored.enquiries,
      (r: { description: string }) => r.description,
    );
    const messages = count(
      ledger.messages,
      (m) => m.text,
      (m) => m.id,
      stored.messages,
      (r: { text: string }) => r.text,
    );
    const escalations = count(
      ledger.escalations,
      (e) => e.enquiryId,
      (e) => e.id,
      stored.escalations,
      (r: { enquiry_id: string }) => r.enquiry_id,
    );

    // Deliveries: the receiver's business logic saw each webhook-id once; raw requests show the retries.
    const messageIdOf = new Map(stored.allEscalations.map((e) => [e.id, e.message_id]));
    const rawPerId = tally(receiver.requests.map((r) => String(r.headers['webhook-id'])));
    const acceptedEscalationIds = tally(
      [...receiver.accepted.values()].map((body) => (body as { data: { escalationId: string } }).data.escalationId),
    );
    const deliveredAck = ledger.escalations.filter((e) => receiver.accepted.has(messageIdOf.get(e.id) ?? '')).length;
    const deliveries = {
      acknowledged: ledger.escalations.length,
      stored: deliveredAck,
      lost: ledger.escalations.length - deliveredAck,
      duplicated: [...acceptedEscalationIds.values()].filter((n) => n > 1).length,
    };
    const committed = stored.allEscalations.length;
    const retried = [...rawPerId.values()].filter((n) => n > 1).length;
    // Accepted (2xx) more than once: delivered, then re-sent because a kill came before the outcome was recorded.
    const resentAfterDelivery = [
      ...tally(receiver.requests.filter((r) => r.status < 300).map((r) => String(r.headers['webhook-id']))).values(),
    ].filter((n) => n > 1).length;
    const rawRequests = receiver.requests.length;

    report('crash safety', [
      ...timeline,
      `enquiries: acknowledged ${enquiries.acknowledged}, stored ${enquiries.stored}, lost ${enquiries.lost}, duplicated ${enquiries.duplicated}`,
      `chat messages: acknowledged ${messages.acknowledged}, stored ${messages.stored}, lost ${messages.lost}, duplicated ${messages.duplicated}`,
      `escalations: acknowledged ${escalations.acknowledged}, stored ${escalations.stored}, lost ${escalations.lost}, duplicated ${escalations.duplicated}`,
      `deliveries (receiver's business logic, deduplicated on webhook-id): acknowledged ${deliveries.acknowledged}, delivered ${deliveries.stored}, lost ${deliveries.lost}, duplicated ${deliveries.duplicated}`,
      `escalations committed ${committed} (acknowledged ${ledger.escalations.length} + committed while the acknowledgement was lost in a crash ${committed - ledger.escalations.length}); receiver accepted ${receiver.accepted.size} webhook-ids from ${rawRequests} requests; ${retried} webhook-ids arrived more than once (max ${Math.max(0, ...rawPerId.values())} requests for one), ${resentAfterDelivery} of them accepted twice (re-sent after a kill cut off recording the outcome; deduplicated by the receiver)`,
      `backlog settled ${settledAfterMs} ms after the load stopped`,
      `outcomes: ${ledger.summary()}`,
    ]);

    // The service came back each time: work was acknowledged after the last restart too, and each citizen carried
    // its one chat across every crash with its resume token.
    expect(ledger.enquiries.length).toBeGreaterThan(beforeLastLoad.enquiries);
    expect(ledger.messages.length).toBeGreaterThan(beforeLastLoad.messages);
    expect(ledger.escalations.length).toBeGreaterThan(beforeLastLoad.escalations);
    expect(ledger.outcomes.get('chat-start ack')).toBe(3);
    expect(enquiries.acknowledged).toBeGreaterThan(20);
    expect(messages.acknowledged).toBeGreaterThan(20);
    expect(escalations.acknowledged).toBeGreaterThan(5);
    expect(enquiries).toMatchObject({ lost: 0, duplicated: 0 });
    expect(messages).toMatchObject({ lost: 0, duplicated: 0 });
    expect(escalations).toMatchObject({ lost: 0, duplicated: 0 });
    expect(deliveries).toMatchObject({ lost: 0, duplicated: 0 });
    // Everything committed, acknowledged or not, was delivered, once.
    expect(stored.allEscalations.every((e) => e.delivery_status === 'delivered')).toBe(true);
    expect(receiver.accepted.size).toBe(committed);
    // Message numbers stay unique per chat, as resume relies on them.
    const seqs = tally(ledger.messages.map((m) => `${m.chatId}/${m.seq}`));
    expect([...seqs.values()].every((n) => n === 1)).toBe(true);
  }, 280_000);
});
