import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, newEnquiry } from './support/factories.js';
import { FakeNotify, notifyApiKey } from './support/fake-notify.js';
import { signedHeaders } from './support/signing.js';
import { addChannelSecret, asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/webhook-receiver.js';

const SERVICE_ID = randomUUID();
const SECRET = randomUUID();
const API_KEY = notifyApiKey(SERVICE_ID, SECRET);
const EMAIL_TEMPLATE = randomUUID();
const SMS_TEMPLATE = randomUUID();

describe('citizens’ messages through GOV.UK Notify', () => {
  let app: TestApp;
  let organisationId: string;
  const fake = new FakeNotify(SERVICE_ID, SECRET, { rateLimitFirst: true });
  const slug = `notify-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const notifyUrl = await fake.start();
    app = await startTestApp({
      JOB_WORKERS: 'true',
      // Queues of its own: another file's app with workers on could otherwise take this file's jobs.
      JOB_QUEUE_PREFIX: `notify-${randomUUID().slice(0, 8)}-`,
      JOB_POLL_SECONDS: '0.5',
      NOTIFY_BASE_URL: notifyUrl,
      NOTIFY_STATUS_CHECK_SECONDS: '1',
      WEBHOOK_BACKOFF_BASE_MS: '200',
      WEBHOOK_BACKOFF_CAP_MS: '400',
    });
    organisationId = await provisionOrganisation(slug);
    await addChannelSecret(organisationId, 'email');
  });
  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  const messageStatus = async (recipient: string) =>
    (
      await asOwner(organisationId, (c) =>
        c.query<{ status: string; last_error: string | null }>(`select status, last_error from citizen_messages where recipient = $1`, [
          recipient,
        ]),
      )
    ).rows[0];

  it('is switched on by an administrator’s configuration alone; the key is never returned or logged', async () => {
    const admin = await login(app, `admin@${slug}.test`);
    expect(
      (
        await request(app.url)
          .patch('/api/organisation')
          .set(auth(admin))
          .send({ notify: { apiKey: 'not-a-key' } })
          .expect(400)
      ).body.message,
    ).toContain('notify.apiKey');
    const saved = await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ notify: { apiKey: API_KEY, templates: { acknowledgementEmail: EMAIL_TEMPLATE, acknowledgementSms: SMS_TEMPLATE } } })
      .expect(200);
    expect(saved.body.notify).toEqual({
      apiKeySet: true,
      templates: { acknowledgementEmail: EMAIL_TEMPLATE, acknowledgementSms: SMS_TEMPLATE },
    });
    expect(JSON.stringify(saved.body)).not.toContain(SECRET);
  });

  it('acknowledges an e-mail through Notify, personalised, authenticated, nothing personal in the reference; a 429 is retried later; the delivery status is recorded', async () => {
    const sender = `citizen.${randomUUID().slice(0, 6)}@example.org`;
    const raw = [
      `From: Citizen <${sender}>`,
      `To: contact@${slug}.demo`,
      'Subject: Pothole',
      `Message-ID: <${randomUUID()}@example.org>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'There is a pothole on Mill Lane.',
    ].join('\r\n');
    const created = await request(app.url)
      .post(`/api/channels/email/${slug}/inbound`)
      .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
      .send(raw)
      .expect(201);
    await waitFor(() => fake.received.filter((entry) => entry.path.endsWith('/email')).length >= 2, 20_000, 'the retried e-mail');
    const [refused, accepted] = fake.received.filter((entry) => entry.path.endsWith('/email'));
    expect(refused.body).toEqual(accepted.body); // the same message, sent again after the 429
    expect(accepted.authorised).toBe(true);
    expect(accepted.body).toMatchObject({
      template_id: EMAIL_TEMPLATE,
      email_address: sender,
      personalisation: {
        reference: created.body.reference,
        organisation: `Council ${slug}`,
        reply_token: expect.stringMatching(new RegExp(`^\\[${created.body.reference}:`)),
      },
    });
    expect(accepted.body.reference).toMatch(/^signpost-[0-9a-f-]{36}$/);
    await waitFor(async () => (await messageStatus(sender))?.status === 'delivered', 20_000, 'the delivery status');
    expect(app.output()).not.toContain(SECRET);
    expect(app.output()).not.toContain(sender);
  });

  it('texts a caller their reference when they ask, and refuses when it cannot', async () => {
    const advisor = await login(app, `advisor@${slug}.test`);
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: 'Texted Caller', phone: '07700 900888' },
      description: 'Wants their reference by text',
    });
    const queued = await request(app.url).post(`/api/enquiries/${enquiry.id}/acknowledgement-sms`).set(auth(advisor)).expect(202);
    expect(queued.body).toEqual({ messageId: expect.any(String) });
    await waitFor(() => fake.received.some((entry) => entry.path.endsWith('/sms')), 20_000, 'the text');
    const text = fake.received.find((entry) => entry.path.endsWith('/sms'))!;
    expect(text.body).toMatchObject({
      template_id: SMS_TEMPLATE,
      phone_number: '07700 900888',
      personalisation: { reference: enquiry.reference, organisation: `Council ${slug}` },
    });
    expect(String(text.body.reference)).not.toContain('07700');
    const noPhone = await newEnquiry(app, advisor, { subject: { name: 'No Phone' }, description: 'x' });
    expect((await request(app.url).post(`/api/enquiries/${noPhone.id}/acknowledgement-sms`).set(auth(advisor)).expect(409)).body.code).toBe(
      'NO_PHONE_NUMBER',
    );
    const lancashire = await login(app, 'advisor@lancashire.demo');
    const elsewhere = await newEnquiry(app, lancashire, { subject: { name: 'Elsewhere', phone: '07700 900777' }, description: 'x' });
    expect(
      (await request(app.url).post(`/api/enquiries/${elsewhere.id}/acknowledgement-sms`).set(auth(lancashire)).expect(409)).body.code,
    ).toBe('NOTIFY_NOT_CONFIGURED');
  });
});
