import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { auth, type EnquiryOverrides, escalate, newEnquiry, VERBAL_CONSENT } from './support/factories.js';
import { signedHeaders } from './support/signing.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { asOwner, organisationId } from './support/provision.js';

const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const daysAgo = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() - days * 86_400_000));

describe('subject-rights requests and their statutory clock', () => {
  let app: TestApp;
  let dpo: string;

  beforeAll(async () => {
    app = await startTestApp();
    dpo = await login(app, 'dpo@lancashire.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  const create = (body: Record<string, unknown>, token = dpo) => request(app.url).post('/api/subject-requests').set(auth(token)).send(body);
  /** The person the subject search finds by an e-mail address. */
  const subjectIdOf = async (email: string): Promise<string> =>
    (await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200)).body.subjects[0].dataSubjectId;
  /** Identity verified today with `evidence`, and the person confirmed as the requester. */
  const verifyAndConfirm = async (id: string, dataSubjectId: string, evidence = 'passport') => {
    await request(app.url)
      .post(`/api/subject-requests/${id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence, receivedAt: ukToday() })
      .expect(200);
    await request(app.url)
      .post(`/api/subject-requests/${id}/subjects`)
      .set(auth(dpo))
      .send({ dataSubjectIds: [dataSubjectId] })
      .expect(200);
  };

  it('sets the due date on receipt and moves it when the identity evidence arrives later, keeping the history', async () => {
    const created = await create({
      type: 'access',
      subject: { name: 'Jane Requester', email: 'jane.requester@example.org' },
      receivedAt: '2026-09-03',
    }).expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      status: 'awaiting_identity',
      dueAt: '2026-10-05',
      receivedOn: '2026-09-03',
    }); // 3 October 2026 is a Saturday
    const verified = await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'passport', receivedAt: '2026-09-10T14:30:00+01:00' })
      .expect(200);
    expect(verified.body).toMatchObject({
      status: 'in_progress',
      clockStartsOn: '2026-09-10',
      dueAt: '2026-10-12',
      identityEvidence: 'passport',
    });
    expect(verified.body.clockHistory.map((entry: { event: string; dueOn: string }) => [entry.event, entry.dueOn])).toEqual([
      ['received', '2026-10-05'],
      ['identity_verified', '2026-10-12'],
    ]);
    // Too late to extend: the first month ended on 12 October.
    const late = await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/extend`)
      .set(auth(dpo))
      .send({ reason: 'Records on six systems' })
      .expect(409);
    expect(late.body).toMatchObject({ code: 'EXTENSION_TOO_LATE', message: expect.stringContaining('2026-10-12') });
    const read = await request(app.url).get(`/api/subject-requests/${created.body.id}`).set(auth(dpo)).expect(200);
    expect(read.body.daysLeft).toBeLessThan(0); // overdue today
  });

  it('waits for proof of authority when someone acts for the person, and pauses for a clarification', async () => {
    const created = await create({
      type: 'erasure',
      subject: { name: 'Child Subject', dateOfBirth: '2012-05-01' },
      representative: { name: 'Parent Person', relationship: 'parent' },
      receivedAt: '2026-09-01',
    }).expect(201);
    const id = created.body.id;
    const identity = await request(app.url)
      .post(`/api/subject-requests/${id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'birth certificate and parent’s driving licence', receivedAt: '2026-09-02' })
      .expect(200);
    expect(identity.body.status).toBe('awaiting_authority');
    const authority = await request(app.url)
      .post(`/api/subject-requests/${id}/authority`)
      .set(auth(dpo))
      .send({ evidence: 'parental responsibility confirmed', receivedAt: '2026-09-20' })
      .expect(200);
    expect(authority.body).toMatchObject({ status: 'in_progress', clockStartsOn: '2026-09-20', dueAt: '2026-10-20' });
    const paused = await request(app.url)
      .post(`/api/subject-requests/${id}/clarification`)
      .set(auth(dpo))
      .send({ reason: 'Which school records are meant?', on: '2026-09-22' })
      .expect(200);
    expect(paused.body.status).toBe('paused');
    await request(app.url)
      .post(`/api/subject-requests/${id}/clarification`)
      .set(auth(dpo))
      .send({ reason: 'Another question at once', on: '2026-09-23' })
      .expect(409);
    const answered = await request(app.url)
      .post(`/api/subject-requests/${id}/clarification/answer`)
      .set(auth(dpo))
      .send({ on: '2026-09-29' })
      .expect(200);
    expect(answered.body).toMatchObject({ status: 'in_progress', dueAt: '2026-10-27' }); // seven days paused
    const noAuthority = await create({ type: 'objection', subject: { name: 'Alone' }, receivedAt: '2026-09-01' }).expect(201);
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${noAuthority.body.id}/authority`)
          .set(auth(dpo))
          .send({ evidence: 'letter', receivedAt: '2026-09-02' })
          .expect(409)
      ).body.code,
    ).toBe('NO_REPRESENTATIVE');
  });

  it('extends a complex request in time to three months from the start, once', async () => {
    const receivedAt = daysAgo(2);
    const created = await create({ type: 'access', subject: { phone: '07700 900777' }, receivedAt }).expect(201);
    const extended = await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/extend`)
      .set(auth(dpo))
      .send({ reason: 'Records held on six systems, two archived' })
      .expect(200);
    expect(extended.body).toMatchObject({ extendedOn: ukToday(), extensionReason: 'Records held on six systems, two archived' });
    expect(extended.body.dueAt > created.body.dueAt).toBe(true);
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${created.body.id}/extend`)
          .set(auth(dpo))
          .send({ reason: 'Again please' })
          .expect(409)
      ).body.code,
    ).toBe('ALREADY_EXTENDED');
    const list = await request(app.url).get('/api/subject-requests').set(auth(dpo)).expect(200);
    expect(list.body.map((entry: { id: string }) => entry.id)).toContain(created.body.id);
  });

  it('refuses bad input with the reason, other roles, and other organisations’ requests', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await create({ type: 'access', subject: { name: 'X' }, receivedAt: tomorrow }).expect(400)).body.message).toContain(
      'receivedAt',
    );
    expect((await create({ type: 'forget-me', subject: { name: 'X' }, receivedAt: '2026-09-01' }).expect(400)).body.message).toContain(
      'type',
    );
    expect((await create({ type: 'access', subject: {}, receivedAt: '2026-09-01' }).expect(400)).body.message).toContain('subject');
    expect((await create({ type: 'access', subject: { name: 'X' }, receivedAt: 'yesterday' }).expect(400)).body.message).toContain(
      'receivedAt',
    );
    expect(
      (await create({ type: 'access', subject: { name: 'X' }, receivedAt: '2026-09-01', status: 'completed' }).expect(400)).body.message,
    ).toContain('status');
    const created = await create({ type: 'restriction', subject: { name: 'Restricted Person' }, receivedAt: '2026-10-01' }).expect(201);
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${created.body.id}/verify-identity`)
          .set(auth(dpo))
          .send({ evidence: 'passport', receivedAt: '2026-09-01' })
          .expect(400)
      ).body.message,
    ).toContain('before the request');
    const advisor = await login(app, 'advisor@lancashire.demo');
    await create({ type: 'access', subject: { name: 'X' }, receivedAt: '2026-09-01' }, advisor).expect(403);
    const otherDpo = await login(app, 'dpo@cambridgeshire.demo');
    const foreign = await request(app.url).get(`/api/subject-requests/${created.body.id}`).set(auth(otherDpo)).expect(404);
    const unknown = await request(app.url)
      .get('/api/subject-requests/00000000-0000-4000-8000-000000000000')
      .set(auth(otherDpo))
      .expect(404);
    expect(foreign.body.message).toBe(unknown.body.message);
    await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/extend`)
      .set(auth(otherDpo))
      .send({ reason: 'not mine at all' })
      .expect(404);
  });

  it('exports everything held about the confirmed person, with every recipient, only once identity is verified', async () => {
    const unique = Date.now().toString(36);
    const email = `export.${unique}@example.org`;
    const advisor = await login(app, 'advisor@lancashire.demo');
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: `Export Person ${unique}`, email, phone: '07700 900321', dateOfBirth: '1961-06-15' },
      description: 'Needs a blue badge renewal',
      consent: VERBAL_CONSENT,
    });
    await escalate(app, advisor, enquiry.id, 'libraries', { reasonForReferral: 'Home library service', actionsAlreadyTaken: 'None' });
    const found = await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200);
    const dataSubjectId = found.body.subjects[0].dataSubjectId as string;

    const created = await create({ type: 'access', subject: { email }, receivedAt: daysAgo(1) }).expect(201);
    const id = created.body.id;
    expect((await request(app.url).get(`/api/subject-requests/${id}/export`).set(auth(dpo)).expect(409)).body.code).toBe(
      'IDENTITY_NOT_VERIFIED',
    );
    await request(app.url)
      .post(`/api/subject-requests/${id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'driving licence', receivedAt: ukToday() })
      .expect(200);
    expect((await request(app.url).get(`/api/subject-requests/${id}/export`).set(auth(dpo)).expect(409)).body.code).toBe(
      'NO_SUBJECTS_CONFIRMED',
    );
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/subjects`)
          .set(auth(dpo))
          .send({ dataSubjectIds: ['00000000-0000-4000-8000-000000000000'] })
          .expect(400)
      ).body.message,
    ).toContain('not held here');
    await request(app.url)
      .post(`/api/subject-requests/${id}/subjects`)
      .set(auth(dpo))
      .send({ dataSubjectIds: [dataSubjectId] })
      .expect(200);

    const exported = await request(app.url).get(`/api/subject-requests/${id}/export`).set(auth(dpo)).expect(200);
    expect(exported.body.controller).toMatchObject({ name: 'Lancashire County Council' });
    const [person] = exported.body.subjects;
    expect(person.subject).toMatchObject({ id: dataSubjectId, name: `Export Person ${unique}`, date_of_birth: '1961-06-15' });
    expect(person.identifiers.map((identifier: { value: string }) => identifier.value).sort()).toEqual(['07700 900321', email].sort());
    expect(person.enquiries).toEqual([
      expect.objectContaining({ reference: enquiry.reference, description: 'Needs a blue badge renewal', timeline: expect.any(Array) }),
    ]);
    expect(person.consentRecords).toEqual([
      expect.objectContaining({ purpose: 'processing', method: 'verbal', privacy_notice_version: '1' }),
    ]);
    expect(person.recipients).toEqual([
      expect.objectContaining({
        recipient: 'Libraries Service',
        service: 'libraries',
        fields: expect.arrayContaining(['name']),
        received: expect.objectContaining({ name: `Export Person ${unique}` }),
        legal_basis: 'public_task',
        disclosed_at: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(exported.body)).not.toContain('organisation_id');
    const csv = await request(app.url).get(`/api/subject-requests/${id}/export?format=csv`).set(auth(dpo)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe(
      '"name","reference","channel","status","created_at","description","legal_basis","timeline_entries","chat_messages","email_messages","call_logs","recipients"',
    );
    expect(csv.text).toContain(`"${enquiry.reference}","phone"`);
    expect(csv.text).toContain('"Libraries Service"');
    expect((await request(app.url).get(`/api/subject-requests/${id}/export?format=xml`).set(auth(dpo)).expect(400)).body.message).toContain(
      'format',
    );

    const done = await request(app.url)
      .post(`/api/subject-requests/${id}/fulfil`)
      .set(auth(dpo))
      .send({ outcome: 'Sent by secure e-mail' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'Sent by secure e-mail', dataSubjectIds: [dataSubjectId] });
    expect(
      (await request(app.url).post(`/api/subject-requests/${id}/extend`).set(auth(dpo)).send({ reason: 'Too late now' }).expect(409)).body
        .code,
    ).toBe('SUBJECT_REQUEST_CLOSED');

    const erasure = await create({ type: 'erasure', subject: { email }, receivedAt: daysAgo(1) }).expect(201);
    expect((await request(app.url).get(`/api/subject-requests/${erasure.body.id}/export`).set(auth(dpo)).expect(409)).body.code).toBe(
      'NOT_AN_ACCESS_REQUEST',
    );
  });

  it('restricts processing (only storage: no notes, advice, assignment or escalation) and lifts it only after the person is told', async () => {
    const unique = Date.now().toString(36);
    const email = `restrict.${unique}@example.org`;
    const advisor = await login(app, 'advisor@lancashire.demo');
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: `Restricted ${unique}`, email },
      description: 'Disputes the accuracy of our records',
    });
    const dataSubjectId = await subjectIdOf(email);
    const created = await create({ type: 'restriction', subject: { email }, receivedAt: daysAgo(3) }).expect(201);
    const id = created.body.id;
    expect((await request(app.url).post(`/api/subject-requests/${id}/restrict`).set(auth(dpo)).expect(409)).body.code).toBe(
      'IDENTITY_NOT_VERIFIED',
    );
    await request(app.url)
      .post(`/api/subject-requests/${id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'passport', receivedAt: daysAgo(2) })
      .expect(200);
    await request(app.url)
      .post(`/api/subject-requests/${id}/subjects`)
      .set(auth(dpo))
      .send({ dataSubjectIds: [dataSubjectId] })
      .expect(200);
    const restricted = await request(app.url).post(`/api/subject-requests/${id}/restrict`).set(auth(dpo)).expect(200);
    expect(restricted.body).toMatchObject({ restricted: true, actions: [{ action: 'restricted', recipientsNotified: 0 }] });

    const refused = [
      await request(app.url).post(`/api/enquiries/${enquiry.id}/notes`).set(auth(advisor)).send({ text: 'Called back' }),
      await request(app.url).post(`/api/enquiries/${enquiry.id}/resolve`).set(auth(advisor)).send({ advice: 'Explained' }),
      await request(app.url).post(`/api/enquiries/${enquiry.id}/take`).set(auth(advisor)),
      await request(app.url)
        .post(`/api/enquiries/${enquiry.id}/escalations`)
        .set(auth(advisor))
        .send({ service: 'libraries', reasonForReferral: 'x', actionsAlreadyTaken: 'y' }),
    ];
    expect(refused.map((response) => [response.status, response.body.code])).toEqual(Array(4).fill([409, 'PROCESSING_RESTRICTED']));
    await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200); // stored, and readable by staff

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/lift-restriction`)
          .set(auth(dpo))
          .send({ personToldOn: tomorrow, method: 'letter' })
          .expect(400)
      ).body.message,
    ).toContain('tell the person first');
    const lifted = await request(app.url)
      .post(`/api/subject-requests/${id}/lift-restriction`)
      .set(auth(dpo))
      .send({ personToldOn: ukToday(), method: 'letter' })
      .expect(200);
    expect(lifted.body.restricted).toBe(false);
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/notes`)
      .set(auth(advisor))
      .send({ text: 'Restriction lifted; record corrected' })
      .expect(201);
  });

  it('erases everything about the confirmed person except what is kept on a recorded ground, leaving others and the audit chain intact', async () => {
    const unique = Date.now().toString(36);
    const advisor = await login(app, 'advisor@lancashire.demo');
    const enquire = (subject: NonNullable<EnquiryOverrides['subject']>, description: string) =>
      newEnquiry(app, advisor, { subject, description });
    const email = `erase.${unique}@example.org`;
    const first = await enquire(
      { name: `Erase Me ${unique}`, email, phone: '07700 900654', dateOfBirth: '1970-01-02' },
      `Noisy neighbours ${unique}`,
    );
    const dataSubjectId = await subjectIdOf(email);
    const second = await newEnquiry(app, advisor, {
      dataSubjectId,
      subject: { name: `Erase Me ${unique}` },
      description: `Safeguarding concern ${unique}`,
    });
    await escalate(app, advisor, first.id, 'libraries', { reasonForReferral: 'Home library', actionsAlreadyTaken: 'None' });
    const bystander = await enquire({ name: `Bystander ${unique}`, email: `bystander.${unique}@example.org` }, `Pothole ${unique}`);

    // A supervisor's note on a safeguarding flag of the enquiry is about the person: erasure clears it, the flag stays.
    const lancashire = await organisationId('lancashire');
    const flagged = async (note: string | null) =>
      asOwner(
        lancashire,
        async (c) =>
          (
            await c.query(
              `insert into safeguarding_flags (organisation_id, enquiry_id, channel, kinds, status, reviewed_at, review_note) values ($1, $2, 'phone', '{medical}', 'handled', now(), $3) returning id`,
              [lancashire, first.id, note],
            )
          ).rows[0].id as string,
      );
    const flag = await flagged(`Ambulance called for ${unique}`);
    const created = await create({ type: 'erasure', subject: { email }, receivedAt: daysAgo(1) }).expect(201);
    const id = created.body.id;
    expect((await request(app.url).post(`/api/subject-requests/${id}/erase`).set(auth(dpo)).send({}).expect(409)).body.code).toBe(
      'IDENTITY_NOT_VERIFIED',
    );
    await verifyAndConfirm(id, dataSubjectId);
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/erase`)
          .set(auth(dpo))
          .send({ exceptions: [{ enquiryId: bystander.id, ground: 'legal_obligation', note: 'Not theirs at all' }] })
          .expect(400)
      ).body.message,
    ).toContain('not the confirmed person');

    const erased = await request(app.url)
      .post(`/api/subject-requests/${id}/erase`)
      .set(auth(dpo))
      .send({ exceptions: [{ enquiryId: second.id, ground: 'legal_obligation', note: 'Open safeguarding referral' }] })
      .expect(200);
    expect(erased.body.erased).toMatchObject({ enquiries: 1, escalationSnapshots: 1, safeguardingNotes: 1 });
    expect(
      await asOwner(
        lancashire,
        async (c) => (await c.query(`select status, review_note from safeguarding_flags where id = $1`, [flag])).rows,
      ),
    ).toEqual([{ status: 'handled', review_note: null }]);
    expect(erased.body.kept).toEqual([{ enquiryId: second.id, ground: 'legal_obligation' }]);
    // The request keeps what it did (counts only), for the DPO to show later.
    const record = await request(app.url).get(`/api/subject-requests/${id}`).set(auth(dpo)).expect(200);
    expect(record.body.actions).toEqual([
      { at: expect.any(String), action: 'erased', counts: erased.body.erased, kept: 1, recipientsNotified: 1 },
    ]);
    expect(JSON.stringify(record.body.actions)).not.toContain(unique);

    const gone = await request(app.url).get(`/api/enquiries/${first.id}`).set(auth(advisor)).expect(200);
    expect(gone.body.description).toBe('[erased]');
    expect(JSON.stringify(gone.body.timeline)).not.toContain(`Noisy neighbours ${unique}`);
    const escalations = await request(app.url)
      .get('/api/escalations')
      .set(auth(await login(app, 'libraries@lancashire.demo')))
      .expect(200);
    expect(JSON.stringify(escalations.body)).not.toContain(`Erase Me ${unique}`);
    const keptEnquiry = await request(app.url).get(`/api/enquiries/${second.id}`).set(auth(advisor)).expect(200);
    expect(keptEnquiry.body).toMatchObject({ description: `Safeguarding concern ${unique}`, subject: { name: `Erase Me ${unique}` } });
    const other = await request(app.url).get(`/api/enquiries/${bystander.id}`).set(auth(advisor)).expect(200);
    expect(other.body).toMatchObject({ description: `Pothole ${unique}`, subject: { name: `Bystander ${unique}` } });

    // A second request with nothing kept erases the person's own record and identifiers too.
    const again = await create({ type: 'erasure', subject: { email }, receivedAt: ukToday() }).expect(201);
    await verifyAndConfirm(again.body.id, dataSubjectId);
    expect(
      (await request(app.url).post(`/api/subject-requests/${again.body.id}/erase`).set(auth(dpo)).send({}).expect(200)).body.erased,
    ).toMatchObject({ subjects: 1, identifiers: 2 });
    expect((await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200)).body.subjects).toEqual([]);
    expect((await request(app.url).get(`/api/enquiries/${second.id}`).set(auth(advisor)).expect(200)).body.description).toBe('[erased]');
    expect((await request(app.url).get('/api/audit/verify').set(auth(dpo)).expect(200)).body).toMatchObject({ valid: true });
  });

  it('withdraws every consent the confirmed person gave, redacting what rested on explicit consent', async () => {
    const unique = Date.now().toString(36);
    const email = `withdraw.${unique}@example.org`;
    const advisor = await login(app, 'advisor@lancashire.demo');
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: `Withdrawing ${unique}`, email },
      description: 'Asked for support at home',
      legalBasis: 'consent',
      consent: VERBAL_CONSENT,
      specialCategory: { categories: ['health'], explicitConsent: true, details: 'Recovering from a stroke' },
    });
    const dataSubjectId = await subjectIdOf(email);
    const created = await create({ type: 'withdraw_consent', subject: { email }, receivedAt: ukToday() }).expect(201);
    const id = created.body.id;
    await verifyAndConfirm(id, dataSubjectId, 'known e-mail address and date of birth');
    const done = await request(app.url)
      .post(`/api/subject-requests/${id}/withdraw-consent`)
      .set(auth(dpo))
      .send({ method: 'written' })
      .expect(200);
    expect(done.body).toMatchObject({ withdrawn: 2, redactedEnquiries: 1 });
    const after = await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200);
    expect(after.body.consents.every((consent: { withdrawnAt?: string }) => Boolean(consent.withdrawnAt))).toBe(true);
    expect(after.body.specialCategory).toMatchObject({ redacted: true });
    expect(after.body.specialCategory.details).toBeUndefined();
    const refused = await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/escalations`)
      .set(auth(advisor))
      .send({ service: 'libraries', reasonForReferral: 'x', actionsAlreadyTaken: 'y' })
      .expect(409);
    expect(refused.body.code).toBe('CONSENT_WITHDRAWN');
    expect(
      (await request(app.url).post(`/api/subject-requests/${id}/withdraw-consent`).set(auth(dpo)).send({ method: 'by pigeon' }).expect(400))
        .body.message,
    ).toContain('method');
  });

  it('corrects the confirmed person’s details and search keys, naming only the fields changed in the audit trail', async () => {
    const unique = Date.now().toString(36);
    const email = `rectify.${unique}@example.org`;
    const advisor = await login(app, 'advisor@lancashire.demo');
    await newEnquiry(app, advisor, {
      subject: { name: `Wrong Name ${unique}`, email, dateOfBirth: '1980-02-03' },
      description: 'Change of address',
    });
    const dataSubjectId = await subjectIdOf(email);
    const created = await create({ type: 'rectification', subject: { email }, receivedAt: ukToday() }).expect(201);
    const id = created.body.id;
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/rectify`)
          .set(auth(dpo))
          .send({ changes: { name: 'X' } })
          .expect(409)
      ).body.code,
    ).toBe('IDENTITY_NOT_VERIFIED');
    await verifyAndConfirm(id, dataSubjectId);
    expect(
      (await request(app.url).post(`/api/subject-requests/${id}/rectify`).set(auth(dpo)).send({ changes: {} }).expect(400)).body.message,
    ).toContain('changes');
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/rectify`)
          .set(auth(dpo))
          .send({ changes: { dateOfBirth: '3/2/1980' } })
          .expect(400)
      ).body.message,
    ).toContain('dateOfBirth');
    const newEmail = `right.${unique}@example.org`;
    const done = await request(app.url)
      .post(`/api/subject-requests/${id}/rectify`)
      .set(auth(dpo))
      .send({ changes: { name: `Right Name ${unique}`, dateOfBirth: '1980-03-02', email: newEmail } })
      .expect(200);
    expect(done.body.changed).toEqual(['dateOfBirth', 'email', 'name']);
    expect((await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200)).body.subjects).toEqual([]);
    const found = await request(app.url)
      .post('/api/subject-search')
      .set(auth(dpo))
      .send({ name: `Right Name ${unique}`, dateOfBirth: '1980-03-02' })
      .expect(200);
    expect(found.body.subjects).toEqual([expect.objectContaining({ dataSubjectId, matchedOn: ['name+dateOfBirth'] })]);
    expect(
      (await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email: newEmail }).expect(200)).body.subjects[0]
        .dataSubjectId,
    ).toBe(dataSubjectId);
    const trail = await request(app.url).get(`/api/audit?entity=subject_request&id=${id}`).set(auth(dpo)).expect(200);
    expect(JSON.stringify(trail.body)).not.toContain(`Right Name ${unique}`);
    expect(JSON.stringify(trail.body)).toContain('subject.name');
  });

  it('decides an objection: upheld stops processing, otherwise the compelling grounds are recorded', async () => {
    const unique = Date.now().toString(36);
    const email = `object.${unique}@example.org`;
    const advisor = await login(app, 'advisor@lancashire.demo');
    const enquiry = await newEnquiry(app, advisor, {
      channel: 'email',
      subject: { name: `Objector ${unique}`, email },
      description: 'Stop contacting me about the survey',
      legalBasis: 'legitimate_interests',
    });
    const dataSubjectId = await subjectIdOf(email);
    const created = await create({ type: 'objection', subject: { email }, receivedAt: ukToday() }).expect(201);
    const id = created.body.id;
    await verifyAndConfirm(id, dataSubjectId, 'replied from the address held');
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/objection-decision`)
          .set(auth(dpo))
          .send({ decision: 'maybe', reasons: 'Undecided for now' })
          .expect(400)
      ).body.message,
    ).toContain('decision');
    const upheld = await request(app.url)
      .post(`/api/subject-requests/${id}/objection-decision`)
      .set(auth(dpo))
      .send({ decision: 'upheld', reasons: 'No overriding grounds for the survey' })
      .expect(200);
    expect(upheld.body).toMatchObject({ decision: 'upheld', outcome: expect.stringContaining('processing stopped') });
    expect(
      (await request(app.url).post(`/api/enquiries/${enquiry.id}/notes`).set(auth(advisor)).send({ text: 'Chased again' }).expect(409)).body
        .code,
    ).toBe('PROCESSING_RESTRICTED');
    // The person later agrees to processing again: told first, the stop is lifted like a restriction.
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${id}/lift-restriction`)
          .set(auth(dpo))
          .send({ personToldOn: ukToday(), method: 'e-mail' })
          .expect(200)
      ).body.restricted,
    ).toBe(false);
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/notes`)
      .set(auth(advisor))
      .send({ text: 'Survey resumed with agreement' })
      .expect(201);
    const access = await create({ type: 'access', subject: { email }, receivedAt: ukToday() }).expect(201);
    await verifyAndConfirm(access.body.id, dataSubjectId);
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${access.body.id}/lift-restriction`)
          .set(auth(dpo))
          .send({ personToldOn: ukToday(), method: 'letter' })
          .expect(409)
      ).body.code,
    ).toBe('NOT_RESTRICTED');
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${access.body.id}/objection-decision`)
          .set(auth(dpo))
          .send({ decision: 'upheld', reasons: 'Not an objection at all' })
          .expect(409)
      ).body.code,
    ).toBe('NOT_AN_OBJECTION');
  });

  it('records a refusal with its reason and closes the request', async () => {
    const created = await create({
      type: 'access',
      subject: { name: 'Repeat Requester' },
      receivedAt: daysAgo(1),
      channel: 'email',
    }).expect(201);
    expect(created.body).toMatchObject({ channel: 'email', actions: [], restricted: false });
    expect(
      (await request(app.url).post(`/api/subject-requests/${created.body.id}/refuse`).set(auth(dpo)).send({ reason: 'short' }).expect(400))
        .body.message,
    ).toContain('reason');
    const refused = await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/refuse`)
      .set(auth(dpo))
      .send({ reason: 'Manifestly excessive: the fifth identical request this month (Art. 12(5))' })
      .expect(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      outcome: 'Refused: Manifestly excessive: the fifth identical request this month (Art. 12(5))',
    });
    expect(
      (
        await request(app.url)
          .post(`/api/subject-requests/${created.body.id}/fulfil`)
          .set(auth(dpo))
          .send({ outcome: 'Sent anyway' })
          .expect(409)
      ).body.code,
    ).toBe('SUBJECT_REQUEST_CLOSED');
  });

  it('gives the e-mail attachments held, each as a download named in the export, to an access request only', async () => {
    const unique = randomUUID().slice(0, 8);
    const email = `attach.${unique}@example.org`;
    const pdf = Buffer.from(`%PDF-1.4 council tax bill of ${unique}`);
    const raw = [
      `From: Attach Sender <${email}>`,
      'To: contact@lancashire.demo',
      'Subject: My bill',
      `Message-ID: <${unique}@example.org>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please see the attached bill.',
      '--b1',
      'Content-Type: application/pdf; name="bill <2026>.pdf"',
      'Content-Disposition: attachment; filename="bill <2026>.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    await request(app.url)
      .post('/api/channels/email/lancashire/inbound')
      .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
      .send(raw)
      .expect(201);
    const access = await create({ type: 'access', subject: { email }, receivedAt: ukToday() }).expect(201);
    await verifyAndConfirm(access.body.id, await subjectIdOf(email));
    const exported = await request(app.url).get(`/api/subject-requests/${access.body.id}/export`).set(auth(dpo)).expect(200);
    const [attachment] = exported.body.subjects[0].enquiries[0].emailAttachments;
    expect(attachment).toMatchObject({
      filename: 'bill <2026>.pdf',
      download: `/api/subject-requests/${access.body.id}/attachments/${attachment.id}`,
    });
    expect(attachment.content).toBeUndefined();
    const file = await request(app.url)
      .get(attachment.download)
      .set(auth(dpo))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="bill <2026>.pdf"; filename*=UTF-8''bill%20%3C2026%3E.pdf`);
    // Another person's request, or a request of another kind, gets nothing.
    const otherEmail = `other.${unique}@example.org`;
    await newEnquiry(app, await login(app, 'advisor@lancashire.demo'), {
      subject: { name: 'Someone Else', email: otherEmail },
      description: 'Library card',
    });
    const other = await create({ type: 'access', subject: { email: otherEmail }, receivedAt: ukToday() }).expect(201);
    await verifyAndConfirm(other.body.id, await subjectIdOf(otherEmail));
    expect(
      (await request(app.url).get(`/api/subject-requests/${other.body.id}/attachments/${attachment.id}`).set(auth(dpo)).expect(404)).body
        .code,
    ).toBe('ATTACHMENT_NOT_FOUND');
    const rectification = await create({ type: 'rectification', subject: { email }, receivedAt: ukToday() }).expect(201);
    await verifyAndConfirm(rectification.body.id, await subjectIdOf(email));
    expect(
      (await request(app.url).get(`/api/subject-requests/${rectification.body.id}/attachments/${attachment.id}`).set(auth(dpo)).expect(409))
        .body.code,
    ).toBe('NOT_AN_ACCESS_REQUEST');
    expect(
      (await request(app.url).get(`/api/subject-requests/${access.body.id}/attachments/${randomUUID()}`).set(auth(dpo)).expect(404)).body
        .code,
    ).toBe('ATTACHMENT_NOT_FOUND');
    await request(app.url)
      .get(attachment.download)
      .set(auth(await login(app, 'dpo@cambridgeshire.demo')))
      .expect(404);
  });
});
