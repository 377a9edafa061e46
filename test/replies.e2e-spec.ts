import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import request from 'supertest';
import { CARD_NUMBER_REMOVED } from '../src/channels/safety/card-numbers.js';
import { auth, newEnquiry, signIn, VERBAL_CONSENT } from './support/factories.js';
import { FakeNotify, notifyApiKey, type NotifyRequest } from './support/fake-notify.js';
import { freePort } from './support/free-port.js';
import { startMailCapture, type MailCapture } from './support/mail-capture.js';
import { addChannelSecret, asOwner, organisationId, provisionOrganisation } from './support/provision.js';
import { signedHeaders } from './support/signing.js';
import { collect, socketClients } from './support/socket-clients.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/webhook-receiver.js';

const SERVICE_ID = randomUUID();
const SECRET = randomUUID();
const API_KEY = notifyApiKey(SERVICE_ID, SECRET);
const REPLY_EMAIL_TEMPLATE = randomUUID();
const REPLY_SMS_TEMPLATE = randomUUID();

describe('replies: answering the citizen on their channel (issue 22)', () => {
  let app: TestApp;
  let capture: MailCapture;
  const outbox: ParsedMail[] = [];
  const fake = new FakeNotify(SERVICE_ID, SECRET);
  let send: (message: SendMailOptions) => Promise<{ response: string }>;
  const sockets = socketClients(() => app.url);
  const mailSlug = `reply-${randomUUID().slice(0, 8)}`;
  const notifySlug = `replyn-${randomUUID().slice(0, 8)}`;
  let mailOrg: string;
  let notifyOrg: string;
  /** A stand-in for the social platform's Graph API. */
  const graphRequests: { path: string; body: Record<string, unknown> }[] = [];
  const graph = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      graphRequests.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as Record<string, unknown> });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ recipient_id: 'U', message_id: `m_out_${randomUUID()}` }));
    });
  });

  beforeAll(async () => {
    capture = await startMailCapture(outbox);
    const notifyUrl = await fake.start();
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    mailOrg = await provisionOrganisation(mailSlug);
    notifyOrg = await provisionOrganisation(notifySlug);
    await asOwner(mailOrg, (c) =>
      c.query(`update organisations set enquiries_email = $2 where id = $1`, [mailOrg, `contact@${mailSlug}.test`]),
    );
    await addChannelSecret(notifyOrg, 'sms');
    app = await startTestApp({
      SMTP_PORT: String(smtpPort),
      MAIL_TRANSPORT_URL: capture.url,
      JOB_WORKERS: 'true',
      // Queues of its own: other test apps' workers (other SMTP servers, other Notify fakes) never take these replies.
      JOB_QUEUE_PREFIX: `replies-${randomUUID().slice(0, 8)}-`,
      JOB_POLL_SECONDS: '0.5',
      NOTIFY_BASE_URL: notifyUrl,
      NOTIFY_STATUS_CHECK_SECONDS: '1',
      WEBHOOK_BACKOFF_BASE_MS: '100',
      WEBHOOK_BACKOFF_CAP_MS: '200',
      SOCIAL_GRAPH_BASE_URL: `http://127.0.0.1:${(graph.address() as net.AddressInfo).port}/v19.0`,
    });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    send = (message) => transport.sendMail(message) as Promise<{ response: string }>;
    const admin = await login(app, `admin@${notifySlug}.test`);
    await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ notify: { apiKey: API_KEY, templates: { replyEmail: REPLY_EMAIL_TEMPLATE, replySms: REPLY_SMS_TEMPLATE } } })
      .expect(200);
  });
  afterAll(async () => {
    sockets.closeAll();
    await app?.stop();
    await capture?.close();
    await fake.stop();
    await new Promise<void>((resolve) => graph.close(() => resolve()));
  });

  const reply = (token: string, enquiryId: string, body: Record<string, unknown>) =>
    request(app.url).post(`/api/enquiries/${enquiryId}/replies`).set(auth(token)).send(body);
  const replyRows = (organisationId: string, enquiryId: string) =>
    asOwner(
      organisationId,
      async (c) => (await c.query(`select * from replies where enquiry_id = $1 order by created_at`, [enquiryId])).rows,
    );
  const enquiry = async (token: string, id: string) =>
    (await request(app.url).get(`/api/enquiries/${id}`).set(auth(token)).expect(200)).body;

  it('e-mail in by SMTP → advisor replies and resolves → one threaded message with the reference and the text (card number removed) reaches the citizen; their answer joins the enquiry, reopens it and tells the advisor', async () => {
    const citizen = `jo.${randomUUID().slice(0, 6)}@example.org`;
    const citizenMessageId = `<${randomUUID()}@example.org>`;
    await send({
      from: `Jo Citizen <${citizen}>`,
      to: `contact@${mailSlug}.test`,
      subject: 'Bin not collected',
      text: 'My bin was missed.',
      messageId: citizenMessageId,
    });
    const advisor = await signIn(app, `advisor@${mailSlug}.test`);
    let found: { id: string; reference: string } | undefined;
    await waitFor(
      async () => {
        const list = await request(app.url).get('/api/enquiries?channel=email').set(auth(advisor.token)).expect(200);
        found = list.body.items[0];
        return Boolean(found);
      },
      10_000,
      'the enquiry',
    );
    const { id, reference } = found as { id: string; reference: string };
    const console = await sockets.connect('/console', { auth: { token: advisor.token } });
    const answered = collect<{ enquiryId: string; reopened: boolean; channel: string }>(console, 'reply:answered');

    const options = await request(app.url).get(`/api/enquiries/${id}/reply-options`).set(auth(advisor.token)).expect(200);
    expect(options.body).toMatchObject({ defaultChannel: 'email', language: 'en' });
    const preview = await request(app.url)
      .post(`/api/enquiries/${id}/replies/preview`)
      .set(auth(advisor.token))
      .send({ text: 'Dear ((name)), we will collect it tomorrow. Card 4111 1111 1111 1111 is not needed. ((advisor))' })
      .expect(200);
    expect(preview.body).toMatchObject({ channel: 'email', transport: 'smtp', recipient: citizen, cardNumbersRemoved: 1 });
    expect(preview.body.text).toBe(
      `Dear Jo Citizen, we will collect it tomorrow. Card ${CARD_NUMBER_REMOVED} is not needed. advisor of ${mailSlug}`,
    );

    const created = await reply(advisor.token, id, {
      text: 'Dear ((name)), we will collect it tomorrow. Card 4111 1111 1111 1111 is not needed. ((advisor))',
      resolve: true,
    }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), channel: 'email', status: 'queued' });
    expect((await enquiry(advisor.token, id)).status).toBe('resolved');

    const sent = () => outbox.filter((mail) => mail.messageId === `<reply-${created.body.id}@signpost>`);
    await waitFor(() => sent().length === 1, 15_000, 'the reply at the SMTP server');
    const [mail] = sent();
    expect((mail.to as { text: string }).text).toBe(citizen);
    expect(mail.subject).toContain(reference);
    expect(mail.text).toContain(`Dear Jo Citizen, we will collect it tomorrow. Card ${CARD_NUMBER_REMOVED} is not needed.`);
    expect(mail.text).not.toContain('4111');
    expect(mail.inReplyTo).toBe(citizenMessageId);
    expect([mail.references].flat()).toContain(citizenMessageId);
    await waitFor(async () => (await replyRows(mailOrg, id))[0]?.status === 'sent', 10_000, 'the reply marked sent');
    // The reply and its status are in the conversation; the audit trail has ids and the channel, never the text.
    const listed = await request(app.url).get(`/api/enquiries/${id}/replies`).set(auth(advisor.token)).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, channel: 'email', status: 'sent', resolves: true })]);
    const audit = await asOwner(
      mailOrg,
      async (c) => (await c.query(`select action, details from audit_entries where entity_id = $1`, [id])).rows,
    );
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['reply.queue', 'reply.sent']));
    expect(JSON.stringify(audit)).not.toContain('collect it tomorrow');
    expect(JSON.stringify(audit)).not.toContain(citizen);

    // The citizen answers to the Reply-To (reference and token): same enquiry, reopened, the advisor told.
    const replyTo = (mail.replyTo as { value: { address: string }[] }).value[0].address;
    await send({
      from: citizen,
      to: replyTo,
      subject: `Re: ${mail.subject}`,
      text: 'Thank you, it was not collected again.',
      inReplyTo: mail.messageId,
    });
    const after = await enquiry(advisor.token, id);
    expect(after.status).toBe('in_progress');
    expect(after.timeline.some((event: { text?: string }) => event.text === 'Thank you, it was not collected again.')).toBe(true);
    await waitFor(() => answered.length === 1, 5_000, 'reply:answered on the advisor’s console');
    expect(answered[0]).toEqual({ enquiryId: id, reference, channel: 'email', reopened: true });
    const list = await request(app.url).get('/api/enquiries?channel=email').set(auth(advisor.token)).expect(200);
    expect(list.body.total).toBe(1); // no second enquiry
  });

  it('through GOV.UK Notify: an e-mail and a text with the reply templates, JWT checked, nothing personal in `reference`; delivery read back; a text back joins and reopens the enquiry', async () => {
    const advisor = await login(app, `advisor@${notifySlug}.test`);
    const email = `sam.${randomUUID().slice(0, 6)}@example.org`;
    const created = await newEnquiry(app, advisor, {
      channel: 'form',
      subject: { name: 'Sam Notify', email, phone: '07700 900456' },
      description: 'Asked about school transport',
    });
    const byEmail = await reply(advisor, created.id, { text: 'Hello ((name)), your reference is ((reference)).' }).expect(201);
    expect(byEmail.body.channel).toBe('email');
    // The reply is the enquiry's first response (service levels): only the resolution's clock runs now.
    const answered = (await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200)).body;
    expect(Date.parse(answered.firstRespondedAt)).toBeGreaterThanOrEqual(Date.parse(answered.createdAt));
    expect(answered.slaState).toBe('on_track');
    await waitFor(() => fake.received.some((entry) => entry.path.endsWith('/email')), 15_000, 'the e-mail at Notify');
    const mail = fake.received.find((entry) => entry.path.endsWith('/email')) as NotifyRequest;
    expect(mail.authorised).toBe(true);
    expect(mail.body).toMatchObject({
      template_id: REPLY_EMAIL_TEMPLATE,
      email_address: email,
      personalisation: expect.objectContaining({
        body: `Hello Sam Notify, your reference is ${created.reference}.`,
        reference: created.reference,
      }),
    });
    expect(mail.body.reference).toBe(`signpost-reply-${byEmail.body.id}`);
    await waitFor(
      async () => (await replyRows(notifyOrg, created.id))[0]?.status === 'delivered',
      15_000,
      'delivered, read back from Notify',
    );

    // A phone enquiry: by text only when the person agreed.
    const call = await newEnquiry(app, advisor, {
      subject: { name: 'Pat Caller', phone: '07700 900789' },
      description: 'Council tax question',
    });
    expect((await reply(advisor, call.id, { text: 'We have your question.', channel: 'sms' }).expect(422)).body.code).toBe(
      'CONTACT_AGREEMENT_REQUIRED',
    );
    const byText = await reply(advisor, call.id, {
      text: 'We have your question.',
      channel: 'sms',
      contactAgreed: true,
      resolve: true,
    }).expect(201);
    await waitFor(() => fake.received.some((entry) => entry.path.endsWith('/sms')), 15_000, 'the text at Notify');
    const text = fake.received.find((entry) => entry.path.endsWith('/sms')) as NotifyRequest;
    expect(text.authorised).toBe(true);
    expect(text.body).toMatchObject({
      template_id: REPLY_SMS_TEMPLATE,
      phone_number: '07700 900789',
      reference: `signpost-reply-${byText.body.id}`,
    });
    // Notify's `reference` is the reply's id: no name, address, number or enquiry reference.
    for (const sentBody of [mail.body, text.body]) {
      for (const personal of ['Sam', 'Pat', email, '07700', '900456', '900789', created.reference, call.reference])
        expect(String(sentBody.reference)).not.toContain(personal);
    }

    // The citizen texts back: Notify's callback, relayed signed with the organisation's sms secret.
    const callback = JSON.stringify({
      id: randomUUID(),
      source_number: '447700900789',
      destination_number: '07700900000',
      message: 'Thanks, and my card is 4111111111111111',
      date_received: new Date().toISOString(),
    });
    const unsigned = await request(app.url)
      .post(`/api/channels/sms/${notifySlug}/inbound`)
      .set('content-type', 'application/json')
      .send(callback);
    expect(unsigned.status).toBe(401);
    const joined = await request(app.url)
      .post(`/api/channels/sms/${notifySlug}/inbound`)
      .set({ ...signedHeaders(callback), 'content-type': 'application/json' })
      .send(callback)
      .expect(201);
    expect(joined.body).toEqual({ matched: true, enquiryId: call.id, reference: call.reference });
    await request(app.url)
      .post(`/api/channels/sms/${notifySlug}/inbound`)
      .set({ ...signedHeaders(callback), 'content-type': 'application/json' })
      .send(callback)
      .expect(200);
    const after = await enquiry(advisor, call.id);
    expect(after.status).toBe('in_progress');
    const texts = after.timeline.filter((event: { authorType?: string; text?: string }) =>
      event.text?.startsWith('Thanks, and my card is'),
    );
    expect(texts).toHaveLength(1);
    expect(texts[0].text).toBe(`Thanks, and my card is ${CARD_NUMBER_REMOVED}`);
  });

  it('waiting for the citizen: their text back ends the wait, and the due times move on by the working time waited', async () => {
    const advisor = await login(app, `advisor@${notifySlug}.test`);
    const phone = `07700 9${String(Math.floor(Math.random() * 90000) + 10000)}`;
    const call = await newEnquiry(app, advisor, { subject: { name: 'Lee Waiting', phone }, description: 'Parking permit question' });
    await reply(advisor, call.id, { text: 'Which street do you live on?', channel: 'sms', contactAgreed: true }).expect(201);
    await request(app.url).post(`/api/enquiries/${call.id}/wait-for-citizen`).set(auth(advisor)).expect(200);
    expect((await enquiry(advisor, call.id)).slaState).toBe('paused');
    // Two hours of waiting, counted around the clock (this organisation's hours set open at all times for the test).
    await asOwner(notifyOrg, async (c) => {
      await c.query(
        `update organisations set business_hours = '{"timezone":"Europe/London","bankHolidays":"none","weekly":{"1":["00:00-24:00"],"2":["00:00-24:00"],"3":["00:00-24:00"],"4":["00:00-24:00"],"5":["00:00-24:00"],"6":["00:00-24:00"],"7":["00:00-24:00"]}}' where id = $1`,
        [notifyOrg],
      );
      await c.query(`update enquiries set waiting_since = now() - interval '2 hours' where id = $1`, [call.id]);
    });
    const before = await enquiry(advisor, call.id);
    const callback = JSON.stringify({
      id: randomUUID(),
      source_number: `44${phone.replace(/\D/g, '').slice(1)}`,
      destination_number: '07700900000',
      message: 'Acacia Avenue',
      date_received: new Date().toISOString(),
    });
    const joined = await request(app.url)
      .post(`/api/channels/sms/${notifySlug}/inbound`)
      .set({ ...signedHeaders(callback), 'content-type': 'application/json' })
      .send(callback)
      .expect(201);
    expect(joined.body).toMatchObject({ matched: true, enquiryId: call.id });
    const after = await enquiry(advisor, call.id);
    expect(after.waitingSince).toBeUndefined();
    expect(after.slaState).toBe('on_track');
    const movedBy = Date.parse(after.resolutionDueAt) - Date.parse(before.resolutionDueAt);
    expect(movedBy).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(movedBy).toBeLessThan(2 * 3_600_000 + 60_000);
    const ended = after.timeline.find((event: { metadata: { event?: string } }) => event.metadata.event === 'waiting_for_citizen_ended');
    expect(ended.metadata).toMatchObject({ endedBy: 'citizen_answered', waitedWorkingMinutes: 120 });
  });

  it('a receiver outage is retried with backoff and then dead-lettered (failed, on the timeline)', async () => {
    const advisor = await login(app, `advisor@${notifySlug}.test`);
    const created = await newEnquiry(app, advisor, {
      channel: 'form',
      subject: { name: 'Lee Outage', email: `lee.${randomUUID().slice(0, 6)}@example.org` },
    });
    fake.failing = true;
    try {
      const before = fake.received.length;
      const sent = await reply(advisor, created.id, { text: 'We are looking into it.' }).expect(201);
      await waitFor(async () => (await replyRows(notifyOrg, created.id))[0]?.status === 'failed', 30_000, 'dead-lettered');
      const [row] = await replyRows(notifyOrg, created.id);
      expect(row).toMatchObject({ status: 'failed', attempts: 6, last_error: '503 ServiceUnavailable' });
      expect(row.dead_lettered_at).not.toBeNull();
      expect(fake.received.length - before).toBe(6);
      const timeline = (await enquiry(advisor, created.id)).timeline;
      expect(timeline).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            metadata: expect.objectContaining({ event: 'reply_failed', replyId: sent.body.id, deadLettered: true }),
          }),
        ]),
      );
    } finally {
      fake.failing = false;
    }
    // Once the receiver is back, an advisor sends the dead letter again: the same reply, delivered.
    const [dead] = await replyRows(notifyOrg, created.id);
    await request(app.url).post(`/api/enquiries/${created.id}/replies/${dead.id}/retry`).set(auth(advisor)).expect(200);
    await waitFor(async () => (await replyRows(notifyOrg, created.id))[0]?.status === 'delivered', 15_000, 'the retried reply delivered');
    expect(
      (await request(app.url).post(`/api/enquiries/${created.id}/replies/${dead.id}/retry`).set(auth(advisor)).expect(409)).body.code,
    ).toBe('REPLY_NOT_FAILED');
  });

  it('a restricted person or withdrawn consent → 409 with the reason, and nothing stored or sent', async () => {
    const advisor = await login(app, `advisor@${mailSlug}.test`);
    const restricted = await newEnquiry(app, advisor, {
      channel: 'form',
      subject: { name: 'Ray Restricted', email: `ray.${randomUUID().slice(0, 6)}@example.org` },
    });
    await asOwner(mailOrg, (c) =>
      c.query(
        `update data_subjects set processing_restricted_at = now() where id = (select data_subject_id from enquiries where id = $1)`,
        [restricted.id],
      ),
    );
    const outboxBefore = outbox.length;
    const refused = await reply(advisor, restricted.id, { text: 'Hello' }).expect(409);
    expect(refused.body.code).toBe('PROCESSING_RESTRICTED');
    expect(refused.body.message).toContain('restricted');

    const onConsent = await newEnquiry(app, advisor, {
      channel: 'form',
      legalBasis: 'consent',
      consent: VERBAL_CONSENT,
      subject: { name: 'Wyn Withdrawn', email: `wyn.${randomUUID().slice(0, 6)}@example.org` },
    });
    const consentId = (await enquiry(advisor, onConsent.id)).consents[0].id;
    await request(app.url)
      .post(`/api/enquiries/${onConsent.id}/consents/${consentId}/withdraw`)
      .set(auth(advisor))
      .send({ method: 'verbal' })
      .expect(200);
    expect((await reply(advisor, onConsent.id, { text: 'Hello' }).expect(409)).body.code).toBe('CONSENT_WITHDRAWN');

    expect(await replyRows(mailOrg, restricted.id)).toEqual([]);
    expect(await replyRows(mailOrg, onConsent.id)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(outbox.length).toBe(outboxBefore);
  });

  it('special category details are not sent by text (422), roles and organisations are checked', async () => {
    const advisor = await login(app, `advisor@${notifySlug}.test`);
    const created = await newEnquiry(app, advisor, {
      channel: 'form',
      subject: { name: 'Kim Health', phone: '07700 900111' },
      specialCategory: { categories: ['health'], details: 'Epilepsy, needs a carer', explicitConsent: true },
    });
    const refused = await reply(advisor, created.id, { text: 'About your epilepsy: the badge is approved.' }).expect(422);
    expect(refused.body.code).toBe('SPECIAL_CATEGORY_BY_TEXT');
    await reply(advisor, created.id, { text: 'Your badge is approved.' }).expect(201);
    // Another organisation's enquiry answers as an unknown one; roles other than advisor and supervisor are refused.
    const other = await login(app, `advisor@${mailSlug}.test`);
    expect((await reply(other, created.id, { text: 'Hello' }).expect(404)).body.code).toBe('ENQUIRY_NOT_FOUND');
    await reply(await login(app, `dpo@${notifySlug}.test`), created.id, { text: 'Hello' }).expect(403);
    expect((await reply(advisor, created.id, { channel: 'fax', text: 'x' }).expect(400)).body.message).toContain('channel');
  });

  it('saved replies: variables filled at send time, an unknown one refused naming it, the Welsh text for a Welsh speaker', async () => {
    const supervisor = await login(app, `supervisor@${mailSlug}.test`);
    const advisor = await login(app, `advisor@${mailSlug}.test`);
    const unknown = await request(app.url)
      .post('/api/saved-replies')
      .set(auth(supervisor))
      .send({ title: 'Bad one', text: 'Hello ((name)), see you on ((date)).' })
      .expect(400);
    expect(unknown.body.message).toContain('((date))');
    await request(app.url).post('/api/saved-replies').set(auth(advisor)).send({ title: 'Advisor may not', text: 'Hi' }).expect(403);
    const saved = await request(app.url)
      .post('/api/saved-replies')
      .set(auth(supervisor))
      .send({
        title: 'Badge received',
        text: 'Dear ((name)), we have your application, reference ((reference)). ((advisor)), ((organisation))',
        textWelsh: 'Annwyl ((name)), mae gennym eich cais, cyfeirnod ((reference)). ((advisor)), ((organisation))',
        service: 'blue-badge',
        tags: ['Badges'],
      })
      .expect(201);
    expect(saved.body).toMatchObject({ tags: ['badges'], variables: ['name', 'reference', 'advisor', 'organisation'] });
    expect(
      (await request(app.url).get('/api/saved-replies').set(auth(advisor)).expect(200)).body.map((s: { id: string }) => s.id),
    ).toContain(saved.body.id);

    const welsh = await newEnquiry(app, advisor, {
      channel: 'form',
      subject: { name: 'Eleri Jones', email: `eleri.${randomUUID().slice(0, 6)}@example.org`, preferredLanguage: 'cy' },
    });
    const preview = await request(app.url)
      .post(`/api/enquiries/${welsh.id}/replies/preview`)
      .set(auth(advisor))
      .send({ savedReplyId: saved.body.id })
      .expect(200);
    expect(preview.body).toMatchObject({
      language: 'cy',
      text: `Annwyl Eleri Jones, mae gennym eich cais, cyfeirnod ${welsh.reference}. advisor of ${mailSlug}, Council ${mailSlug}`,
    });
    const english = await newEnquiry(app, advisor, {
      channel: 'form',
      subject: { name: 'Ann Smith', email: `ann.${randomUUID().slice(0, 6)}@example.org` },
    });
    const sent = await reply(advisor, english.id, { savedReplyId: saved.body.id }).expect(201);
    const [row] = await replyRows(mailOrg, english.id);
    expect(row).toMatchObject({ id: sent.body.id, saved_reply_id: saved.body.id, language: 'en' });
    expect(row.text).toBe(
      `Dear Ann Smith, we have your application, reference ${english.reference}. advisor of ${mailSlug}, Council ${mailSlug}`,
    );
    // Row-level security: another organisation's staff see none of them.
    const outsider = await login(app, `supervisor@${notifySlug}.test`);
    await request(app.url).get(`/api/saved-replies/${saved.body.id}`).set(auth(outsider)).expect(404);
  });

  it('the reply is in the subject access export and gone after erasure; no reply to an erased person', async () => {
    const advisor = await login(app, `advisor@${mailSlug}.test`);
    const dpo = await login(app, `dpo@${mailSlug}.test`);
    const email = `erin.${randomUUID().slice(0, 6)}@example.org`;
    const created = await newEnquiry(app, advisor, { channel: 'form', subject: { name: 'Erin Export', email } });
    const sent = await reply(advisor, created.id, { text: 'Your parking permit is on its way.' }).expect(201);
    const found = await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200);
    const dataSubjectId = found.body.subjects[0].dataSubjectId as string;
    const confirmed = async (type: string) => {
      const requested = await request(app.url)
        .post('/api/subject-requests')
        .set(auth(dpo))
        .send({ type, subject: { email }, receivedAt: new Date().toISOString().slice(0, 10) })
        .expect(201);
      await request(app.url)
        .post(`/api/subject-requests/${requested.body.id}/verify-identity`)
        .set(auth(dpo))
        .send({ evidence: 'passport', receivedAt: new Date().toISOString().slice(0, 10) })
        .expect(200);
      await request(app.url)
        .post(`/api/subject-requests/${requested.body.id}/subjects`)
        .set(auth(dpo))
        .send({ dataSubjectIds: [dataSubjectId] })
        .expect(200);
      return requested.body.id as string;
    };
    const access = await confirmed('access');
    const exported = await request(app.url).get(`/api/subject-requests/${access}/export`).set(auth(dpo)).expect(200);
    expect(exported.body.subjects[0].enquiries[0].replies).toEqual([
      expect.objectContaining({ id: sent.body.id, channel: 'email', recipient: email, text: 'Your parking permit is on its way.' }),
    ]);

    const erasure = await confirmed('erasure');
    const erased = await request(app.url).post(`/api/subject-requests/${erasure}/erase`).set(auth(dpo)).send({}).expect(200);
    expect(erased.body.erased).toMatchObject({ replies: 1 });
    const [row] = await replyRows(mailOrg, created.id);
    expect(row).toMatchObject({ text: '[erased]', recipient: '[erased]', recipient_key: null });
    expect(JSON.stringify(await replyRows(mailOrg, created.id))).not.toContain('parking permit');
    expect((await reply(advisor, created.id, { text: 'One more thing' }).expect(409)).body.code).toBe('SUBJECT_ERASED');
  });

  it('a social enquiry is answered through the platform adapter, from the job queue', async () => {
    const sender = `U-${randomUUID()}`;
    const mid = `m_${randomUUID()}`;
    const event = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'PAGE1',
          time: Date.now(),
          messaging: [
            {
              sender: { id: sender },
              recipient: { id: 'PAGE1' },
              timestamp: Date.now(),
              message: { mid, text: 'Is the tip open on Sunday?' },
            },
          ],
        },
      ],
    });
    await request(app.url)
      .post('/api/channels/social/lancashire/webhook')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', `sha256=${createHmac('sha256', 'signpost-demo-app-secret').update(event).digest('hex')}`)
      .send(event)
      .expect(200);
    const lancashire = await organisationId('lancashire');
    const enquiryId = await asOwner(
      lancashire,
      async (c) =>
        (await c.query<{ enquiry_id: string }>(`select enquiry_id from social_messages where platform_message_id = $1`, [mid])).rows[0]
          .enquiry_id,
    );
    const advisor = await login(app, 'advisor@lancashire.demo');
    const sent = await reply(advisor, enquiryId, { text: 'Yes, from 8am to 4pm.' }).expect(201);
    expect(sent.body.channel).toBe('social');
    await waitFor(
      () => graphRequests.some((entry) => JSON.stringify(entry.body).includes('Yes, from 8am to 4pm.')),
      15_000,
      'the reply at the platform',
    );
    const posted = graphRequests.find((entry) => JSON.stringify(entry.body).includes('Yes, from 8am to 4pm.'));
    expect(posted).toMatchObject({ path: '/v19.0/me/messages', body: { recipient: { id: sender } } });
    await waitFor(async () => (await replyRows(lancashire, enquiryId))[0]?.status === 'sent', 10_000, 'the reply marked sent');
  });
});
