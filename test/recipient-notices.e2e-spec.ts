import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { auth, escalate, newEnquiry } from './support/factories.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor, WebhookReceiver, type ReceivedRequest } from './support/webhook-receiver.js';

const SECRET = 'whsec_c2lnbnBvc3Qtbm90aWNlLXJlY2VpdmVyLXNlY3JldA==';
const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

interface SignedEvent {
  type: string;
  data: {
    noticeId?: string;
    escalationId: string;
    reference: string;
    organisation: string;
    service: string;
    fields?: Record<string, string>;
  };
}

/** The receiver's business logic: only what verifies against the service's secret is read. */
function verified(received: ReceivedRequest): SignedEvent {
  return new Webhook(SECRET).verify(received.body, {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  }) as SignedEvent;
}

/**
 * Art. 19: every service that received a person's data is told of a rectification, an erasure or a restriction,
 * through the same signed outbox as referrals, and the notice ledger records it. Legal holds keep records
 * through erasure. Cambridgeshire's Highways and Blue Badge services point at a receiver on loopback here.
 */
describe('notices to the services that received the data, and legal holds', () => {
  let app: TestApp;
  let advisor: string;
  let dpo: string;
  const receiver = new WebhookReceiver();
  const events = () => receiver.requests.filter((received) => received.status < 300).map(verified);

  beforeAll(async () => {
    const url = await receiver.start();
    app = await startTestApp({
      JOB_WORKERS: 'true',
      // Queues of its own: another file's app with workers on could otherwise take this file's jobs.
      JOB_QUEUE_PREFIX: `notices-${randomUUID().slice(0, 8)}-`,
      JOB_POLL_SECONDS: '0.5',
      WEBHOOK_BACKOFF_BASE_MS: '100',
      WEBHOOK_BACKOFF_CAP_MS: '300',
    });
    const admin = await login(app, 'admin@cambridgeshire.demo');
    for (const code of ['highways', 'blue-badge']) {
      await request(app.url)
        .patch(`/api/services/${code}`)
        .set(auth(admin))
        .send({ active: true, delivery: { type: 'webhook', url, secret: SECRET } })
        .expect(200);
    }
    advisor = await login(app, 'advisor@cambridgeshire.demo');
    dpo = await login(app, 'dpo@cambridgeshire.demo');
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
  });

  /** An enquiry for the person (the first creates them), escalated to `service`; its id and reference. */
  const referred = async (person: { name: string; email: string }, service: string, dataSubjectId?: string) => {
    const enquiry = await newEnquiry(app, advisor, {
      ...(dataSubjectId ? { dataSubjectId } : {}),
      subject: { ...person, phone: '07700 900321', dateOfBirth: '1961-03-04', address: '3 Fen Road, Ely', postcode: 'CB7 4AA' },
      description: `Needs ${service} for ${person.name}`,
    });
    await escalate(app, advisor, enquiry.id, service, { reasonForReferral: 'Referral', actionsAlreadyTaken: 'Advice given' });
    return { id: enquiry.id, reference: enquiry.reference };
  };
  const subjectIdOf = async (email: string): Promise<string> =>
    (await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200)).body.subjects[0].dataSubjectId;
  /** A request of `type` about the person, verified and confirmed. */
  const readyRequest = async (type: string, email: string, dataSubjectId: string): Promise<string> => {
    const created = await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({ type, subject: { email }, receivedAt: ukToday() })
      .expect(201);
    await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'driving licence', receivedAt: ukToday() })
      .expect(200);
    await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/subjects`)
      .set(auth(dpo))
      .send({ dataSubjectIds: [dataSubjectId] })
      .expect(200);
    return created.body.id;
  };

  it('sends a Highways and a Blue Badge referral each a signed rectification notice with only the corrected fields it received, and records both', async () => {
    const unique = Date.now().toString(36);
    const person = { name: `Rect Person ${unique}`, email: `rect.${unique}@example.org` };
    const highways = await referred(person, 'highways');
    const dataSubjectId = await subjectIdOf(person.email);
    const badge = await referred(person, 'blue-badge', dataSubjectId);
    await waitFor(
      () =>
        events().filter(
          (event) => event.type === 'escalation.created' && [highways.reference, badge.reference].includes(event.data.reference),
        ).length === 2,
      20_000,
      'both referrals',
    );

    const id = await readyRequest('rectification', person.email, dataSubjectId);
    const rectified = await request(app.url)
      .post(`/api/subject-requests/${id}/rectify`)
      .set(auth(dpo))
      .send({ changes: { name: `Corrected Person ${unique}`, dateOfBirth: '1961-04-03', email: `new.${unique}@example.org` } })
      .expect(200);
    expect(rectified.body).toMatchObject({ changed: ['dateOfBirth', 'email', 'name'], recipientsNotified: 2 });

    const noticeFor = (reference: string) =>
      events().find((event) => event.type === 'subject.rectified' && event.data.reference === reference);
    await waitFor(() => Boolean(noticeFor(highways.reference) && noticeFor(badge.reference)), 20_000, 'both rectification notices');
    // Highways never receives a date of birth, so its notice carries only the corrected name; the e-mail address is never shared.
    expect(noticeFor(highways.reference)!.data).toMatchObject({
      organisation: 'cambridgeshire',
      service: 'highways',
      fields: { name: `Corrected Person ${unique}` },
    });
    expect(Object.keys(noticeFor(highways.reference)!.data.fields!)).toEqual(['name']);
    expect(noticeFor(badge.reference)!.data).toMatchObject({
      service: 'blue-badge',
      fields: { name: `Corrected Person ${unique}`, dateOfBirth: '1961-04-03' },
    });
    expect(Object.keys(noticeFor(badge.reference)!.data.fields!).sort()).toEqual(['dateOfBirth', 'name']);
    expect(JSON.stringify(events())).not.toContain(`new.${unique}@example.org`);

    await waitFor(
      async () => {
        const ledger = await request(app.url).get(`/api/subject-requests/${id}/notices`).set(auth(dpo)).expect(200);
        return ledger.body.length === 2 && ledger.body.every((notice: { deliveryStatus: string }) => notice.deliveryStatus === 'delivered');
      },
      20_000,
      'the ledger to show both delivered',
    );
    const ledger = await request(app.url).get(`/api/subject-requests/${id}/notices`).set(auth(dpo)).expect(200);
    expect(ledger.body.map((notice: { recipient: string; kind: string }) => [notice.kind, notice.recipient]).sort()).toEqual([
      ['rectification', 'Blue Badge Service'],
      ['rectification', 'Highways Service'],
    ]);
    // The service sees the correction beside its referral.
    const serviceView = await request(app.url)
      .get('/api/escalations')
      .set(auth(await login(app, 'highways@cambridgeshire.demo')))
      .expect(200);
    const referral = serviceView.body.find((escalation: { reference: string }) => escalation.reference === highways.reference);
    expect(referral.notices).toEqual([
      { kind: 'rectification', fields: { name: `Corrected Person ${unique}` }, createdAt: expect.any(String) },
    ]);
    // Nothing for a correction no service received.
    const phoneOnly = await readyRequest('rectification', `new.${unique}@example.org`, dataSubjectId);
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${phoneOnly}/rectify`)
          .set(auth(dpo))
          .send({ changes: { email: `newer.${unique}@example.org` } })
          .expect(200)
      ).body.recipientsNotified,
    ).toBe(0);
  });

  it('tells the recipients of a restriction and of its lifting', async () => {
    const unique = Date.now().toString(36);
    const person = { name: `Restrict Person ${unique}`, email: `restrict.${unique}@example.org` };
    const highways = await referred(person, 'highways');
    const id = await readyRequest('restriction', person.email, await subjectIdOf(person.email));
    expect((await request(app.url).post(`/api/subject-requests/${id}/restrict`).set(auth(dpo)).expect(200)).body.recipientsNotified).toBe(
      1,
    );
    await waitFor(
      () => events().some((event) => event.type === 'subject.restricted' && event.data.reference === highways.reference),
      20_000,
      'restriction notice',
    );
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/lift-restriction`)
          .set(auth(dpo))
          .send({ personToldOn: ukToday(), method: 'letter' })
          .expect(200)
      ).body.recipientsNotified,
    ).toBe(1);
    await waitFor(
      () => events().some((event) => event.type === 'subject.restriction_lifted' && event.data.reference === highways.reference),
      20_000,
      'lifting notice',
    );
    const restricted = events().find((event) => event.type === 'subject.restricted' && event.data.reference === highways.reference)!;
    expect(restricted.data.fields).toBeUndefined();
  });

  it('erases around a legal hold, tells only the recipients of what was erased, and keeps the audit chain valid', async () => {
    const unique = Date.now().toString(36);
    const person = { name: `Held Person ${unique}`, email: `held.${unique}@example.org` };
    const erasedOne = await referred(person, 'highways');
    const dataSubjectId = await subjectIdOf(person.email);
    const heldOne = await referred(person, 'blue-badge', dataSubjectId);
    await waitFor(
      () =>
        events().filter(
          (event) => event.type === 'escalation.created' && [erasedOne.reference, heldOne.reference].includes(event.data.reference),
        ).length === 2,
      20_000,
      'both referrals',
    );

    const hold = await request(app.url)
      .post('/api/legal-holds')
      .set(auth(dpo))
      .send({ enquiryId: heldOne.id, reason: 'Pre-action letter: claim LGL-2026-041' })
      .expect(201);
    expect(
      (await request(app.url).get('/api/legal-holds').set(auth(dpo)).expect(200)).body.map((entry: { id: string }) => entry.id),
    ).toContain(hold.body.id);

    const id = await readyRequest('erasure', person.email, dataSubjectId);
    const erased = await request(app.url).post(`/api/subject-requests/${id}/erase`).set(auth(dpo)).send({}).expect(200);
    expect(erased.body.kept).toEqual([{ enquiryId: heldOne.id, ground: 'legal_hold', legalHoldId: hold.body.id }]);
    expect(erased.body).toMatchObject({ erased: { enquiries: 1, escalationSnapshots: 1 }, recipientsNotified: 1 });
    expect(erased.body.erased.subjects).toBeUndefined(); // the held enquiry still needs the person's record

    await waitFor(
      () => events().some((event) => event.type === 'subject.erased' && event.data.reference === erasedOne.reference),
      20_000,
      'erasure notice',
    );
    expect(events().some((event) => event.type === 'subject.erased' && event.data.reference === heldOne.reference)).toBe(false);
    expect((await request(app.url).get(`/api/enquiries/${erasedOne.id}`).set(auth(advisor)).expect(200)).body.description).toBe('[erased]');
    expect((await request(app.url).get(`/api/enquiries/${heldOne.id}`).set(auth(advisor)).expect(200)).body).toMatchObject({
      description: `Needs blue-badge for ${person.name}`,
      subject: { name: person.name },
    });

    // Released, the hold no longer keeps anything: a second request erases the rest.
    await request(app.url).post(`/api/legal-holds/${hold.body.id}/release`).set(auth(dpo)).send({ reason: 'Claim settled' }).expect(200);
    expect(
      (await request(app.url).post(`/api/legal-holds/${hold.body.id}/release`).set(auth(dpo)).send({ reason: 'Claim settled' }).expect(409))
        .body.code,
    ).toBe('LEGAL_HOLD_RELEASED');
    const again = await readyRequest('erasure', person.email, dataSubjectId);
    const rest = await request(app.url).post(`/api/subject-requests/${again}/erase`).set(auth(dpo)).send({}).expect(200);
    expect(rest.body).toMatchObject({ kept: [], erased: { enquiries: 1, subjects: 1 }, recipientsNotified: 1 });
    await waitFor(
      () => events().some((event) => event.type === 'subject.erased' && event.data.reference === heldOne.reference),
      20_000,
      'second erasure notice',
    );
    expect((await request(app.url).get('/api/audit/verify').set(auth(dpo)).expect(200)).body).toMatchObject({ valid: true });
  });

  it('refuses bad legal holds with the reason, other roles, and other organisations’ records', async () => {
    const unique = Date.now().toString(36);
    const { id: enquiryId } = await referred({ name: `Hold Check ${unique}`, email: `hold.check.${unique}@example.org` }, 'highways');
    const place = (body: Record<string, unknown>, token = dpo) => request(app.url).post('/api/legal-holds').set(auth(token)).send(body);
    expect((await place({ reason: 'Claim expected' }).expect(400)).body.message).toContain('dataSubjectId or enquiryId');
    expect((await place({ enquiryId, dataSubjectId: enquiryId, reason: 'Claim expected' }).expect(400)).body.message).toContain(
      'dataSubjectId or enquiryId',
    );
    expect((await place({ enquiryId: 'not-a-uuid', reason: 'Claim expected' }).expect(400)).body.message).toContain('enquiryId');
    expect((await place({ enquiryId }).expect(400)).body.message).toContain('reason');
    await place({ enquiryId, reason: 'Claim expected' }, advisor).expect(403);
    const lancashireDpo = await login(app, 'dpo@lancashire.demo');
    expect((await place({ enquiryId, reason: 'Claim expected' }, lancashireDpo).expect(404)).body.code).toBe('ENQUIRY_NOT_FOUND');
    const hold = await place({ enquiryId, reason: 'Claim expected' }).expect(201);
    await request(app.url)
      .post(`/api/legal-holds/${hold.body.id}/release`)
      .set(auth(lancashireDpo))
      .send({ reason: 'Not mine to release' })
      .expect(404);
    expect(
      (await request(app.url).get('/api/legal-holds').set(auth(lancashireDpo)).expect(200)).body.map((entry: { id: string }) => entry.id),
    ).not.toContain(hold.body.id);
    await request(app.url).post(`/api/legal-holds/${hold.body.id}/release`).set(auth(dpo)).send({ reason: 'No claim came' }).expect(200);
  });
});
