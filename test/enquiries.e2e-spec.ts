import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, type EnquiryOverrides, enquiryRequest, newEnquiry, signIn, VERBAL_CONSENT } from './support/factories.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

/** A call about a blue badge under consent: what most tests here record, with the part under test changed. */
const phoneEnquiry = (overrides: EnquiryOverrides = {}) =>
  enquiryRequest({
    subject: { name: 'Margaret Hughes', phone: '07700 900311', postcode: 'PR1 2AB', address: '3 Church Street, Preston' },
    description: 'Asked how to renew a blue badge that expires next month',
    topic: 'blue-badge',
    legalBasis: 'consent',
    consent: VERBAL_CONSENT,
    ...overrides,
  });

describe('enquiries', () => {
  let app: TestApp;
  let advisor: string;
  let supervisor: string;

  beforeAll(async () => {
    app = await startTestApp();
    advisor = await login(app, 'advisor@lancashire.demo');
    supervisor = await login(app, 'supervisor@lancashire.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('logs a phone enquiry with consent and legal basis, shows its timeline and audit trail, and resolves it with advice', async () => {
    const created = await newEnquiry(app, advisor, phoneEnquiry());
    expect(created).toMatchObject({
      id: expect.any(String),
      reference: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
      status: 'new',
      legalBasis: 'consent',
      retentionClass: 'phone_contact',
    });

    const detail = await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200);
    expect(detail.body).toMatchObject({
      reference: created.reference,
      channel: 'phone',
      requesterType: 'citizen',
      legalBasis: 'consent',
      subject: { name: 'Margaret Hughes', phones: ['07700 900311'], postcode: 'PR1 2AB', address: '3 Church Street, Preston' },
      consents: [{ purpose: 'processing', method: 'verbal', privacyNoticeVersion: '1' }],
    });
    expect(detail.body.timeline[0]).toMatchObject({ kind: 'system', metadata: { event: 'created', channel: 'phone' } });

    const resolved = await request(app.url)
      .post(`/api/enquiries/${created.id}/resolve`)
      .set(auth(advisor))
      .send({ advice: 'Explained the online renewal and the documents needed' })
      .expect(200);
    expect(resolved.body.status).toBe('resolved');
    const after = await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200);
    expect(after.body.resolutionAdvice).toBe('Explained the online renewal and the documents needed');
    expect(after.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['system', 'advice']);

    const dpo = await login(app, 'dpo@lancashire.demo');
    const trail = await request(app.url).get(`/api/audit?entity=enquiry&id=${created.id}`).set(auth(dpo)).expect(200);
    expect(trail.body.items.map((entry: { action: string }) => entry.action).reverse()).toEqual([
      'enquiry.create',
      'enquiry.read',
      'enquiry.resolve',
      'enquiry.read',
    ]);
    expect(trail.body.items.at(-1).fields).toEqual(expect.arrayContaining(['subject.name', 'subject.phone', 'description']));
  });

  it('allows only the legal status transitions (others 409)', async () => {
    const body = await newEnquiry(app, advisor, phoneEnquiry({ legalBasis: 'public_task', consent: undefined }));
    await request(app.url).post(`/api/enquiries/${body.id}/close`).set(auth(advisor)).expect(409); // new → closed
    const taken = await request(app.url).post(`/api/enquiries/${body.id}/take`).set(auth(advisor)).expect(200);
    expect(taken.body.status).toBe('in_progress');
    await request(app.url).post(`/api/enquiries/${body.id}/resolve`).set(auth(advisor)).send({ advice: 'Done' }).expect(200);
    const again = await request(app.url).post(`/api/enquiries/${body.id}/resolve`).set(auth(advisor)).send({ advice: 'Twice' }).expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_STATUS_TRANSITION', message: 'An enquiry that is resolved cannot become resolved' });
    await request(app.url).post(`/api/enquiries/${body.id}/close`).set(auth(advisor)).expect(200);
    await request(app.url).post(`/api/enquiries/${body.id}/take`).set(auth(advisor)).expect(409);
    await request(app.url).post(`/api/enquiries/${body.id}/notes`).set(auth(advisor)).send({ text: 'late note' }).expect(409);
  });

  it('refuses special category data without explicit consent (422) and records explicit consent when given', async () => {
    const refused = await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send(phoneEnquiry({ specialCategory: { categories: ['health'], explicitConsent: false } }))
      .expect(422);
    expect(refused.body.code).toBe('EXPLICIT_CONSENT_REQUIRED');
    await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send(phoneEnquiry({ specialCategory: { categories: ['health'] } }))
      .expect(422);

    const created = await newEnquiry(
      app,
      advisor,
      phoneEnquiry({ specialCategory: { categories: ['health'], explicitConsent: true, details: 'Uses a wheelchair' } }),
    );
    const detail = await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200);
    expect(detail.body.specialCategory).toEqual({ categories: ['health'], details: 'Uses a wheelchair', redacted: false });
    expect(detail.body.consents.map((c: { purpose: string }) => c.purpose).sort()).toEqual(['processing', 'special_category']);
  });

  it('needs consent for the consent basis, and a published privacy-notice version', async () => {
    const noConsent = await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send(phoneEnquiry({ consent: undefined }))
      .expect(422);
    expect(noConsent.body.code).toBe('CONSENT_REQUIRED');
    const badVersion = await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send(phoneEnquiry({ consent: { given: true, method: 'verbal', privacyNoticeVersion: '99' } }))
      .expect(422);
    expect(badVersion.body.code).toBe('UNKNOWN_PRIVACY_NOTICE_VERSION');
  });

  it("uses the organisation's default basis and warns when that is legitimate interests for a statutory service", async () => {
    const enquiry = await newEnquiry(
      app,
      advisor,
      phoneEnquiry({ legalBasis: undefined, consent: undefined, topic: 'adults-social-care' }),
    );
    expect(enquiry.legalBasis).toBe('legitimate_interests');
    expect(enquiry.warnings).toEqual([expect.objectContaining({ code: 'LEGITIMATE_INTERESTS_FOR_STATUTORY_SERVICE' })]);
  });

  it('withdraws explicit consent in one step, redacting the special category details and keeping the history', async () => {
    const created = await newEnquiry(
      app,
      advisor,
      phoneEnquiry({ specialCategory: { categories: ['health'], explicitConsent: true, details: 'Has epilepsy' } }),
    );
    const before = await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200);
    const explicit = before.body.consents.find((c: { purpose: string }) => c.purpose === 'special_category');
    const withdrawn = await request(app.url)
      .post(`/api/enquiries/${created.id}/consents/${explicit.id}/withdraw`)
      .set(auth(advisor))
      .send({ method: 'verbal' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ id: explicit.id, withdrawnAt: expect.any(String), withdrawalMethod: 'verbal' });
    const after = await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200);
    expect(after.body.specialCategory).toEqual({ categories: ['health'], redacted: true });
    expect(JSON.stringify(after.body)).not.toContain('epilepsy');
    expect(after.body.consents).toHaveLength(2);
    await request(app.url)
      .post(`/api/enquiries/${created.id}/consents/${explicit.id}/withdraw`)
      .set(auth(advisor))
      .send({ method: 'verbal' })
      .expect(409);
  });

  it('refuses unknown and server-owned fields by name', async () => {
    const response = await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send({ ...phoneEnquiry(), status: 'resolved', reference: 'AAAA-BBBB', organisationId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    for (const field of ['status', 'reference', 'organisationId']) expect(response.body.message).toContain(field);
    const nested = await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send({ ...phoneEnquiry(), subject: { name: 'X', nationalInsurance: 'QQ123456C' } })
      .expect(400);
    expect(nested.body.message).toContain('subject.nationalInsurance');
    expect(nested.body.message).not.toContain('QQ123456C');
    const { subject: _omitted, ...withoutSubject } = phoneEnquiry();
    const missing = await request(app.url).post('/api/enquiries').set(auth(advisor)).send(withoutSubject).expect(400);
    expect(missing.body.message).toContain('subject is required');
  });

  it('keeps service users away from enquiries (403)', async () => {
    const serviceUser = await login(app, 'blue-badge@lancashire.demo');
    await request(app.url).get('/api/enquiries').set(auth(serviceUser)).expect(403);
    await request(app.url).post('/api/enquiries').set(auth(serviceUser)).send(phoneEnquiry()).expect(403);
  });

  it("answers another organisation's enquiry, and its audit trail, exactly as an unknown one (404)", async () => {
    const body = await newEnquiry(app, advisor, phoneEnquiry());
    const other = await login(app, 'advisor@cambridgeshire.demo');
    const unknown = '7b0e4a52-9c1f-4c1a-9d59-5f0c2a6b3e11';
    const strip = ({ correlationId: _ignored, ...rest }: Record<string, unknown>) => rest;
    const foreignRead = await request(app.url).get(`/api/enquiries/${body.id}`).set(auth(other)).expect(404);
    const unknownRead = await request(app.url).get(`/api/enquiries/${unknown}`).set(auth(other)).expect(404);
    expect(strip(foreignRead.body)).toEqual(strip(unknownRead.body));
    const foreignResolve = await request(app.url)
      .post(`/api/enquiries/${body.id}/resolve`)
      .set(auth(other))
      .send({ advice: 'x' })
      .expect(404);
    const unknownResolve = await request(app.url)
      .post(`/api/enquiries/${unknown}/resolve`)
      .set(auth(other))
      .send({ advice: 'x' })
      .expect(404);
    expect(strip(foreignResolve.body)).toEqual(strip(unknownResolve.body));
    const otherDpo = await login(app, 'dpo@cambridgeshire.demo');
    const foreignAudit = await request(app.url).get(`/api/audit?entity=enquiry&id=${body.id}`).set(auth(otherDpo)).expect(404);
    const unknownAudit = await request(app.url).get(`/api/audit?entity=enquiry&id=${unknown}`).set(auth(otherDpo)).expect(404);
    expect(strip(foreignAudit.body)).toEqual(strip(unknownAudit.body));
    const list = await request(app.url).get(`/api/enquiries?q=${body.reference}`).set(auth(other)).expect(200);
    expect(list.body.total).toBe(0);
    // still there, untouched, for its own organisation
    const own = await request(app.url).get(`/api/enquiries/${body.id}`).set(auth(advisor)).expect(200);
    expect(own.body.status).toBe('new');
  });

  it('finds a person by any normalised identifier, however it is written', async () => {
    const enquiry = await newEnquiry(
      app,
      advisor,
      phoneEnquiry({ subject: { name: 'Zoë Ärnold-Smythe', phone: '07700 900461', email: 'Zoe.Arnold@Example.org', postcode: 'pr1 8xj' } }),
    );
    for (const q of [
      '+44 7700 900461',
      '0044 7700 900461',
      'zoe.arnold@EXAMPLE.ORG',
      'PR18XJ',
      'zoe arnold',
      'ZOË ÄRNOLD-SMYTHE',
      enquiry.reference.toLowerCase(),
    ]) {
      const found = await request(app.url)
        .get(`/api/enquiries?q=${encodeURIComponent(q)}`)
        .set(auth(advisor))
        .expect(200);
      expect({ q, ids: found.body.items.map((i: { id: string }) => i.id) }).toEqual({ q, ids: expect.arrayContaining([enquiry.id]) });
    }
    const page = await request(app.url).get('/api/enquiries?status=new&channel=phone&pageSize=2').set(auth(advisor)).expect(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    expect(page.body.total).toBeGreaterThanOrEqual(page.body.items.length);
  });

  it('suggests, never silently merges, a person already held; linking is the advisor’s choice', async () => {
    const first = await newEnquiry(
      app,
      advisor,
      phoneEnquiry({ subject: { name: 'Derek Watts', phone: '07700 900777', dateOfBirth: '1948-02-29' } }),
    );
    const second = await newEnquiry(app, advisor, phoneEnquiry({ subject: { name: 'D Watts', phone: '+447700900777' } }));
    const firstDetail = await request(app.url).get(`/api/enquiries/${first.id}`).set(auth(advisor)).expect(200);
    const secondDetail = await request(app.url).get(`/api/enquiries/${second.id}`).set(auth(advisor)).expect(200);
    expect(secondDetail.body.subject.id).not.toBe(firstDetail.body.subject.id);
    expect(second.possibleMatches).toEqual(
      expect.arrayContaining([{ dataSubjectId: firstDetail.body.subject.id, name: 'Derek Watts', matchedOn: ['phone'] }]),
    );

    const matches = await request(app.url)
      .post('/api/data-subjects/matches')
      .set(auth(advisor))
      .send({ name: 'derek watts', dateOfBirth: '1948-02-29' })
      .expect(200);
    expect(matches.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ dataSubjectId: firstDetail.body.subject.id, matchedOn: ['name+dateOfBirth'] })]),
    );

    const linked = await newEnquiry(
      app,
      advisor,
      phoneEnquiry({ dataSubjectId: firstDetail.body.subject.id, subject: { name: 'Derek Watts', email: 'derek@example.org' } }),
    );
    const linkedDetail = await request(app.url).get(`/api/enquiries/${linked.id}`).set(auth(advisor)).expect(200);
    expect(linkedDetail.body.subject).toMatchObject({ id: firstDetail.body.subject.id, emails: ['derek@example.org'] });
  });

  it('lets a supervisor assign to an advisor, and advisors add call notes', async () => {
    const enquiry = await newEnquiry(app, advisor, phoneEnquiry());
    const advisorId = (await signIn(app, 'advisor@lancashire.demo')).userId;
    await request(app.url).post(`/api/enquiries/${enquiry.id}/assign`).set(auth(advisor)).send({ assigneeId: advisorId }).expect(403);
    const assigned = await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/assign`)
      .set(auth(supervisor))
      .send({ assigneeId: advisorId })
      .expect(200);
    expect(assigned.body).toMatchObject({ status: 'in_progress', assigneeId: advisorId });
    const serviceUserId = (await signIn(app, 'highways@lancashire.demo')).userId;
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/assign`)
      .set(auth(supervisor))
      .send({ assigneeId: serviceUserId })
      .expect(422);
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/notes`)
      .set(auth(advisor))
      .send({ kind: 'call_note', text: 'Called back, no answer' })
      .expect(201);
    const mine = await request(app.url).get('/api/enquiries?assignee=me').set(auth(advisor)).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(enquiry.id);
    const detail = await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200);
    expect(detail.body.timeline.at(-1)).toMatchObject({ kind: 'call_note', text: 'Called back, no answer', authorType: 'staff' });
  });
});
