import { createHmac, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { auth, newEnquiry } from '../support/factories.js';
import { signedHeaders } from '../support/signing.js';
import { createHoldings, provisionSecurityTenant, suffix, type Holdings, type SecurityTenant } from '../support/security.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { CHAT_CONSENT, connected, emit, type SocketClients, socketClients } from '../support/socket-clients.js';
import { freePort } from '../support/free-port.js';

/**
 * Personal data planted as canaries (a unique token in names, e-mail addresses, phone numbers, descriptions,
 * URL path segments, query strings and headers) and pushed through every error path that can be reached:
 * validation, 404, 409, 422, signature and login failures, socket refusals, SMTP refusals. The canaries
 * must never appear in the service's logs, its metrics, or an error body (which may name a field, never
 * repeat its value).
 */
describe('no personal data in logs, metric labels or error bodies', () => {
  let app: TestApp;
  let tenant: SecurityTenant;
  let held: Holdings;
  let clients: SocketClients;
  let smtpPort: number;
  // The token, lower case (e-mail addresses are stored lower-cased), with digits so that no word filter passes it.
  const token = `cnry${suffix()}`;
  const digits = String(randomInt(100, 999));
  const canary = {
    name: `Zebedee ${token} Quill`,
    email: `${token}@example.org`,
    phone: `07700 900${digits}`,
    description: `My neighbour ${token} has fallen and cannot get up`,
    postcode: 'ZZ9 9ZZ',
  };
  /** What must never appear: the token, and the phone number however it is written. */
  const needles = [token, `7700900${digits}`, `7700 900${digits}`, `07700900${digits}`];
  const errorBodies: { where: string; status: number; text: string }[] = [];
  const figures = { errorPaths: 0, errorBodies: 0, socketErrors: 0, canariesLeaked: 0 };

  const record = (where: string, response: request.Response) => {
    figures.errorPaths += 1;
    if (response.status >= 400) errorBodies.push({ where, status: response.status, text: response.text ?? '' });
    return response;
  };

  beforeAll(async () => {
    smtpPort = await freePort();
    app = await startTestApp({ SMTP_PORT: String(smtpPort), LOG_LEVEL: 'debug' });
    clients = socketClients(() => app.url);
    tenant = await provisionSecurityTenant(app, `sec-canary-${suffix()}`);
    held = await createHoldings(app, tenant);
  }, 60_000);
  afterAll(async () => {
    clients?.closeAll();
    await app?.stop();
    console.log(`canaries: ${JSON.stringify(figures)}`);
  });

  it('keeps them out of error bodies on every HTTP error path', async () => {
    const { advisor, supervisor, dpo, admin } = tenant.tokens;
    const base = { channel: 'phone', requesterType: 'citizen', description: canary.description };
    // A real enquiry holding the canaries, for the paths that need one (a 409 on a finished enquiry).
    const created = await newEnquiry(app, advisor, {
      subject: { name: canary.name, email: canary.email, phone: canary.phone, postcode: canary.postcode },
      description: canary.description,
      legalBasis: undefined,
    });
    await request(app.url).post(`/api/enquiries/${created.id}/resolve`).set(auth(advisor)).send({ advice: 'Advice' }).expect(200);
    await request(app.url)
      .get(`/api/enquiries?q=${encodeURIComponent(canary.email)}`)
      .set(auth(advisor))
      .expect(200);
    await request(app.url)
      .get(`/api/enquiries?q=${encodeURIComponent(canary.phone)}`)
      .set(auth(advisor))
      .expect(200);
    await request(app.url)
      .post('/api/subject-search')
      .set(auth(dpo))
      .send({ name: canary.name, email: canary.email, phone: canary.phone })
      .expect(200);

    const probes: [string, () => request.Test][] = [
      // Validation: bad values carrying the canary, in bodies and nested fields.
      [
        'an invalid e-mail',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({ ...base, subject: { name: canary.name, email: `not an email ${token}` } }),
      ],
      [
        'an invalid phone',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({ ...base, subject: { name: canary.name, phone: `${token} 0770` } }),
      ],
      [
        'a name too long',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({ ...base, subject: { name: `${canary.name} `.repeat(40) } }),
      ],
      [
        'a channel that is a name',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({ ...base, channel: canary.name, subject: { name: canary.name } }),
      ],
      // (An unknown field is refused by its name, which the body repeats by design: a name is never a value here.)
      [
        'an unknown field holding the person',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({ ...base, subject: { name: canary.name }, planted: canary.email }),
      ],
      [
        'a date of birth that is a name',
        () => request(app.url).post('/api/subject-search').set(auth(dpo)).send({ name: canary.name, dateOfBirth: canary.name }),
      ],
      [
        'a subject request for the future',
        () =>
          request(app.url)
            .post('/api/subject-requests')
            .set(auth(dpo))
            .send({ type: 'access', subject: { name: canary.name, email: canary.email }, receivedAt: '2999-01-01' }),
      ],
      [
        'a search without a name',
        () => request(app.url).post('/api/subject-search').set(auth(dpo)).send({ dateOfBirth: '1970-01-01', postcode: canary.postcode }),
      ],
      [
        'login with an unknown e-mail',
        () =>
          request(app.url)
            .post('/api/auth/login')
            .send({ email: canary.email, password: `${token}-password` }),
      ],
      ['login with a bad e-mail', () => request(app.url).post('/api/auth/login').send({ email: canary.name, password: token })],
      [
        'a new user with a short password',
        () =>
          request(app.url)
            .post('/api/users')
            .set(auth(admin))
            .send({ email: canary.email, displayName: canary.name, role: 'advisor', password: token.slice(0, 8) }),
      ],
      [
        'a new user with an e-mail that exists',
        () =>
          request(app.url)
            .post('/api/users')
            .set(auth(admin))
            .send({ email: `advisor@${tenant.slug}.test`, displayName: canary.name, role: 'advisor', password: 'a-long-enough-password' }),
      ],
      [
        'a webhook URL naming the person',
        () =>
          request(app.url)
            .patch('/api/services/blue-badge')
            .set(auth(admin))
            .send({
              delivery: { type: 'webhook', url: `http://127.0.0.1/${token}`, secret: 'whsec_MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=' },
            }),
      ],
      [
        'a mailbox that is not one',
        () =>
          request(app.url)
            .patch('/api/services/blue-badge')
            .set(auth(admin))
            .send({ delivery: { type: 'email', address: canary.name } }),
      ],
      // 404s: the canary in the path and the query string.
      [
        'an enquiry id that is a name',
        () =>
          request(app.url)
            .get(`/api/enquiries/${encodeURIComponent(canary.name)}`)
            .set(auth(advisor)),
      ],
      ['an enquiry id that is a token', () => request(app.url).get(`/api/enquiries/${token}`).set(auth(advisor))],
      [
        'a service code that is an e-mail',
        () =>
          request(app.url)
            .get(`/api/services/${encodeURIComponent(canary.email)}`)
            .set(auth(advisor)),
      ],
      ['a service code that is a token', () => request(app.url).get(`/api/services/${token}`).set(auth(advisor))],
      [
        'a route that does not exist',
        () =>
          request(app.url)
            .get(`/api/${token}/${encodeURIComponent(canary.phone)}?email=${encodeURIComponent(canary.email)}`)
            .set(auth(advisor)),
      ],
      [
        'an escalation preview for a service that is a name',
        () => request(app.url).get(`/api/enquiries/${held.enquiry}/escalations/preview?service=${token}`).set(auth(advisor)),
      ],
      [
        'a list filter that is a name',
        () =>
          request(app.url)
            .get(`/api/enquiries?status=${encodeURIComponent(canary.name)}&q=${encodeURIComponent(canary.email)}`)
            .set(auth(advisor)),
      ],
      [
        'a signposting code that is a token',
        () =>
          request(app.url)
            .post(`/api/enquiries/${held.enquiry}/signpost`)
            .set(auth(advisor))
            .send({ destination: token, advice: canary.description }),
      ],
      [
        'a user that does not exist',
        () => request(app.url).patch(`/api/users/${token}`).set(auth(admin)).send({ displayName: canary.name }),
      ],
      ['an audit trail of a token', () => request(app.url).get(`/api/audit?entity=${token}&id=${token}`).set(auth(dpo))],
      // 409 and 422: a finished enquiry, special category data without explicit consent, a duplicate version.
      [
        'resolving a resolved enquiry',
        () => request(app.url).post(`/api/enquiries/${created.id}/resolve`).set(auth(advisor)).send({ advice: canary.description }),
      ],
      [
        'a note on a resolved enquiry',
        () =>
          request(app.url)
            .post(`/api/enquiries/${created.id}/escalations`)
            .set(auth(advisor))
            .send({ service: 'blue-badge', reasonForReferral: canary.description, actionsAlreadyTaken: canary.name }),
      ],
      [
        'special category data without explicit consent',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({
              ...base,
              subject: { name: canary.name },
              specialCategory: { categories: ['health'], explicitConsent: false, details: canary.description },
            }),
      ],
      [
        'consent that was not given',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(supervisor))
            .send({
              ...base,
              subject: { name: canary.name },
              legalBasis: 'consent',
              consent: { given: false, method: 'verbal', privacyNoticeVersion: '1' },
            }),
      ],
      [
        'an unpublished notice version',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({
              ...base,
              subject: { name: canary.name },
              legalBasis: 'consent',
              consent: { given: true, method: 'verbal', privacyNoticeVersion: token },
            }),
      ],
      [
        'a notice version that exists',
        () =>
          request(app.url)
            .post('/api/organisation/privacy-notices')
            .set(auth(admin))
            .send({ version: '1', title: canary.name, body: canary.description, effectiveFrom: '2030-01-01' }),
      ],
      [
        'a link to an unknown person',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({ ...base, subject: { name: canary.name }, dataSubjectId: '00000000-0000-4000-8000-000000000000' }),
      ],
      [
        'an export before identity is verified',
        () => request(app.url).get(`/api/subject-requests/${held.subjectRequest}/export`).set(auth(dpo)),
      ],
      [
        'rectifying before identity is verified',
        () =>
          request(app.url)
            .post(`/api/subject-requests/${held.subjectRequest}/rectify`)
            .set(auth(dpo))
            .send({ changes: { name: canary.name, email: canary.email, phone: canary.phone } }),
      ],
      // Authentication: a token made of the canary, and headers carrying it.
      [
        'a bearer token that is a name, with the canary in every header',
        () =>
          request(app.url)
            .get(`/api/enquiries?q=${encodeURIComponent(canary.name)}`)
            .set({
              authorization: `Bearer ${token}`,
              'user-agent': canary.name,
              referer: `https://example.org/${token}`,
              'x-forwarded-for': canary.email,
              cookie: `session=${token}`,
              'x-request-id': canary.email,
              'accept-language': token,
            }),
      ],
      ['a correlation id that is an e-mail', () => request(app.url).get('/api/no-such-route').set('x-request-id', canary.email)],
      // Malformed and oversized bodies that carry the canary.
      [
        'malformed JSON',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .set('content-type', 'application/json')
            .send(`{"subject":{"name":"${canary.name}"`),
      ],
      [
        'prototype keys',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .set('content-type', 'application/json')
            .send(`{"subject":{"name":"${canary.name}"},"__proto__":{"${token}":1}}`),
      ],
      [
        'an oversized body',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(advisor))
            .send({ ...base, subject: { name: canary.name }, description: `${canary.description} `.repeat(30_000) }),
      ],
    ];
    for (const [what, probe] of probes) record(what, await probe());

    // Signature failures: the canary in the body and in the headers of unsigned or badly signed pushes.
    const call = JSON.stringify({
      callId: token,
      callerNumber: canary.phone,
      callerName: canary.name,
      direction: 'inbound',
      startedAt: '2026-11-23T09:00:00Z',
      endedAt: '2026-11-23T09:05:00Z',
    });
    const form = JSON.stringify({
      formId: 'contact-us',
      submissionId: token,
      submittedAt: '2026-11-23T09:00:00Z',
      answers: { name: canary.name, email: canary.email, message: canary.description },
    });
    const mail = [
      `From: "${canary.name}" <${canary.email}>`,
      `To: contact@${tenant.slug}.test`,
      `Subject: ${canary.description}`,
      `Message-ID: <${token}@example.org>`,
      '',
      canary.description,
    ].join('\r\n');
    const social = JSON.stringify({
      object: 'page',
      entry: [{ id: 'p', messaging: [{ sender: { id: token }, message: { mid: token, text: canary.description } }] }],
    });
    const pushes: [string, () => request.Test][] = [
      [
        'an unsigned call',
        () => request(app.url).post(`/api/channels/phone/${tenant.slug}/calls`).set('content-type', 'application/json').send(call),
      ],
      [
        'a call with a forged signature',
        () =>
          request(app.url)
            .post(`/api/channels/phone/${tenant.slug}/calls`)
            .set({ ...signedHeaders(call, { id: token, secret: 'whsec_Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2VkLWZvcmc=' }) })
            .send(call),
      ],
      [
        'a stale call',
        () =>
          request(app.url)
            .post(`/api/channels/phone/${tenant.slug}/calls`)
            .set(signedHeaders(call, { at: new Date(Date.now() - 3_600_000) }))
            .send(call),
      ],
      [
        'a call to an organisation that is a name',
        () => request(app.url).post(`/api/channels/phone/${token}/calls`).set(signedHeaders(call)).send(call),
      ],
      [
        'a signed call with a bad field',
        () => {
          const bad = call.replace('"inbound"', `"${token}"`);
          return request(app.url).post(`/api/channels/phone/${tenant.slug}/calls`).set(signedHeaders(bad)).send(bad);
        },
      ],
      [
        'a form with a bad signature',
        () =>
          request(app.url)
            .post(`/api/channels/forms/${tenant.slug}/submissions`)
            .set({ ...signedHeaders(`${form} `), 'content-type': 'application/json' })
            .send(form),
      ],
      [
        'a signed form with no mapping',
        () => request(app.url).post(`/api/channels/forms/${tenant.slug}/submissions`).set(signedHeaders(form)).send(form),
      ],
      [
        'an unsigned e-mail',
        () => request(app.url).post(`/api/channels/email/${tenant.slug}/inbound`).set('content-type', 'message/rfc822').send(mail),
      ],
      [
        'a signed e-mail without a sender',
        () => {
          const noSender = mail.replace(/^From: .*\r\n/, '');
          return request(app.url)
            .post(`/api/channels/email/${tenant.slug}/inbound`)
            .set({ ...signedHeaders(noSender), 'content-type': 'message/rfc822' })
            .send(noSender);
        },
      ],
      [
        'a social event with a bad signature',
        () =>
          request(app.url)
            .post('/api/channels/social/lancashire/webhook')
            .set({
              'content-type': 'application/json',
              'x-hub-signature-256': `sha256=${createHmac('sha256', 'wrong').update(social).digest('hex')}`,
            })
            .send(social),
      ],
      [
        'a handshake with a wrong token',
        () =>
          request(app.url).get(
            `/api/channels/social/lancashire/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=${token}`,
          ),
      ],
    ];
    for (const [what, probe] of pushes) record(what, await probe());

    figures.errorBodies = errorBodies.length;
    const leaks = errorBodies.filter(({ text }) => needles.some((needle) => text.includes(needle)));
    figures.canariesLeaked += leaks.length;
    expect(leaks.map(({ where, status, text }) => `${where}: ${status} ${text.slice(0, 300)}`)).toEqual([]);
    expect(errorBodies.length).toBeGreaterThan(40);
    // Field names are still named: the body says what is wrong without repeating it.
    const invalidEmail = errorBodies.find(({ where }) => where === 'an invalid e-mail');
    expect(invalidEmail?.text).toContain('subject.email');
  }, 60_000);

  it('keeps them out of socket refusals', async () => {
    const acks: { what: string; ack: unknown }[] = [];
    const citizen = await clients.connect('/webchat');
    acks.push({
      what: 'a name too long',
      ack: await emit(citizen, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT, name: canary.name.repeat(10) }),
    });
    acks.push({
      what: 'an organisation that is a name',
      ack: await emit(citizen, 'chat:start', { organisation: token, consent: CHAT_CONSENT, name: canary.name }),
    });
    acks.push({
      what: 'a notice version that is a token',
      ack: await emit(citizen, 'chat:start', {
        organisation: tenant.slug,
        consent: { accepted: true, privacyNoticeVersion: token },
        name: canary.name,
      }),
    });
    acks.push({
      what: 'an unknown field',
      ack: await emit(citizen, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT, planted: canary.email }),
    });
    acks.push({ what: 'a message before a chat', ack: await emit(citizen, 'chat:message', { text: canary.description }) });
    acks.push({
      what: 'a message left with a bad e-mail',
      ack: await emit(citizen, 'chat:leave-message', {
        organisation: tenant.slug,
        consent: CHAT_CONSENT,
        name: canary.name,
        email: `${token} at example`,
        text: canary.description,
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    acks.push({
      what: 'a chat',
      ack: await emit(citizen, 'chat:start', { organisation: tenant.slug, consent: CHAT_CONSENT, name: canary.name }),
    });
    acks.push({ what: 'a message too long', ack: await emit(citizen, 'chat:message', { text: `${canary.description} `.repeat(100) }) });
    acks.push({ what: 'a message with a NUL', ack: await emit(citizen, 'chat:message', { text: `${canary.description}\u0000` }) });
    acks.push({
      what: 'explicit consent to a category that is a name',
      ack: await emit(citizen, 'chat:consent', { categories: [canary.name], explicitConsent: true }),
    });
    acks.push({
      what: 'a message',
      ack: await emit(citizen, 'chat:message', { text: `${canary.description}, call me on ${canary.phone} or ${canary.email}` }),
    });

    const console_ = await clients.connect('/console', { auth: { token: tenant.tokens.advisor } });
    acks.push({ what: 'a chat id that is a token', ack: await emit(console_, 'chat:accept', { chatId: token }) });
    acks.push({
      what: 'a message to no chat',
      ack: await emit(console_, 'chat:message', { chatId: '00000000-0000-4000-8000-000000000000', text: canary.description }),
    });
    acks.push({
      what: 'a transfer to a name',
      ack: await emit(console_, 'chat:transfer', { chatId: held.chat, toAdvisorId: canary.name }),
    });
    const refused: string[] = [];
    for (const [namespace, authentication] of [
      ['/console', { token }],
      ['/console', { token: canary.email }],
      ['/webchat', { resumeToken: token }],
      ['/webchat', { resumeToken: canary.name }],
    ] as const) {
      const socket = clients.open(namespace, { auth: authentication, extraHeaders: { 'user-agent': canary.name } });
      await connected(socket).catch((error: Error) => refused.push(error.message));
    }
    figures.socketErrors = acks.filter(({ ack }) => typeof (ack as { error?: unknown }).error === 'string').length + refused.length;
    figures.errorPaths += acks.length + refused.length;
    const leaks = [
      ...acks
        .filter(({ ack }) => typeof (ack as { error?: unknown }).error === 'string')
        .map(({ what, ack }) => `${what}: ${JSON.stringify(ack)}`),
      ...refused,
    ].filter((text) => needles.some((needle) => text.includes(needle)));
    figures.canariesLeaked += leaks.length;
    expect(leaks).toEqual([]);
    expect(figures.socketErrors).toBeGreaterThan(10);
    expect(refused).toHaveLength(4);
  });

  it('keeps them out of SMTP refusals', async () => {
    await request(app.url)
      .patch('/api/organisation')
      .set(auth(tenant.tokens.admin))
      .send({ enquiriesEmail: `contact@${tenant.slug}.test` })
      .expect(200);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const refusals: string[] = [];
    for (const to of [`${token}@nowhere.test`, `nobody@${token}.test`, canary.name.replace(/ /g, '.') + '@example.org']) {
      await transport
        .sendMail({ from: `"${canary.name}" <${canary.email}>`, to, subject: canary.description, text: canary.description })
        .then(() => refusals.push(`accepted for ${to}`))
        .catch((error: Error & { response?: string }) => refusals.push(error.response ?? error.message));
      figures.errorPaths += 1;
    }
    // And one accepted, so that the success path is in the logs too.
    await transport.sendMail({
      from: `"${canary.name}" <${canary.email}>`,
      to: `contact@${tenant.slug}.test`,
      subject: canary.description,
      text: `${canary.description} ${canary.phone}`,
    });
    transport.close();
    expect(refusals.filter((text) => text.startsWith('accepted'))).toEqual([]);
    const leaks = refusals.filter((text) => needles.some((needle) => text.includes(needle)));
    figures.canariesLeaked += leaks.length;
    expect(leaks).toEqual([]);
  });

  it('never writes them to the log or to a metric label', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const metrics = await request(app.url).get('/metrics').expect(200);
    const output = app.output();
    expect(output).toContain('request completed'); // requests are logged (at debug level, everything that is)…
    const inLog = output.split('\n').filter((line) => needles.some((needle) => line.includes(needle)));
    const inMetrics = metrics.text.split('\n').filter((line) => needles.some((needle) => line.includes(needle)));
    figures.canariesLeaked += inLog.length + inMetrics.length;
    // …but never whom they were about.
    expect(inLog.map((line) => line.slice(0, 400))).toEqual([]);
    expect(inMetrics).toEqual([]);
  });
});
