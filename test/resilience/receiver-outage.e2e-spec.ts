import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/webhook-receiver.js';
import { bodyOf, call, enquiryBody, loginAs, sleep } from './support/load.js';
import { OutageReceiver, type Attempt } from './support/outage-receiver.js';
import { startOwnDatabase, type OwnDatabase } from './support/own-database.js';
import { report } from './support/report.js';

const SECRET = 'whsec_c2lnbnBvc3QtdGVzdC1yZWNlaXZlci1zZWNyZXQ=';
const ORGANISATION = 'lancashire'; // on this test's own database: no other worker takes these jobs
const BASE_MS = 100;
const CAP_MS = 1600;
const MAX_ATTEMPTS = 15;
const TIMEOUT_MS = 1000;
/** Scheduling, the database and a loaded two-core machine add to every gap; the jitter itself is within the ceiling. */
const SLACK_MS = 1500;

const ceiling = (afterAttempt: number) => Math.min(CAP_MS, BASE_MS * 2 ** (afterAttempt - 1));
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
const gapsOf = (attempts: Attempt[]) => attempts.slice(1).map((attempt, i) => attempt.at - attempts[i].at);

/**
 * A back-office receiver's outage, three ways at once, one service each:
 *  - recovering (blue-badge): paused (takes the request, never answers: timeouts), then failing (500), then healthy;
 *  - failing for good (nowcard): 500 until the last attempt, then dead-lettered and replayed;
 *  - gone (school-transport): 410, which disables the endpoint until it is saved again.
 */
describe('receiver outage: backoff with jitter, no storm on recovery, dead letter, 410 and replay', () => {
  let database: OwnDatabase;
  let app: TestApp;
  const receiver = new OutageReceiver();

  beforeAll(async () => {
    database = await startOwnDatabase();
    await receiver.start();
    app = await startTestApp(
      {
        ...database.appEnv(),
        JOB_WORKERS: 'true',
        JOB_POLL_SECONDS: '0.5',
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
        WEBHOOK_BACKOFF_BASE_MS: String(BASE_MS),
        WEBHOOK_BACKOFF_CAP_MS: String(CAP_MS),
        WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      },
      { timeoutMs: 60_000 },
    );
  }, 150_000);
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
    await database?.stop();
  });

  it('backs off with growing, varying, capped gaps; recovers without a storm; dead-letters; 410 disables; replay delivers once', async () => {
    const admin = await loginAs(app.url, `admin@${ORGANISATION}.demo`);
    const advisor = await loginAs(app.url, `advisor@${ORGANISATION}.demo`);
    const supervisor = await loginAs(app.url, `supervisor@${ORGANISATION}.demo`);
    const pointAt = async (service: string, path: string) =>
      expect(
        await call(app.url, 'PATCH', `/api/services/${service}`, {
          token: admin,
          body: { active: true, delivery: { type: 'webhook', url: receiver.url(path), secret: SECRET } },
        }),
      ).toMatchObject({ status: 200 });
    await pointAt('blue-badge', '/recovering');
    await pointAt('nowcard', '/failing');
    await pointAt('school-transport', '/gone');
    receiver.set('/recovering', 'paused');
    receiver.set('/failing', { status: 500 });
    receiver.set('/gone', { status: 410 });

    const escalate = async (service: string) => {
      const created = await call(app.url, 'POST', '/api/enquiries', {
        token: advisor,
        body: enquiryBody(`resilience-outage-${service}-${Math.random()}`),
      });
      expect(created).toMatchObject({ status: 201 });
      const enquiryId = bodyOf(created).id as string;
      return call(app.url, 'POST', `/api/enquiries/${enquiryId}/escalations`, {
        token: advisor,
        body: { service, reasonForReferral: 'Outage test', actionsAlreadyTaken: 'None' },
      });
    };
    const escalateOk = async (service: string) => {
      const outcome = await escalate(service);
      expect(outcome).toMatchObject({ status: 201 });
      return bodyOf(outcome).id as string;
    };
    const inBatches = async (service: string, n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i += 4)
        ids.push(...(await Promise.all(Array.from({ length: Math.min(4, n - i) }, () => escalateOk(service)))));
      return ids;
    };

    // The outage begins: a backlog for the paused receiver, a few for the failing one, one for the gone one.
    const failing = await inBatches('nowcard', 4);
    const gone = await escalateOk('school-transport');
    const recovering = await inBatches('blue-badge', 20);
    const pausedAt = receiver.now();
    await sleep(3000);
    receiver.set('/recovering', { status: 500 });
    const failingAt = receiver.now();
    await sleep(3000);
    receiver.set('/recovering', { status: 204 });
    const recoveredAt = receiver.now();

    const webhookIds = await database.read(
      ORGANISATION,
      async (c) =>
        new Map(
          (
            await c.query<{ id: string; message_id: string }>(`select id, message_id from escalations where id = any($1)`, [
              [...failing, gone, ...recovering],
            ])
          ).rows.map((r) => [r.id, r.message_id]),
        ),
    );
    const status = (id: string) =>
      database.read(
        ORGANISATION,
        async (c) =>
          (await c.query<{ delivery_status: string }>(`select delivery_status from escalations where id = $1`, [id])).rows[0]
            .delivery_status,
      );

    await waitFor(
      () => recovering.every((id) => receiver.accepted.has(webhookIds.get(id)!)),
      30_000,
      'the backlog delivered after recovery',
    );
    await waitFor(
      async () => (await Promise.all(failing.map(status))).every((s) => s === 'dead'),
      60_000,
      'dead letters after the last attempt',
    );
    await waitFor(async () => (await status(gone)) === 'dead', 20_000, 'dead after 410');
    const quietFrom = receiver.now();
    await sleep(1500); // nothing more comes for what was delivered
    const lateRequests = receiver.attempts.filter((a) => a.at > quietFrom && a.path === '/recovering').length;

    // Dead letters are listed for a supervisor, with the last error.
    const dead = await call(app.url, 'GET', '/api/escalations?deliveryStatus=dead', { token: supervisor });
    expect(dead).toMatchObject({ status: 200 });
    const deadList = bodyOf(dead) as unknown as { id: string; lastError: string; attempts: number }[];
    for (const id of failing) expect(deadList.find((e) => e.id === id)).toMatchObject({ lastError: 'HTTP 500', attempts: MAX_ATTEMPTS });
    expect(deadList.find((e) => e.id === gone)).toMatchObject({ lastError: 'HTTP 410', attempts: 1 });

    // 410 disabled the endpoint: a new escalation to it is refused until the endpoint is saved again.
    const refused = await escalate('school-transport');
    expect(refused).toMatchObject({ status: 409, body: { code: 'SERVICE_ENDPOINT_DISABLED' } });

    // Replay: only a supervisor; delivered once, with the webhook-id of the earlier attempts.
    receiver.set('/failing', { status: 204 });
    expect(await call(app.url, 'POST', `/api/escalations/${failing[0]}/replay`, { token: advisor })).toMatchObject({ status: 403 });
    const replayedAt = receiver.now();
    expect(await call(app.url, 'POST', `/api/escalations/${failing[0]}/replay`, { token: supervisor })).toMatchObject({ status: 200 });
    await pointAt('school-transport', '/gone'); // saved again: the endpoint gets another chance
    receiver.set('/gone', { status: 204 });
    expect(await call(app.url, 'POST', `/api/escalations/${gone}/replay`, { token: supervisor })).toMatchObject({ status: 200 });
    await waitFor(
      async () => (await status(failing[0])) === 'delivered' && (await status(gone)) === 'delivered',
      20_000,
      'replayed deliveries',
    );
    await sleep(1000);
    expect(await escalate('school-transport')).toMatchObject({ status: 201 });

    // --- figures ---
    const failingAttempts = receiver.byWebhookId('/failing');
    const recoveringAttempts = receiver.byWebhookId('/recovering');
    // Backoff, from the failing service (fast 500s, so a gap is the backoff delay plus scheduling).
    const outageAttempts = failing.map((id) => failingAttempts.get(webhookIds.get(id)!)!.filter((a) => a.at < replayedAt));
    const gapsByAttempt = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, k) =>
      outageAttempts.map((attempts) => gapsOf(attempts)[k]).filter((g) => g !== undefined),
    );
    const capped = gapsByAttempt.slice(5).flat();
    const replayRequests = failingAttempts.get(webhookIds.get(failing[0])!)!.filter((a) => a.at >= replayedAt);
    const goneAttempts = receiver.byWebhookId('/gone').get(webhookIds.get(gone)!)!;
    // Recovery: what the backlog sent while paused, while failing, and after recovery.
    const perId = recovering.map((id) => recoveringAttempts.get(webhookIds.get(id)!) ?? []);
    const afterRecovery = perId.map((attempts) => attempts.filter((a) => a.at >= recoveredAt));
    const recoveryTimes = afterRecovery
      .flat()
      .map((a) => a.at - recoveredAt)
      .sort((a, b) => a - b);
    const peakPer100ms = Math.max(...recoveryTimes.map((t) => recoveryTimes.filter((u) => u >= t && u < t + 100).length));
    const heldGaps = perId.flatMap((attempts) => gapsOf(attempts.filter((a) => a.at < failingAt)));
    const attemptsPerEscalation = perId.map((attempts) => attempts.length);

    report('receiver outage', [
      `backoff (base ${BASE_MS} ms, cap ${CAP_MS} ms, full jitter; receiver answering 500), gap before attempt n+1 across ${failing.length} referrals, min–max (mean) [ceiling]:`,
      ...gapsByAttempt.map(
        (gaps, k) =>
          `  after attempt ${k + 1}: ${Math.min(...gaps)}–${Math.max(...gaps)} ms (${Math.round(mean(gaps))}) [${ceiling(k + 1)}]`,
      ),
      `dead-lettered after ${MAX_ATTEMPTS} attempts each: ${failing.length}, listed by GET /api/escalations?deliveryStatus=dead with lastError HTTP 500`,
      `paused receiver (timeout ${TIMEOUT_MS} ms): ${heldGaps.length} retries of timed-out attempts, gaps ${Math.min(...heldGaps)}–${Math.max(...heldGaps)} ms`,
      `recovering receiver: ${recovering.length} referrals in the backlog, paused ${((failingAt - pausedAt) / 1000).toFixed(1)} s then 500 for ${((recoveredAt - failingAt) / 1000).toFixed(1)} s; attempts per referral ${Math.min(...attemptsPerEscalation)}–${Math.max(...attemptsPerEscalation)}`,
      `after recovery: ${afterRecovery.flat().length} requests for ${recovering.length} referrals (max ${Math.max(...afterRecovery.map((a) => a.length))} per webhook-id), spread over ${recoveryTimes.at(-1)} ms, at most ${peakPer100ms} in any 100 ms; ${lateRequests} requests once delivered`,
      `410: dead after ${goneAttempts.filter((a) => a.at < replayedAt).length} attempt, endpoint disabled (new escalation 409 SERVICE_ENDPOINT_DISABLED), saved again, replayed: ${goneAttempts.filter((a) => a.at >= replayedAt).length} request, same webhook-id`,
      `replay of a dead letter: ${replayRequests.length} request (${replayRequests.map((a) => a.outcome).join(', ')}), same webhook-id as its ${MAX_ATTEMPTS} earlier attempts`,
    ]);

    // One webhook-id per referral, on every attempt.
    expect(new Set([...webhookIds.values()]).size).toBe(webhookIds.size);
    // Dead letter after exactly MAX_ATTEMPTS, no more.
    for (const attempts of outageAttempts) expect(attempts).toHaveLength(MAX_ATTEMPTS);
    // Gaps within their ceilings (plus scheduling slack), capped, growing, and varying (jitter).
    gapsByAttempt.forEach((gaps, k) => gaps.forEach((gap) => expect(gap).toBeLessThanOrEqual(ceiling(k + 1) + SLACK_MS)));
    expect(Math.max(...capped)).toBeLessThanOrEqual(CAP_MS + SLACK_MS);
    expect(mean(capped)).toBeGreaterThan(mean(gapsByAttempt[0]) + 300);
    expect(Math.max(...capped) - Math.min(...capped)).toBeGreaterThan(300);
    // A paused receiver costs the sender its timeout per attempt, then the backoff.
    expect(Math.min(...heldGaps)).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    // Recovery: one request per referral still owed, none twice, none after delivery; nothing dead.
    for (const attempts of afterRecovery) expect(attempts).toHaveLength(1);
    expect(lateRequests).toBe(0);
    for (const attempts of perId) expect(attempts.length).toBeLessThan(MAX_ATTEMPTS);
    expect(recovering.every((id) => receiver.accepted.has(webhookIds.get(id)!))).toBe(true);
    // 410: one attempt, dead; after saving again, replay delivers once with the same webhook-id.
    expect(goneAttempts.map((a) => a.outcome)).toEqual([410, 204]);
    expect(replayRequests.map((a) => a.outcome)).toEqual([204]);
    expect(receiver.accepted.has(webhookIds.get(failing[0])!)).toBe(true);
    expect([...receiver.accepted.values()].filter((a) => a.path === '/failing')).toHaveLength(1);
  }, 200_000);
});
