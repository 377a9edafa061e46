import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, newEnquiry, VERBAL_CONSENT } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { suffix } from '../support/security.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 19, item 13: withdrawn consent must stop every use that relies on it. Escalation checked it; the
 * acknowledgement text and the notes, advice, assignment and topic paths checked only restriction.
 */
describe('withdrawn consent stops every use of an enquiry processed on consent', () => {
  let app: TestApp;
  const slug = `consent-${suffix()}`;
  let organisationId: string;
  let advisor: string;
  let supervisor: string;
  let advisorId: string;

  beforeAll(async () => {
    organisationId = await provisionOrganisation(slug);
    app = await startTestApp();
    [advisor, supervisor] = [await login(app, `advisor@${slug}.test`), await login(app, `supervisor@${slug}.test`)];
    advisorId = (
      await asOwner(organisationId, (c) => c.query<{ id: string }>(`select id from staff_users where email = $1`, [`advisor@${slug}.test`]))
    ).rows[0].id;
    await asOwner(organisationId, (c) =>
      c.query(
        `insert into services (organisation_id, code, name, permitted_fields) values ($1, 'highways', 'Highways Service', array['name','reasonForReferral','actionsAlreadyTaken'])`,
        [organisationId],
      ),
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function consentBasedEnquiry(): Promise<{ id: string; processingConsentId: string }> {
    const created = await newEnquiry(app, advisor, {
      subject: { name: 'Dee Withdrawn', phone: '07700 900321' },
      description: 'Asked about a pothole, then asked us to stop',
      legalBasis: 'consent',
      consent: VERBAL_CONSENT,
    });
    const detail = await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200);
    return { id: created.id, processingConsentId: detail.body.consents.find((c: { purpose: string }) => c.purpose === 'processing').id };
  }

  it('refuses notes, advice, taking, assigning, the topic and the acknowledgement text with 409 CONSENT_WITHDRAWN, and lets it be closed', async () => {
    const enquiry = await consentBasedEnquiry();
    // While consent stands, a note and advice go ahead.
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/notes`)
      .set(auth(advisor))
      .send({ text: 'Called back, no answer' })
      .expect(201);
    await request(app.url).post(`/api/enquiries/${enquiry.id}/resolve`).set(auth(advisor)).send({ advice: 'Report it online' }).expect(200);
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/consents/${enquiry.processingConsentId}/withdraw`)
      .set(auth(advisor))
      .send({ method: 'verbal' })
      .expect(200);
    const before = await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200);

    const uses: [string, string, Record<string, unknown>][] = [
      ['note', `/api/enquiries/${enquiry.id}/notes`, { text: 'Another note' }],
      ['advice', `/api/enquiries/${enquiry.id}/resolve`, { advice: 'Report it online' }],
      ['take', `/api/enquiries/${enquiry.id}/take`, {}],
      ['assign', `/api/enquiries/${enquiry.id}/assign`, { assigneeId: advisorId }],
      ['topic', `/api/enquiries/${enquiry.id}/topic`, { service: 'highways' }],
      ['acknowledgement text', `/api/enquiries/${enquiry.id}/acknowledgement-sms`, {}],
      [
        'escalation',
        `/api/enquiries/${enquiry.id}/escalations`,
        { service: 'highways', reasonForReferral: 'Pothole', actionsAlreadyTaken: 'None' },
      ],
    ];
    const answers: Record<string, unknown> = {};
    for (const [use, path, body] of uses) {
      const token = use === 'assign' ? supervisor : advisor;
      const response = await request(app.url).post(path).set(auth(token)).send(body);
      answers[use] = `${response.status} ${response.body.code}`;
    }
    expect(answers).toEqual(Object.fromEntries(uses.map(([use]) => [use, '409 CONSENT_WITHDRAWN'])));

    // Nothing changed: no event, same status, nobody assigned.
    const after = await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200);
    expect({ status: after.body.status, assignee: after.body.assigneeId, events: after.body.timeline.length }).toEqual({
      status: before.body.status,
      assignee: before.body.assigneeId,
      events: before.body.timeline.length,
    });
    // Closing uses nothing: it is allowed (a resolved enquiry; the lifecycle closes nothing earlier).
    const closed = await request(app.url).post(`/api/enquiries/${enquiry.id}/close`).set(auth(advisor)).send({}).expect(200);
    expect(closed.body.status).toBe('closed');
  });

  it('still lets every use go ahead on an enquiry whose consent stands', async () => {
    const enquiry = await consentBasedEnquiry();
    await request(app.url).post(`/api/enquiries/${enquiry.id}/take`).set(auth(advisor)).send({}).expect(200);
    await request(app.url).post(`/api/enquiries/${enquiry.id}/topic`).set(auth(advisor)).send({ service: 'highways' }).expect(200);
    const sms = await request(app.url).post(`/api/enquiries/${enquiry.id}/acknowledgement-sms`).set(auth(advisor)).send({});
    expect(sms.body.code).toBe('NOTIFY_NOT_CONFIGURED'); // past the permission check, stopped only because Notify is not set up
    await request(app.url).post(`/api/enquiries/${enquiry.id}/resolve`).set(auth(advisor)).send({ advice: 'Report it online' }).expect(200);
  });
});
