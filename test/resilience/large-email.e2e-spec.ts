import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addChannelSecret, asOwner, provisionOrganisation } from '../support/provision.js';
import { changedTables, organisationFingerprint } from '../support/security.js';
import { signedHeaders } from '../support/signing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { sleep } from './support/load.js';
import { report } from './support/report.js';
import { freePort } from '../support/free-port.js';

const MB = 1024 * 1024;
/** Far above a healthy round trip on a loaded two-core machine; the line-array pre-scan took several seconds here. */
const WORST_ROUND_TRIP_MS = 750;

/** `GET /health` every ~20 ms on one keep-alive connection until stopped: each round trip (ms) and its status. */
function pollHealth(base: string): { stop: () => Promise<{ ms: number; status: number }[]> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const trips: { ms: number; status: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get(`${base}/health`, { agent }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          })
          .on('error', reject);
      });
      trips.push({ ms: performance.now() - started, status });
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
      return trips;
    },
  };
}

/** Polls /health while `work` runs: what `work` answered, and the round trips meanwhile. */
async function whilePolling<T>(
  base: string,
  work: () => Promise<T>,
): Promise<{ answer: T; trips: { ms: number; status: number }[]; elapsed: number }> {
  const poller = pollHealth(base);
  await sleep(200);
  const started = performance.now();
  const answer = await work();
  const elapsed = performance.now() - started;
  await sleep(200);
  return { answer, trips: await poller.stop(), elapsed };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * A signed raw-MIME push of `raw`, the body sent as bytes. Signed at once (the signing library's JavaScript HMAC
 * would hold this process's own event loop, and so its measurements); `send` returns the status answered.
 */
function signedPush(base: string, slug: string, raw: Buffer): () => Promise<number> {
  const headers = { ...signedHeaders(raw.toString('latin1')), 'content-type': 'message/rfc822', 'content-length': String(raw.length) };
  return () =>
    new Promise((resolve, reject) => {
      const request = http.request(`${base}/api/channels/email/${slug}/inbound`, { method: 'POST', headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end(raw);
    });
}

/**
 * A plain SMTP client, so that the bytes arrive exactly as written (a mail library would turn bare LFs into
 * CRLFs): EHLO, MAIL, RCPT, DATA, the message, and the server's final answer code.
 */
async function sendRawSmtp(port: number, from: string, to: string, message: Buffer): Promise<number> {
  const socket = net.connect(port, '127.0.0.1');
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      // Multi-line answers ("250-…") end with a line whose code is followed by a space.
      if (/^\d{3} /.test(line)) waiting.shift()?.(line);
    }
  });
  const answer = () => new Promise<number>((resolve) => waiting.push((line) => resolve(Number(line.slice(0, 3)))));
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    expect(await answer()).toBe(220);
    for (const [command, expected] of [
      [`EHLO test.example`, 250],
      [`MAIL FROM:<${from}>`, 250],
      [`RCPT TO:<${to}>`, 250],
      ['DATA', 354],
    ] as const) {
      const next = answer();
      socket.write(`${command}\r\n`);
      expect({ command, code: await next }).toEqual({ command, code: expected });
    }
    const final = answer();
    // No line of the message starts with a dot, so nothing needs escaping.
    await new Promise<void>((resolve) => socket.write(message, () => resolve()));
    // The end of data is CRLF . CRLF (a bare LF before the dot would not end it).
    socket.write('\r\n.\r\n');
    return await final;
  } finally {
    socket.destroy();
  }
}

/** A message that declares a boundary, opens one part, then is nothing but bare newlines up to `size` bytes. */
function newlineBomb(to: string, size: number): Buffer {
  const head = Buffer.from(
    [
      `From: Bomb <bomb.${randomUUID().slice(0, 8)}@example.org>`,
      `To: ${to}`,
      'Subject: newlines',
      `Message-ID: <${randomUUID()}@example.org>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      '',
    ].join('\r\n'),
  );
  return Buffer.concat([head, Buffer.alloc(size - head.length, '\n')]);
}

/**
 * Large e-mail while the service answers other work: 25 MB of bare newlines after a declared boundary by the
 * signed push, and messages of 10 MB and more by SMTP, must not stall the event loop (measured as the worst
 * round trip of `GET /health` polled every 20 ms meanwhile), and are refused, storing nothing.
 */
describe('large e-mail does not stall the service', () => {
  let app: TestApp;
  let slug: string;
  let organisationId: string;
  let smtpPort: number;
  const inbound = () => `contact@${slug}.test`;

  beforeAll(async () => {
    slug = `large-mail-${randomUUID().slice(0, 8)}`;
    organisationId = await provisionOrganisation(slug);
    await addChannelSecret(organisationId, 'email');
    await asOwner(organisationId, async (c) => {
      await c.query(`update organisations set enquiries_email = $2 where id = $1`, [organisationId, `contact@${slug}.test`]);
    });
    smtpPort = await freePort();
    // The defaults: EMAIL_MAX_BYTES 25 MB for the signed push, SMTP_MAX_BYTES 10 MB for the listener.
    app = await startTestApp({ SMTP_PORT: String(smtpPort) }, { timeoutMs: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses 25 MB of bare newlines by push (413) and 10+ MB by SMTP (552) while /health keeps answering quickly, storing nothing', async () => {
    const before = await organisationFingerprint(organisationId);
    const push = signedPush(app.url, slug, newlineBomb(inbound(), 25 * MB - 4096));
    const oversized = newlineBomb(inbound(), 10 * MB + 512 * 1024);
    const underSize = newlineBomb(inbound(), 9 * MB);

    const idle = await whilePolling(app.url, () => sleep(1000));
    const cases = {
      'push: 25 MB of bare newlines': await whilePolling(app.url, push),
      'SMTP: 10.5 MB': await whilePolling(app.url, () => sendRawSmtp(smtpPort, 'bomb@example.org', inbound(), oversized)),
      'SMTP: 9 MB of bare newlines': await whilePolling(app.url, () => sendRawSmtp(smtpPort, 'bomb@example.org', inbound(), underSize)),
    };
    const idleMs = idle.trips.map((trip) => trip.ms);
    report('large e-mail and event-loop delay', [
      `idle /health round trip: median ${median(idleMs).toFixed(1)} ms, worst ${Math.max(...idleMs).toFixed(1)} ms`,
      ...Object.entries(cases).map(([what, { answer, trips, elapsed }]) => {
        const ms = trips.map((trip) => trip.ms);
        return `${what}: answered ${answer} in ${elapsed.toFixed(0)} ms; /health meanwhile ${trips.length} round trips, median ${median(ms).toFixed(1)} ms, worst ${Math.max(...ms).toFixed(1)} ms (bound ${WORST_ROUND_TRIP_MS} ms)`;
      }),
    ]);
    expect(Object.fromEntries(Object.entries(cases).map(([what, { answer }]) => [what, answer]))).toEqual({
      'push: 25 MB of bare newlines': 413,
      'SMTP: 10.5 MB': 552,
      'SMTP: 9 MB of bare newlines': 552,
    });
    for (const [what, { trips }] of Object.entries(cases)) {
      expect({
        what,
        polled: trips.length > 5,
        healthy: trips.every((trip) => trip.status === 200),
        quick: Math.max(...trips.map((trip) => trip.ms)) < WORST_ROUND_TRIP_MS,
      }).toEqual({
        what,
        polled: true,
        healthy: true,
        quick: true,
      });
    }
    expect(changedTables(before, await organisationFingerprint(organisationId))).toEqual([]);
  }, 120_000);
});
