import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { provisionOrganisation } from '../support/provision.js';
import { asTenant, startTestApp, testDatabase, type TestApp } from '../support/test-app.js';
import { call, citizen, enquiryBody, enquiryWriter, Ledger, loginAs, sleep, tally, type Actor } from './support/load.js';
import { report } from './support/report.js';

/**
 * SIGTERM in the middle of steady load (on the shared database, in an organisation of the test's own; no job
 * workers). Every request the service took up gets its whole answer, later ones are refused, the process exits 0
 * within 30 s, and whatever it acknowledged is stored, once.
 */
describe('graceful shutdown under load', () => {
  let app: TestApp;
  let slug: string;

  beforeAll(async () => {
    slug = `graceful-${randomUUID().slice(0, 8)}`;
    await provisionOrganisation(slug);
    app = await startTestApp({}, { timeoutMs: 60_000 });
  }, 90_000);
  afterAll(async () => {
    if (app && app.process.exitCode === null) app.process.kill('SIGKILL');
  });

  it('finishes in-flight work, refuses new work, exits 0 within 30 s and loses nothing acknowledged', async () => {
    const base = () => app.url;
    const advisor = await loginAs(base(), `advisor@${slug}.test`);
    const supervisor = await loginAs(base(), `supervisor@${slug}.test`);
    const ledger = new Ledger();

    // Writers on a connection each; a reader on a keep-alive connection (as a browser or proxy holds one); /health.
    const actors: Actor[] = [
      enquiryWriter(base, advisor, ledger, 20),
      enquiryWriter(base, advisor, ledger, 20),
      enquiryWriter(base, supervisor, ledger, 20),
      enquiryWriter(base, supervisor, ledger, 20),
      citizen(base, slug, ledger, 200),
      citizen(base, slug, ledger, 200),
    ];
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const reads: { sentAt: number; outcome: string }[] = [];
    const health: { sentAt: number; outcome: string }[] = [];
    let running = true;
    const began = Date.now();
    const keepAliveRead = () =>
      new Promise<string>((resolve) => {
        const request = http.get(
          `${base()}/api/enquiries?pageSize=5`,
          { agent: keepAlive, headers: { authorization: `Bearer ${supervisor}` } },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
            response.on('end', () => {
              let code: string;
              try {
                code = response.statusCode === 503 ? ` ${String((JSON.parse(body) as { code?: string }).code)}` : '';
              } catch {
                code = ' (not JSON)';
              }
              resolve(`${response.statusCode}${code}`);
            });
            response.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
          },
        );
        request.setTimeout(20_000, () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
    const reader = (async () => {
      while (running) {
        const sentAt = Date.now();
        reads.push({ sentAt, outcome: await keepAliveRead() });
        await sleep(10);
      }
    })();
    const poller = (async () => {
      while (running) {
        const sentAt = Date.now();
        const outcome = await call(base(), 'GET', '/health', { timeoutMs: 10_000 });
        health.push({ sentAt, outcome: 'status' in outcome ? `${outcome.status}` : outcome.error });
        await sleep(50);
      }
    })();

    await sleep(3000);
    // A request in flight across the signal: an upload whose second half comes 1.5 s after SIGTERM.
    const slowMarker = `resilience-enquiry-slow-${randomUUID()}`;
    const slowBody = JSON.stringify(enquiryBody(slowMarker));
    let sendRest = () => undefined as void;
    const slow = new Promise<string>((resolve) => {
      const request = http.request(
        `${base()}/api/enquiries`,
        {
          method: 'POST',
          agent: false,
          headers: {
            authorization: `Bearer ${advisor}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(slowBody),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(String(response.statusCode)));
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      request.write(slowBody.slice(0, 40));
      sendRest = () => void request.end(slowBody.slice(40));
    });
    await sleep(500); // its headers are in: the service has taken it up
    const acknowledgedAtSignal = ledger.enquiries.length;
    // "After SIGTERM" means after the service said it began draining, not when the signal was sent.
    let drainingAt = Number.POSITIVE_INFINITY;
    app.process.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('SIGTERM received')) drainingAt = Math.min(drainingAt, Date.now());
    });
    const signalledAt = Date.now();
    const stopped = app.stop();
    await sleep(1500);
    sendRest();
    const slowOutcome = await slow;
    const code = await stopped;
    const exitMs = Date.now() - signalledAt;
    await sleep(500);
    running = false;
    await Promise.all([...actors.map((actor) => actor.stop()), reader, poller]);
    keepAlive.destroy();

    // What the database holds for this organisation, against what the clients were told.
    const stored = await asTenant(testDatabase().ownerUrl, slug, async (c) => ({
      enquiries: tally(
        (await c.query<{ description: string }>(`select description from enquiries where channel = 'phone'`)).rows.map(
          (r) => r.description,
        ),
      ),
      messages: tally((await c.query<{ text: string }>(`select text from chat_messages`)).rows.map((r) => r.text)),
    }));
    const ackedMarkers = new Set([...ledger.enquiries.map((e) => e.marker), ...(slowOutcome === '201' ? [slowMarker] : [])]);
    const enquiries = {
      acknowledged: ledger.enquiries.length,
      stored: ledger.enquiries.filter((e) => stored.enquiries.has(e.marker)).length,
      lost: ledger.enquiries.filter((e) => !stored.enquiries.has(e.marker)).length,
      duplicated: ledger.enquiries.filter((e) => (stored.enquiries.get(e.marker) ?? 0) > 1).length,
      // Stored, but the client never heard: a request taken up and then cut off.
      unanswered: [...stored.enquiries.keys()].filter((marker) => !ackedMarkers.has(marker)).length,
    };
    const ackedTexts = new Set(ledger.messages.map((m) => m.text));
    const messages = {
      acknowledged: ledger.messages.length,
      stored: ledger.messages.filter((m) => stored.messages.has(m.text)).length,
      lost: ledger.messages.filter((m) => !stored.messages.has(m.text)).length,
      duplicated: ledger.messages.filter((m) => (stored.messages.get(m.text) ?? 0) > 1).length,
      unanswered: [...stored.messages.keys()].filter((text) => !ackedTexts.has(text)).length,
    };
    // The service's own record of what it answered: every 201 it logged reached its client.
    const logged201 = app
      .output()
      .split('\n')
      .filter(
        (line) => line.includes('"route":"/api/enquiries"') && line.includes('"method":"POST"') && line.includes('"statusCode":201'),
      ).length;

    const afterSignal = (entries: { sentAt: number; outcome: string }[]) =>
      tally(entries.filter((e) => e.sentAt > drainingAt).map((e) => e.outcome));
    const format = (counts: Map<string, number>) => [...counts.entries()].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
    report('graceful shutdown', [
      `SIGTERM at ${((signalledAt - began) / 1000).toFixed(1)} s with ${acknowledgedAtSignal} enquiries acknowledged so far; exit code ${code} after ${exitMs} ms`,
      `an upload in flight across the signal (second half sent 1.5 s after SIGTERM): ${slowOutcome}, stored ${stored.enquiries.get(slowMarker) ?? 0} time(s)`,
      `writes (POST /api/enquiries, a connection each): ${ledger.summary()}`,
      `writes answered 201 by the service (its log): ${logged201}; received by clients: ${ledger.enquiries.length}`,
      `draining began ${drainingAt - signalledAt} ms after the signal was sent`,
      `keep-alive reads sent once draining: ${format(afterSignal(reads))}`,
      `/health sent once draining: ${format(afterSignal(health))}`,
      `enquiries: acknowledged ${enquiries.acknowledged}, stored ${enquiries.stored}, lost ${enquiries.lost}, duplicated ${enquiries.duplicated}, stored without an answer ${enquiries.unanswered}`,
      `chat messages: acknowledged ${messages.acknowledged}, stored ${messages.stored}, lost ${messages.lost}, duplicated ${messages.duplicated}, stored without an acknowledgement ${messages.unanswered}`,
    ]);

    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(30_000);
    expect(enquiries.acknowledged).toBeGreaterThan(10);
    // In flight at the signal: finished, answered and stored once.
    expect(slowOutcome).toBe('201');
    expect(stored.enquiries.get(slowMarker)).toBe(1);
    expect(enquiries).toMatchObject({ lost: 0, duplicated: 0, unanswered: 0 });
    expect(messages).toMatchObject({ lost: 0, duplicated: 0, unanswered: 0 });
    // Every 201 the service sent reached its client (the slow upload's included).
    expect(logged201).toBe(ledger.enquiries.length + 1);
    // New work during the drain is refused with a JSON 503 on every path; once the listener has closed, connections
    // are refused. A reset is a connection the service never took up (nothing stored unanswered, every 201 received).
    const writeOutcomes = [...ledger.outcomes.keys()].filter((key) => key.startsWith('enquiry '));
    for (const key of writeOutcomes) expect(key).toMatch(/^enquiry (201|503 SHUTTING_DOWN|ECONNREFUSED|ECONNRESET)$/);
    expect(writeOutcomes).toContain('enquiry 503 SHUTTING_DOWN');
    expect([...afterSignal(reads).keys()]).toContain('503 SHUTTING_DOWN');
    for (const outcome of afterSignal(reads).keys()) expect(outcome).toMatch(/^(200|503 SHUTTING_DOWN|ECONNREFUSED|ECONNRESET)$/);
    expect([...afterSignal(health).keys()]).toContain('503');
    for (const outcome of afterSignal(health).keys()) expect(outcome).toMatch(/^(503|ECONNREFUSED|ECONNRESET)$/);
    for (const key of ledger.outcomes.keys())
      if (key.startsWith('chat-message')) expect(key).toMatch(/^chat-message (ack|SHUTTING_DOWN|ack-timeout)$/);
  }, 120_000);
});
