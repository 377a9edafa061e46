import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_CHANNEL_SECRET } from '../support/constants.js';
import { auth } from '../support/factories.js';
import { signedHeaders } from '../support/signing.js';
import {
  changedTables,
  organisationFingerprint,
  provisionSecurityTenant,
  suffix,
  withoutCorrelation,
  type SecurityTenant,
} from '../support/security.js';
import { asTenant, startTestApp, testDatabase, type TestApp } from '../support/test-app.js';
import { CHAT_CONSENT, collect, connected, disconnected, emit, socketClients, type SocketClients } from '../support/socket-clients.js';

const MINUTE = 60_000;

function callLog(): string {
  return JSON.stringify({
    callId: `call-${randomUUID()}`,
    callerNumber: '+447700900321',
    direction: 'inbound',
    startedAt: '2026-11-23T09:00:00Z',
    endedAt: '2026-11-23T09:06:30Z',
  });
}

function formSubmission(): string {
  return JSON.stringify({
    formId: 'contact-us',
    submissionId: `sub-${randomUUID()}`,
    submittedAt: '2026-11-23T09:00:00Z',
    answers: { name: 'Form Person', message: 'Hello' },
  });
}

function mail(slug: string, body = 'Hello'): string {
  return [
    `From: Sender <sender.${suffix()}@example.org>`,
    `To: contact@${slug}.test`,
    'Subject: Probe',
    `Message-ID: <${suffix()}@example.org>`,
    '',
    body,
  ].join('\r\n');
}

const socialSignature = (body: string, secret = 'signpost-demo-app-secret') =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Hostile input on the machine-to-machine and socket surfaces: forged, tampered, replayed and misdirected
 * signatures; MIME bombs; non-JSON frames, oversized payloads and floods on the webchat sockets.
 */
describe('hostile input on channels and sockets', () => {
  let app: TestApp;
  let tenant: SecurityTenant;
  let clients: SocketClients;
  const secrets: Record<'phone' | 'forms' | 'email', string> = { phone: '', forms: '', email: '' };
  const figures = { signatureProbes: 0, mimeBombs: 0, socketProbes: 0, serverErrors: 0 };

  beforeAll(async () => {
    app = await startTestApp();
    clients = socketClients(() => app.url);
    tenant = await provisionSecurityTenant(app, `sec-chan-${suffix()}`);
    // Twice, so that the demo secret it started with (the previous one after a single rotation) no longer works.
    for (const channel of ['phone', 'forms', 'email'] as const) {
      for (let rotation = 0; rotation < 2; rotation += 1) {
        const rotated = await request(app.url)
          .post(`/api/organisation/channels/${channel}/secret`)
          .set(auth(tenant.tokens.admin))
          .expect(201);
        secrets[channel] = rotated.body.secret;
      }
    }
  }, 60_000);
  afterEach(() => clients?.closeAll());
  afterAll(async () => {
    clients?.closeAll();
    await app?.stop();
    console.log(`hostile channels: ${JSON.stringify(figures)}`);
  });

  it('refuses forged, tampered, replayed, future-dated and misdirected signatures with one and the same 401, storing nothing', async () => {
    const before = await organisationFingerprint(tenant.id);
    const routes = {
      phone: { path: `/api/channels/phone/${tenant.slug}/calls`, body: callLog, contentType: 'application/json' },
      forms: { path: `/api/channels/forms/${tenant.slug}/submissions`, body: formSubmission, contentType: 'application/json' },
      email: { path: `/api/channels/email/${tenant.slug}/inbound`, body: () => mail(tenant.slug), contentType: 'message/rfc822' },
    };
    const answers: unknown[] = [];
    const problems: string[] = [];
    for (const [channel, route] of Object.entries(routes) as [keyof typeof routes, (typeof routes)[keyof typeof routes]][]) {
      const body = route.body();
      const good = signedHeaders(body, { secret: secrets[channel] });
      const otherChannel = channel === 'phone' ? secrets.forms : secrets.phone;
      const attempts: [string, string, Record<string, string>][] = [
        ['unsigned', body, {}],
        ['the secret it had before two rotations', body, signedHeaders(body, { secret: DEMO_CHANNEL_SECRET })],
        ['another channel’s secret', body, signedHeaders(body, { secret: otherChannel })],
        ['a made-up secret', body, signedHeaders(body, { secret: `whsec_${Buffer.from(randomUUID()).toString('base64')}` })],
        ['a tampered body', body.replace(/.$/s, (c) => (c === '}' ? ' }' : `${c}!`)), good],
        ['a replay, ten minutes old', body, signedHeaders(body, { secret: secrets[channel], at: new Date(Date.now() - 10 * MINUTE) })],
        ['a timestamp ten minutes ahead', body, signedHeaders(body, { secret: secrets[channel], at: new Date(Date.now() + 10 * MINUTE) })],
        [
          'a timestamp of a year ago',
          body,
          signedHeaders(body, { secret: secrets[channel], at: new Date(Date.now() - 365 * 24 * 60 * MINUTE) }),
        ],
        ['another message id', body, { ...good, 'webhook-id': `msg_${randomUUID()}` }],
        ['no id', body, { ...good, 'webhook-id': '' }],
        ['a timestamp in milliseconds', body, { ...good, 'webhook-timestamp': String(Date.now()) }],
        ['a signature of another scheme', body, { ...good, 'webhook-signature': good['webhook-signature'].replace('v1,', 'v1a,') }],
        ['a truncated signature', body, { ...good, 'webhook-signature': good['webhook-signature'].slice(0, -6) }],
        [
          'a hundred wrong signatures',
          body,
          {
            ...good,
            'webhook-signature': Array.from({ length: 100 }, () => `v1,${Buffer.from(randomUUID()).toString('base64')}`).join(' '),
          },
        ],
      ];
      for (const [what, sent, headers] of attempts) {
        figures.signatureProbes += 1;
        const response = await request(app.url)
          .post(route.path)
          .set({ ...headers, 'content-type': route.contentType })
          .send(sent);
        if (response.status >= 500) figures.serverErrors += 1;
        if (response.status !== 401)
          problems.push(`${channel}, ${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        answers.push(withoutCorrelation(response.body));
      }
      // A signature good for this organisation, sent to another one's route.
      figures.signatureProbes += 1;
      const misdirected = await request(app.url)
        .post(route.path.replace(tenant.slug, 'lancashire'))
        .set({ ...good, 'content-type': route.contentType })
        .send(body);
      if (misdirected.status !== 401) problems.push(`${channel} signed for ${tenant.slug}, sent to lancashire: ${misdirected.status}`);
      answers.push(withoutCorrelation(misdirected.body));
    }
    // Headers beyond Node's limit are refused before anything else runs.
    const body = callLog();
    const huge = await request(app.url)
      .post(routes.phone.path)
      .set({
        ...signedHeaders(body, { secret: secrets.phone }),
        'webhook-signature': Array.from({ length: 600 }, () => `v1,${Buffer.from(randomUUID()).toString('base64')}`).join(' '),
      })
      .send(body);
    figures.signatureProbes += 1;
    expect(huge.status).toBe(431);
    expect(problems).toEqual([]);
    // One answer for every failure: which check failed is not told.
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toMatchObject({ statusCode: 401, code: 'INVALID_SIGNATURE' });
    expect(changedTables(before, await organisationFingerprint(tenant.id))).toEqual([]);

    // The control: the current secret is accepted.
    await request(app.url)
      .post(`/api/channels/phone/${tenant.slug}/calls`)
      .set(signedHeaders(body, { secret: secrets.phone }))
      .send(body)
      .expect(201);
  });

  it('refuses social events without a valid app signature, or for an organisation with no social credential', async () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'page-1',
          time: Date.now(),
          messaging: [
            {
              sender: { id: `U-${randomUUID()}` },
              recipient: { id: 'page-1' },
              timestamp: Date.now(),
              message: { mid: `m-${randomUUID()}`, text: 'Forged' },
            },
          ],
        },
      ],
    });
    const attempts: [string, string, Record<string, string>][] = [
      ['unsigned', '/api/channels/social/lancashire/webhook', {}],
      [
        'signed with another secret',
        '/api/channels/social/lancashire/webhook',
        { 'x-hub-signature-256': socialSignature(body, 'not-the-app-secret') },
      ],
      [
        'sha1 instead',
        '/api/channels/social/lancashire/webhook',
        { 'x-hub-signature-256': socialSignature(body).replace('sha256=', 'sha1=') },
      ],
      ['a tampered body', '/api/channels/social/lancashire/webhook', { 'x-hub-signature-256': socialSignature(`${body} `) }],
      [
        'an organisation without a social credential',
        `/api/channels/social/${tenant.slug}/webhook`,
        { 'x-hub-signature-256': socialSignature(body) },
      ],
      ['an unknown organisation', `/api/channels/social/no-such-${suffix()}/webhook`, { 'x-hub-signature-256': socialSignature(body) }],
    ];
    for (const [what, path, headers] of attempts) {
      figures.signatureProbes += 1;
      const response = await request(app.url)
        .post(path)
        .set({ ...headers, 'content-type': 'application/json' })
        .send(body);
      expect({ what, status: response.status }).toEqual({ what, status: 401 });
    }
    for (const path of ['/api/channels/social/lancashire/webhook', `/api/channels/social/${tenant.slug}/webhook`]) {
      const handshake = await request(app.url).get(`${path}?hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=123`);
      expect(handshake.status).toBe(403);
    }
  });

  it('keeps only public https media links from social messages, and fetches none of them', async () => {
    let fetched = 0;
    const server = http.createServer((_request, response) => {
      fetched += 1;
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const internal = [
        `http://127.0.0.1:${port}/photo.jpg`,
        `https://127.0.0.1:${port}/photo.jpg`,
        'https://169.254.169.254/latest/meta-data/',
        'https://[::1]/photo.jpg',
        'https://[::ffff:10.0.0.1]/photo.jpg',
        'https://10.1.2.3/photo.jpg',
        'https://192.168.0.10/photo.jpg',
        'https://localhost/photo.jpg',
        'https://metadata.google.internal/computeMetadata/v1/',
        'https://2130706433/photo.jpg',
        'file:///etc/passwd',
        'javascript:alert(1)',
      ];
      const mid = `m-${randomUUID()}`;
      const body = JSON.stringify({
        object: 'page',
        entry: [
          {
            id: 'page-1',
            messaging: [
              {
                sender: { id: `U-${randomUUID()}` },
                recipient: { id: 'page-1' },
                timestamp: Date.now(),
                message: {
                  mid,
                  text: 'A photo of the pothole',
                  attachments: [...internal, 'https://cdn.example.org/pothole.jpg'].map((url) => ({ type: 'image', payload: { url } })),
                },
              },
            ],
          },
        ],
      });
      const response = await request(app.url)
        .post('/api/channels/social/lancashire/webhook')
        .set({ 'content-type': 'application/json', 'x-hub-signature-256': socialSignature(body) })
        .send(body)
        .expect(200);
      expect(response.body).toMatchObject({ created: 1 });
      const stored = await asTenant(testDatabase().runtimeUrl, 'lancashire', (c) =>
        c.query<{ metadata: { mediaUrls?: string[] } }>(
          `select e.metadata from enquiry_events e join social_messages m on m.enquiry_id = e.enquiry_id where m.platform_message_id = $1 and e.metadata ? 'mediaUrls'`,
          [mid],
        ),
      );
      expect(stored.rows.map((row) => row.metadata.mediaUrls)).toEqual([['https://cdn.example.org/pothole.jpg']]);
      await pause(300);
      expect(fetched).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses MIME bombs on the e-mail route with a 4xx within seconds, storing nothing', async () => {
    const before = await organisationFingerprint(tenant.id);
    const head = (contentType: string, extra = '') =>
      [
        `From: Bomb <bomb.${suffix()}@example.org>`,
        `To: contact@${tenant.slug}.test`,
        'Subject: bomb',
        `Message-ID: <${suffix()}@example.org>`,
        'MIME-Version: 1.0',
        contentType,
        ...(extra ? [extra] : []),
        '',
        '',
      ].join('\r\n');
    const parts = (boundary: string, n: number) =>
      Array.from({ length: n }, (_, i) => `--${boundary}\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`).join('') + `--${boundary}--\r\n`;
    const nested = (depth: number, declare: (level: number) => string) => {
      let inner = 'Content-Type: text/plain\r\n\r\nleaf\r\n';
      for (let level = depth; level >= 1; level -= 1)
        inner = `Content-Type: multipart/mixed; ${declare(level)}\r\n\r\n--n${level}\r\n${inner}--n${level}--\r\n`;
      return inner;
    };
    const bombs: [string, string][] = [
      ['10,000 parts', head('Content-Type: multipart/mixed; boundary="b1"') + parts('b1', 10_000)],
      ['10,000 parts, RFC 2231 boundary', head("Content-Type: multipart/mixed; boundary*=utf-8''b1") + parts('b1', 10_000)],
      [
        'nested 200 deep',
        `From: bomb@example.org\r\nTo: contact@${tenant.slug}.test\r\nMIME-Version: 1.0\r\n${nested(200, (level) => `boundary="n${level}"`)}`,
      ],
      [
        'nested 200 deep, RFC 2231 boundaries',
        `From: bomb@example.org\r\nTo: contact@${tenant.slug}.test\r\nMIME-Version: 1.0\r\n${nested(200, (level) => `boundary*=''n${level}`)}`,
      ],
      ['a 200 KB header', head('Content-Type: text/plain', `X-Filler: ${'a'.repeat(200 * 1024)}`) + 'hello'],
      [
        '20,000 header lines',
        head('Content-Type: text/plain', Array.from({ length: 20_000 }, (_, i) => `X-H${i}: v`).join('\r\n')) + 'hello',
      ],
      ['a header folded 50,000 times', head('Content-Type: text/plain', `X-Folded: a${'\r\n b'.repeat(50_000)}`) + 'hello'],
    ];
    for (const [what, raw] of bombs) {
      figures.mimeBombs += 1;
      const started = Date.now();
      const response = await request(app.url)
        .post(`/api/channels/email/${tenant.slug}/inbound`)
        .set({ ...signedHeaders(raw, { secret: secrets.email }), 'content-type': 'message/rfc822' })
        .send(raw);
      const elapsed = Date.now() - started;
      if (response.status >= 500) figures.serverErrors += 1;
      expect({ what, status: response.status >= 400 && response.status < 500, quick: elapsed < 3000 }).toEqual({
        what,
        status: true,
        quick: true,
      });
    }
    await request(app.url).get('/health').expect(200);
    expect(changedTables(before, await organisationFingerprint(tenant.id))).toEqual([]);
  }, 60_000);

  it('drops a socket that sends frames that are not socket.io packets, or payloads over 16 KB, while other chats carry on', async () => {
    const calm = await clients.connect('/webchat');
    await emit(calm, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT });
    const frames: [string, string | Buffer][] = [
      ['plain text', 'hello there'],
      ['an event with broken JSON', '2["chat:message",{"text":'],
      ['an unknown packet type', '9["x"]'],
      ['an ack for nothing', '3999["x"]'],
      ['a binary event without its attachments', '51-["chat:message",{"_placeholder":true,"num":0}]'],
      ['bare binary', Buffer.from([0, 1, 2, 255, 254])],
      ['an event for another namespace', '2/console,["chat:accept",{"chatId":"x"}]'],
    ];
    for (const [what, frame] of frames) {
      figures.socketProbes += 1;
      const hostile = await clients.connect('/webchat');
      const gone = disconnected(hostile, 3000);
      (hostile.io.engine as unknown as { write(data: string | Buffer): void }).write(frame);
      const dropped = await gone;
      const still = await emit(calm, 'chat:message', { text: `Still here after ${what}` });
      // A binary event waits for attachments that never come (one pending packet per socket, dropped with it);
      // anything the parser cannot read ends the connection.
      const expectDropped = !what.startsWith('a binary event');
      expect({ what, calmAcked: typeof still.id === 'string', dropped: expectDropped ? dropped : dropped || hostile.connected }).toEqual({
        what,
        calmAcked: true,
        dropped: true,
      });
    }
    // Over the 16 KB limit: the connection is closed.
    const big = await clients.connect('/webchat');
    const closed = disconnected(big, 5000);
    big.emit('chat:message', { text: 'x'.repeat(64 * 1024) });
    expect(await closed).toBe(true);
    figures.socketProbes += 1;
    expect(await emit(calm, 'chat:message', { text: 'Still here after a huge payload' })).toMatchObject({ id: expect.any(String) });
    await request(app.url).get('/health').expect(200);
  });

  it('answers malformed, prototype-polluting and deeply nested socket payloads with an error acknowledgement, the socket still usable', async () => {
    const citizen = await clients.connect('/webchat');
    await emit(citizen, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT });
    const deep = JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`);
    const payloads: [string, unknown][] = [
      ['a number', 42],
      ['null', null],
      ['an array', [{ text: 'hi' }]],
      ['a string', 'hi'],
      ['text as an object', { text: { toString: 'x' } }],
      ['text as an array', { text: ['a', 'b'] }],
      ['__proto__', JSON.parse('{"text":"hi","__proto__":{"isAdmin":true}}')],
      ['constructor', { text: 'hi', constructor: { prototype: { isAdmin: true } } }],
      ['nested 2,000 deep', { text: 'hi', extra: deep }],
      ['a NUL character', { text: 'hi\u0000there' }],
      ['lone surrogates', { text: '\ud800\udfff\ud800' }],
    ];
    for (const [what, payload] of payloads) {
      figures.socketProbes += 1;
      const ack = await emit(citizen, 'chat:message', payload);
      // Lone surrogates are text a browser can send: stored or refused, but never an internal error.
      const refused = typeof ack.error === 'string' && typeof ack.code === 'string' && ack.code !== 'INTERNAL_ERROR';
      expect({
        what,
        answered: what === 'lone surrogates' ? ack.code !== 'INTERNAL_ERROR' && (refused || typeof ack.id === 'string') : refused,
      }).toEqual({ what, answered: true });
      await pause(250); // stay within the per-socket rate
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    citizen.emit('chat:message', { text: 'no acknowledgement asked for' });
    citizen.emit('no:such:event', { text: 'x' });
    citizen.emit('x'.repeat(5000), {});
    await pause(300);
    expect(citizen.connected).toBe(true);
    expect(await emit(citizen, 'chat:message', { text: 'Still usable' })).toMatchObject({ id: expect.any(String) });
  });

  it('answers floods of events from one socket with refusals while another chat and the console carry on', async () => {
    const flooder = clients.open('/webchat');
    const calm = clients.open('/webchat');
    await Promise.all([connected(flooder), connected(calm)]);
    await emit(flooder, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT });
    await emit(calm, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT });
    const acks = Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        emit(flooder, 'chat:message', { text: `flood ${i}` }, 20_000).catch(() => ({ code: 'NO_ACK' }) as Record<string, unknown>),
      ),
    );
    const started = Date.now();
    expect(await emit(calm, 'chat:message', { text: 'Unaffected' })).toMatchObject({ id: expect.any(String) });
    const calmLatency = Date.now() - started;
    const answered = await acks;
    figures.socketProbes += answered.length;
    expect(answered.filter((ack) => ack.code === 'RATE_LIMITED').length).toBeGreaterThan(250);
    expect(calmLatency).toBeLessThan(2000);

    // The console: an advisor's socket flooding any event is refused likewise.
    const advisor = await clients.connect('/console', { auth: { token: tenant.tokens.advisor } });
    for (const [event, payload] of [
      ['presence:set', { status: 'available' }],
      ['chat:accept', { chatId: randomUUID() }],
      ['chat:message', { chatId: randomUUID(), text: 'flood' }],
    ] as const) {
      const flood = await Promise.all(
        Array.from({ length: 100 }, () =>
          emit(advisor, event, payload, 20_000).catch(() => ({ code: 'NO_ACK' }) as Record<string, unknown>),
        ),
      );
      figures.socketProbes += flood.length;
      expect({ event, limited: flood.filter((ack) => ack.code === 'RATE_LIMITED').length > 50 }).toEqual({ event, limited: true });
      await pause(2000);
    }
    expect(await emit(calm, 'chat:message', { text: 'Still unaffected' })).toMatchObject({ id: expect.any(String) });
    await request(app.url).get('/health').expect(200);
  }, 60_000);

  it('takes a burst of connections without refusing service to the chats already open', async () => {
    const calm = await clients.connect('/webchat');
    await emit(calm, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT });
    const heard = collect(calm, 'chat:message');
    const burst = Array.from({ length: 150 }, () => clients.open('/webchat'));
    const outcomes = await Promise.all(
      burst.map((socket) =>
        connected(socket).then(
          () => 'connected',
          () => 'refused',
        ),
      ),
    );
    figures.socketProbes += burst.length;
    expect(outcomes.filter((outcome) => outcome === 'connected').length).toBeGreaterThan(0);
    expect(await emit(calm, 'chat:message', { text: 'Unaffected by the burst' })).toMatchObject({ id: expect.any(String) });
    for (const socket of burst) socket.disconnect();
    expect(heard).toEqual([]);
    await request(app.url).get('/health').expect(200);
  });
});
