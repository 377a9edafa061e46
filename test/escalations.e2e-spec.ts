import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { auth, type EnquiryOverrides, escalate, newEnquiry, VERBAL_CONSENT } from './support/factories.js';
import { asTenant, login, startTestApp, testDatabase, type TestApp } from './support/test-app.js';
import { waitFor, WebhookReceiver } from './support/webhook-receiver.js';
import { startOwnDatabase, type OwnDatabase } from './resilience/support/own-database.js';

const SECRET = 'whsec_c2lnbnBvc3QtdGVzdC1yZWNlaXZlci1zZWNyZXQ=';
const FAST_RETRIES = {
  JOB_WORKERS: 'true',
  JOB_POLL_SECONDS: '0.5',
  WEBHOOK_BACKOFF_BASE_MS: '100',
  WEBHOOK_BACKOFF_CAP_MS: '300',
  WEBHOOK_MAX_ATTEMPTS: '4',
};

/** Ada's enquiry, which every referral here starts from: a blue badge, a pothole and a health condition; its id. */
async function adaEnquiry(app: TestApp, token: string, overrides: EnquiryOverrides = {}): Promise<string> {
  const enquiry = await newEnquiry(app, token, {
    subject: {
      name: 'Ada Referral',
      dateOfBirth: '1944-05-06',
      phone: '07700 900555',
      address: '5 Mill Lane, Preston',
      postcode: 'PR2 3CD',
    },
    description: 'Needs help with a blue badge and reports a pothole',
    specialCategory: { categories: ['health'], explicitConsent: true, details: 'Has multiple sclerosis' },
    ...overrides,
  });
  return enquiry.id;
}

async function pointServiceAt(app: TestApp, admin: string, code: string, url: string): Promise<void> {
  await request(app.url)
    .patch(`/api/services/${code}`)
    .set(auth(admin))
    .send({ active: true, delivery: { type: 'webhook', url, secret: SECRET } })
    .expect(200);
}

describe('escalation to a service over a signed webhook', () => {
  let app: TestApp;
  let advisor: string;
  let admin: string;
  let supervisor: string;
  const receiver = new WebhookReceiver();
  let receiverUrl: string;

  beforeAll(async () => {
    receiverUrl = await receiver.start();
    // Queues of its own: test apps share one database, and another file's app with workers on (and slower retries)
    // could take this file's referral jobs (seen in CI: a dead letter that never came within 20 s).
    app = await startTestApp({ ...FAST_RETRIES, JOB_QUEUE_PREFIX: `escalations-${randomUUID().slice(0, 8)}-` });
    advisor = await login(app, 'advisor@lancashire.demo');
    admin = await login(app, 'admin@lancashire.demo');
    supervisor = await login(app, 'supervisor@lancashire.demo');
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
  });

  it('delivers a correctly signed referral with exactly the previewed, permitted fields; the service acknowledges and closes it', async () => {
    await pointServiceAt(app, admin, 'adults-social-care', receiverUrl);
    receiver.respond = () => ({ status: 204 });
    const enquiryId = await adaEnquiry(app, advisor);
    const preview = await request(app.url)
      .get(`/api/enquiries/${enquiryId}/escalations/preview?service=adults-social-care`)
      .set(auth(advisor))
      .expect(200);
    expect(preview.body).toEqual({
      service: 'adults-social-care',
      fields: { name: 'Ada Referral', dateOfBirth: '1944-05-06', contactNumber: '07700 900555', address: '5 Mill Lane, Preston, PR2 3CD' },
    });
    const escalation = await escalate(app, advisor, enquiryId, 'adults-social-care', {
      reasonForReferral: 'Badge renewal',
      actionsAlreadyTaken: 'Confirmed eligibility',
      specialRequirements: 'Uses a wheelchair',
    });
    expect(escalation).toMatchObject({ status: 'sent', deliveryStatus: 'pending' });
    expect(escalation.sharedFields).toEqual([
      'name',
      'dateOfBirth',
      'contactNumber',
      'address',
      'specialRequirements',
      'reasonForReferral',
      'actionsAlreadyTaken',
    ]);

    await waitFor(() => receiver.accepted.size === 1, 20_000, 'webhook delivery');
    const delivered = receiver.requests.at(-1)!;
    const verified = new Webhook(SECRET).verify(delivered.body, {
      'webhook-id': String(delivered.headers['webhook-id']),
      'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
      'webhook-signature': String(delivered.headers['webhook-signature']),
    }) as { type: string; data: Record<string, unknown> };
    expect(verified.type).toBe('escalation.created');
    expect(verified.data).toMatchObject({
      escalationId: escalation.id,
      organisation: 'lancashire',
      service: 'adults-social-care',
      reference: expect.any(String),
    });
    expect(verified.data.fields).toEqual({
      ...preview.body.fields,
      specialRequirements: 'Uses a wheelchair',
      reasonForReferral: 'Badge renewal',
      actionsAlreadyTaken: 'Confirmed eligibility',
    });
    expect(delivered.body).not.toContain('sclerosis');
    expect(delivered.body).not.toContain('pothole');

    await waitFor(
      async () =>
        (await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(supervisor))).body.deliveryStatus === 'delivered',
      5000,
      'delivered status',
    );
    const serviceUser = await login(app, 'adults-social-care@lancashire.demo');
    const seen = await request(app.url).get('/api/escalations').set(auth(serviceUser)).expect(200);
    expect(seen.body.map((e: { id: string }) => e.id)).toContain(escalation.id);
    await request(app.url).post(`/api/escalations/${escalation.id}/acknowledge`).set(auth(serviceUser)).expect(200);
    await request(app.url)
      .post(`/api/escalations/${escalation.id}/updates`)
      .set(auth(serviceUser))
      .send({ text: 'Application form posted' })
      .expect(201);
    const closed = await request(app.url)
      .post(`/api/escalations/${escalation.id}/close`)
      .set(auth(serviceUser))
      .send({ outcome: 'Badge renewed' })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'Badge renewed' });
    await request(app.url).post(`/api/escalations/${escalation.id}/acknowledge`).set(auth(serviceUser)).expect(409);

    const enquiry = await request(app.url).get(`/api/enquiries/${enquiryId}`).set(auth(advisor)).expect(200);
    expect(enquiry.body.status).toBe('escalated');
    const events = enquiry.body.timeline.map((e: { metadata: { event?: string } }) => e.metadata.event);
    expect(events).toEqual(
      expect.arrayContaining(['escalated', 'escalation_delivered', 'escalation_acknowledged', 'escalation_update', 'escalation_closed']),
    );
  });

  it('retries a failing receiver with the same webhook-id and delivers exactly once', async () => {
    await pointServiceAt(app, admin, 'nowcard', receiverUrl);
    const before = receiver.requests.length;
    receiver.respond = (attempt) => (attempt - before <= 3 ? { status: 503 } : { status: 200 });
    const enquiryId = await adaEnquiry(app, advisor);
    const escalation = await escalate(app, advisor, enquiryId, 'nowcard', {
      reasonForReferral: 'Pass renewal',
      actionsAlreadyTaken: 'None',
    });
    await waitFor(() => receiver.requests.length - before >= 4, 20_000, 'four attempts');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing more should come
    const attempts = receiver.requests.slice(before);
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect([...receiver.accepted.keys()].filter((id) => id === attempts[0].headers['webhook-id'])).toHaveLength(1);
    const state = await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(supervisor)).expect(200);
    expect(state.body).toMatchObject({ deliveryStatus: 'delivered', attempts: 4 });
  });

  it('dead-letters after the last attempt, and a supervisor’s replay delivers', async () => {
    await pointServiceAt(app, admin, 'school-transport', receiverUrl);
    receiver.respond = () => ({ status: 500 });
    const before = receiver.requests.length;
    const enquiryId = await adaEnquiry(app, advisor);
    const escalation = await escalate(app, advisor, enquiryId, 'school-transport', {
      reasonForReferral: 'Transport to school',
      actionsAlreadyTaken: 'None',
    });
    await waitFor(
      async () => (await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(supervisor))).body.deliveryStatus === 'dead',
      20_000,
      'dead letter',
    );
    expect(receiver.requests.length - before).toBe(4);
    const dead = await request(app.url).get('/api/escalations?deliveryStatus=dead').set(auth(supervisor)).expect(200);
    expect(dead.body.map((e: { id: string }) => e.id)).toContain(escalation.id);
    expect(dead.body.find((e: { id: string }) => e.id === escalation.id).lastError).toBe('HTTP 500');

    receiver.respond = () => ({ status: 200 });
    await request(app.url).post(`/api/escalations/${escalation.id}/replay`).set(auth(advisor)).expect(403);
    await request(app.url).post(`/api/escalations/${escalation.id}/replay`).set(auth(supervisor)).expect(200);
    await waitFor(
      async () =>
        (await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(supervisor))).body.deliveryStatus === 'delivered',
      20_000,
      'replayed delivery',
    );
    const ids = receiver.requests.slice(before).map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
  });

  it('never follows a redirect', async () => {
    const elsewhere = new WebhookReceiver();
    const elsewhereUrl = await elsewhere.start();
    try {
      await pointServiceAt(app, admin, 'homes-for-ukraine', receiverUrl);
      const before = receiver.requests.length;
      receiver.respond = () => ({ status: 307, headers: { location: elsewhereUrl } });
      const enquiryId = await adaEnquiry(app, advisor);
      const escalation = await escalate(app, advisor, enquiryId, 'homes-for-ukraine', {
        reasonForReferral: 'Host support',
        actionsAlreadyTaken: 'None',
      });
      await waitFor(
        async () => (await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(supervisor))).body.deliveryStatus === 'dead',
        20_000,
        'dead after redirects',
      );
      expect(receiver.requests.length - before).toBe(4);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });

  it('stops at 410 Gone and refuses further escalations to the retired endpoint', async () => {
    await pointServiceAt(app, admin, 'childrens-social-care', receiverUrl);
    receiver.respond = () => ({ status: 410 });
    const enquiryId = await adaEnquiry(app, advisor);
    const escalation = await escalate(app, advisor, enquiryId, 'childrens-social-care', {
      reasonForReferral: 'Concern',
      actionsAlreadyTaken: 'None',
    });
    await waitFor(
      async () => (await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(supervisor))).body.deliveryStatus === 'dead',
      20_000,
      'dead after 410',
    );
    const again = await request(app.url)
      .post(`/api/enquiries/${await adaEnquiry(app, advisor)}/escalations`)
      .set(auth(advisor))
      .send({ service: 'childrens-social-care', reasonForReferral: 'Concern', actionsAlreadyTaken: 'None' })
      .expect(409);
    expect(again.body.code).toBe('SERVICE_ENDPOINT_DISABLED');
  });

  it('refuses when consent was withdrawn, for special category data the service may not receive, an inactive or unknown service', async () => {
    const consentBased = await adaEnquiry(app, advisor, { legalBasis: 'consent', consent: VERBAL_CONSENT });
    const detail = await request(app.url).get(`/api/enquiries/${consentBased}`).set(auth(advisor)).expect(200);
    const processing = detail.body.consents.find((c: { purpose: string }) => c.purpose === 'processing');
    await request(app.url)
      .post(`/api/enquiries/${consentBased}/consents/${processing.id}/withdraw`)
      .set(auth(advisor))
      .send({ method: 'written' })
      .expect(200);
    const withdrawn = await request(app.url)
      .post(`/api/enquiries/${consentBased}/escalations`)
      .set(auth(advisor))
      .send({ service: 'adults-social-care', reasonForReferral: 'x', actionsAlreadyTaken: 'y' })
      .expect(409);
    expect(withdrawn.body.code).toBe('CONSENT_WITHDRAWN');

    // Restriction of processing (UK GDPR Art. 18), as the subject-rights desk records it.
    const restricted = await adaEnquiry(app, advisor);
    const restrictedDetail = await request(app.url).get(`/api/enquiries/${restricted}`).set(auth(advisor)).expect(200);
    await asTenant(testDatabase().runtimeUrl, 'lancashire', async (client) => {
      await client.query('update data_subjects set processing_restricted_at = now() where id = $1', [restrictedDetail.body.subject.id]);
      await client.query('commit');
    });
    const restrictedRefusal = await request(app.url)
      .post(`/api/enquiries/${restricted}/escalations`)
      .set(auth(advisor))
      .send({ service: 'adults-social-care', reasonForReferral: 'x', actionsAlreadyTaken: 'y' })
      .expect(409);
    expect(restrictedRefusal.body.code).toBe('PROCESSING_RESTRICTED');

    // Family Information may receive special requirements but not special category data.
    const special = await adaEnquiry(app, advisor);
    const notPermitted = await request(app.url)
      .post(`/api/enquiries/${special}/escalations`)
      .set(auth(advisor))
      .send({ service: 'family-information', reasonForReferral: 'x', actionsAlreadyTaken: 'y', specialRequirements: 'Has MS' })
      .expect(409);
    expect(notPermitted.body.code).toBe('SPECIAL_CATEGORY_NOT_PERMITTED');

    await request(app.url).patch('/api/services/certificate').set(auth(admin)).send({ active: false }).expect(200);
    const inactive = await request(app.url)
      .post(`/api/enquiries/${special}/escalations`)
      .set(auth(advisor))
      .send({ service: 'certificate', reasonForReferral: 'x', actionsAlreadyTaken: 'y' })
      .expect(409);
    expect(inactive.body.code).toBe('SERVICE_INACTIVE');
    await request(app.url).patch('/api/services/certificate').set(auth(admin)).send({ active: true }).expect(200);
    await request(app.url)
      .post(`/api/enquiries/${special}/escalations`)
      .set(auth(advisor))
      .send({ service: 'no-such-service', reasonForReferral: 'x', actionsAlreadyTaken: 'y' })
      .expect(404);
    // Nothing was escalated by the refusals.
    const after = await request(app.url).get(`/api/enquiries/${special}`).set(auth(advisor)).expect(200);
    expect(after.body.status).toBe('new');
  });

  it('refuses an SSRF target when the webhook URL is saved', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.8/hook',
      'http://[::ffff:127.0.0.2]/hook',
      'http://localhost:9/hook',
      'http://100.64.1.1/x',
    ]) {
      const response = await request(app.url)
        .patch('/api/services/libraries')
        .set(auth(admin))
        .send({ delivery: { type: 'webhook', url, secret: SECRET } })
        .expect(400);
      expect(response.body.code).toBe('WEBHOOK_TARGET_REFUSED');
    }
  });

  it("hides another service's escalation from a service user, exactly as an unknown one (404)", async () => {
    const enquiryId = await adaEnquiry(app, advisor);
    await request(app.url)
      .patch('/api/services/adults-social-care')
      .set(auth(admin))
      .send({ delivery: { type: 'portal' } })
      .expect(200);
    const escalation = await escalate(app, advisor, enquiryId, 'adults-social-care', { reasonForReferral: 'x', actionsAlreadyTaken: 'y' });
    expect(escalation.deliveryStatus).toBe('available');
    const highways = await login(app, 'highways@lancashire.demo');
    const strip = ({ correlationId: _ignored, ...rest }: Record<string, unknown>) => rest;
    const foreign = await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(highways)).expect(404);
    const unknown = await request(app.url).get('/api/escalations/0d7f3c55-8a3e-4d1c-9a0f-6a5f0c1b2e3d').set(auth(highways)).expect(404);
    expect(strip(foreign.body)).toEqual(strip(unknown.body));
    await request(app.url).post(`/api/escalations/${escalation.id}/acknowledge`).set(auth(highways)).expect(404);
    const list = await request(app.url).get('/api/escalations').set(auth(highways)).expect(200);
    expect(list.body.map((e: { id: string }) => e.id)).not.toContain(escalation.id);
    const otherOrg = await login(app, 'adults-social-care@cambridgeshire.demo');
    await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(otherOrg)).expect(404);
  });

  it('gives Highways neither the date of birth nor the health note', async () => {
    const cambridgeshireAdvisor = await login(app, 'advisor@cambridgeshire.demo');
    const enquiryId = await adaEnquiry(app, cambridgeshireAdvisor);
    const escalation = await escalate(app, cambridgeshireAdvisor, enquiryId, 'highways', {
      reasonForReferral: 'Pothole outside the house',
      actionsAlreadyTaken: 'None',
      specialRequirements: 'Has MS',
    });
    expect(escalation.sharedFields).toEqual(['name', 'contactNumber', 'address', 'reasonForReferral', 'actionsAlreadyTaken']);
    const highways = await login(app, 'highways@cambridgeshire.demo');
    const seen = await request(app.url).get(`/api/escalations/${escalation.id}`).set(auth(highways)).expect(200);
    expect(seen.body.fields).not.toHaveProperty('dateOfBirth');
    for (const withheld of ['1944-05-06', 'Has MS', 'sclerosis']) expect(JSON.stringify(seen.body)).not.toContain(withheld);
  });
});

/**
 * On a PostgreSQL of its own: on the shared database another file's app with workers on could take the referral's
 * job and send it to its own mail server, and the retention suite's sweep of 100,000 enquiries of the same
 * organisation runs alongside.
 */
describe('delivery to a service mailbox', () => {
  let database: OwnDatabase;
  beforeAll(async () => {
    database = await startOwnDatabase();
  }, 150_000);
  afterAll(async () => {
    await database?.stop();
  });

  it('sends only the permitted fields by SMTP', async () => {
    const messages: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          messages.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as { port: number }).port;
    const app = await startTestApp(
      { ...database.appEnv(), ...FAST_RETRIES, MAIL_TRANSPORT_URL: `smtp://127.0.0.1:${port}` },
      { timeoutMs: 60_000 },
    );
    try {
      const admin = await login(app, 'admin@milton-keynes.demo');
      const advisor = await login(app, 'advisor@milton-keynes.demo');
      await request(app.url)
        .patch('/api/services/libraries')
        .set(auth(admin))
        .send({ delivery: { type: 'email', address: 'libraries@milton-keynes.demo' } })
        .expect(200);
      const enquiryId = await adaEnquiry(app, advisor);
      await escalate(app, advisor, enquiryId, 'libraries', {
        reasonForReferral: 'Library card lost',
        actionsAlreadyTaken: 'Told them about the online form',
      });
      await waitFor(() => messages.length === 1, 20_000, 'referral e-mail');
      const mail = await simpleParser(messages[0]);
      expect(mail.to).toMatchObject({ text: 'libraries@milton-keynes.demo' });
      expect(mail.text).toContain('Milton Keynes Council');
      expect(mail.text).toContain('Name: Ada Referral');
      expect(mail.text).toContain('Contact number: 07700 900555');
      expect(mail.text).toContain('Reason for referral: Library card lost');
      for (const withheld of ['1944', 'Mill Lane', 'sclerosis']) expect(mail.text).not.toContain(withheld);
    } finally {
      await app.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

/**
 * On a PostgreSQL of its own: every other test app shares the main database's job queue, and one with workers on
 * could deliver the referral in the moment between commit and kill, which this test must see undelivered.
 */
describe('delivery survives a crash between commit and delivery', () => {
  let database: OwnDatabase;
  beforeAll(async () => {
    database = await startOwnDatabase();
  }, 150_000);
  afterAll(async () => {
    await database?.stop();
  });

  it('delivers after a restart what an instance killed before delivering had committed', async () => {
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    const first = await startTestApp({ ...database.appEnv(), JOB_WORKERS: 'false' }, { timeoutMs: 60_000 });
    let escalationId: string;
    try {
      const admin = await login(first, 'admin@northamptonshire.demo');
      const advisor = await login(first, 'advisor@northamptonshire.demo');
      await pointServiceAt(first, admin, 'school-admissions', url);
      const enquiryId = await adaEnquiry(first, advisor);
      const created = await escalate(first, advisor, enquiryId, 'school-admissions', {
        reasonForReferral: 'In-year admission',
        actionsAlreadyTaken: 'None',
      });
      escalationId = created.id;
    } finally {
      first.process.kill('SIGKILL');
      await new Promise((resolve) => first.process.once('exit', resolve));
    }
    expect(receiver.requests).toHaveLength(0);
    const second = await startTestApp({ ...database.appEnv(), ...FAST_RETRIES }, { timeoutMs: 60_000 });
    try {
      await waitFor(() => receiver.accepted.size === 1, 20_000, 'delivery after restart');
      const supervisor = await login(second, 'supervisor@northamptonshire.demo');
      const state = await request(second.url).get(`/api/escalations/${escalationId}`).set(auth(supervisor)).expect(200);
      expect(state.body.deliveryStatus).toBe('delivered');
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await second.stop();
      await receiver.stop();
    }
  });
});
