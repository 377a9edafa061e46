import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, newEnquiry } from './support/factories.js';
import { asTenant, login, startTestApp, testDatabase, type TestApp } from './support/test-app.js';
import { signedHeaders } from './support/signing.js';

function callLog(overrides: Record<string, unknown> = {}) {
  return {
    callId: `call-${randomUUID()}`,
    callerNumber: '+447700900321',
    direction: 'inbound',
    startedAt: '2026-11-23T09:00:00Z',
    endedAt: '2026-11-23T09:06:30Z',
    queue: 'blue-badge',
    agent: 'agent-17',
    disposition: 'advice-given',
    recordings: [
      { kind: 'audio', ref: 'rec-audio-1', recordedAt: '2026-11-23T09:00:00Z' },
      { kind: 'video', ref: 'rec-screen-1', recordedAt: '2026-11-23T09:00:00Z' },
    ],
    ...overrides,
  };
}

async function countEnquiries(slug: string): Promise<number> {
  const { rows } = await asTenant(testDatabase().runtimeUrl, slug, (c) => c.query('select count(*)::int as n from enquiries'));
  return rows[0].n as number;
}

describe('channel ingestion: phone and online forms', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('turns a signed call log into one enquiry, and the same push again into none', async () => {
    const body = JSON.stringify(callLog());
    const first = await request(app.url).post('/api/channels/phone/lancashire/calls').set(signedHeaders(body)).send(body).expect(201);
    expect(first.body).toEqual({ enquiryId: expect.any(String), reference: expect.any(String) });
    const again = await request(app.url).post('/api/channels/phone/lancashire/calls').set(signedHeaders(body)).send(body).expect(200);
    expect(again.body).toEqual(first.body);

    const advisor = await login(app, 'advisor@lancashire.demo');
    const detail = await request(app.url).get(`/api/enquiries/${first.body.enquiryId}`).set(auth(advisor)).expect(200);
    expect(detail.body).toMatchObject({
      channel: 'phone',
      retentionClass: 'phone_contact',
      legalBasis: 'legitimate_interests',
      subject: { phones: ['+447700900321'] },
    });
    expect(detail.body.timeline.map((e: { metadata: { event?: string } }) => e.metadata.event)).toContain('call_logged');
    const recordings = await asTenant(testDatabase().runtimeUrl, 'lancashire', (c) =>
      c.query(
        `select r.kind, r.retention_class from call_recordings r join call_logs l on l.id = r.call_log_id where l.enquiry_id = $1 order by r.kind`,
        [first.body.enquiryId],
      ),
    );
    expect(recordings.rows).toEqual([
      { kind: 'audio', retention_class: 'call_recording_audio' },
      { kind: 'video', retention_class: 'call_recording_video' },
    ]);
  });

  it('attaches a call to the enquiry the advisor named', async () => {
    const advisor = await login(app, 'advisor@lancashire.demo');
    const created = await newEnquiry(app, advisor, { subject: { name: 'Named Caller' }, description: 'Callback arranged' });
    const body = JSON.stringify(callLog({ enquiryReference: created.reference }));
    const attached = await request(app.url).post('/api/channels/phone/lancashire/calls').set(signedHeaders(body)).send(body).expect(201);
    expect(attached.body.enquiryId).toBe(created.id);
  });

  it('refuses forged, tampered, stale and unsigned pushes with 401, storing nothing', async () => {
    const before = await countEnquiries('cambridgeshire');
    const body = JSON.stringify(callLog());
    const tampered = body.replace('+447700900321', '+447700900322');
    await request(app.url).post('/api/channels/phone/cambridgeshire/calls').set(signedHeaders(body)).send(tampered).expect(401);
    const sixMinutesAgo = new Date(Date.now() - 6 * 60 * 1000);
    await request(app.url)
      .post('/api/channels/phone/cambridgeshire/calls')
      .set(signedHeaders(body, { at: sixMinutesAgo }))
      .send(body)
      .expect(401);
    const sixMinutesAhead = new Date(Date.now() + 6 * 60 * 1000);
    await request(app.url)
      .post('/api/channels/phone/cambridgeshire/calls')
      .set(signedHeaders(body, { at: sixMinutesAhead }))
      .send(body)
      .expect(401);
    await request(app.url).post('/api/channels/phone/cambridgeshire/calls').set('content-type', 'application/json').send(body).expect(401);
    const wrongSecret = await request(app.url)
      .post('/api/channels/phone/cambridgeshire/calls')
      .set(signedHeaders(body, { secret: 'whsec_d3Jvbmctc2VjcmV0LWZvci10aGlzLW9yZ2FuaXNhdGlvbg==' }))
      .send(body)
      .expect(401);
    expect(wrongSecret.body).toMatchObject({ statusCode: 401, code: 'INVALID_SIGNATURE' });
    await request(app.url).post('/api/channels/phone/no-such-council/calls').set(signedHeaders(body)).send(body).expect(401);
    expect(await countEnquiries('cambridgeshire')).toBe(before);
  });

  it('checks the signature before the body: malformed but signed bodies get a 400 naming the problem', async () => {
    const garbage = '{"callId": ';
    await request(app.url).post('/api/channels/phone/lancashire/calls').set('content-type', 'application/json').send(garbage).expect(401);
    const signedGarbage = await request(app.url)
      .post('/api/channels/phone/lancashire/calls')
      .set(signedHeaders(garbage))
      .send(garbage)
      .expect(400);
    expect(signedGarbage.body.code).toBe('MALFORMED_JSON');
    const unknownField = JSON.stringify({ ...callLog(), organisationId: 'x' });
    const refused = await request(app.url)
      .post('/api/channels/phone/lancashire/calls')
      .set(signedHeaders(unknownField))
      .send(unknownField)
      .expect(400);
    expect(refused.body.message).toContain('organisationId');
    const backwards = JSON.stringify(callLog({ startedAt: '2026-11-23T10:00:00Z', endedAt: '2026-11-23T09:00:00Z' }));
    const times = await request(app.url)
      .post('/api/channels/phone/lancashire/calls')
      .set(signedHeaders(backwards))
      .send(backwards)
      .expect(400);
    expect(times.body.message).toContain('endedAt');
  });

  it('maps a signed form submission to an enquiry by the form’s mapping, once', async () => {
    const submission = {
      formId: 'report-a-problem',
      submissionId: `sub-${randomUUID()}`,
      submittedAt: '2026-11-23T08:15:00Z',
      answers: {
        fullName: 'Form Filler',
        problem: 'Street light out on Elm Road',
        email: 'form.filler@example.org',
        telephone: '07700 900654',
        location: 'Elm Road',
        postcode: 'MK9 1AA',
      },
    };
    const body = JSON.stringify(submission);
    const created = await request(app.url)
      .post('/api/channels/forms/milton-keynes/submissions')
      .set(signedHeaders(body))
      .send(body)
      .expect(201);
    await request(app.url).post('/api/channels/forms/milton-keynes/submissions').set(signedHeaders(body)).send(body).expect(200);
    const advisor = await login(app, 'advisor@milton-keynes.demo');
    const detail = await request(app.url).get(`/api/enquiries/${created.body.enquiryId}`).set(auth(advisor)).expect(200);
    expect(detail.body).toMatchObject({
      channel: 'form',
      retentionClass: 'online_form',
      description: 'Street light out on Elm Road',
      subject: { name: 'Form Filler', emails: ['form.filler@example.org'], postcode: 'MK9 1AA', address: 'Elm Road' },
    });
    expect(
      detail.body.timeline.find((e: { metadata: { event?: string } }) => e.metadata.event === 'form_submitted').metadata.processorLocation,
    ).toBe('EU');

    const contact = JSON.stringify({
      formId: 'contact-us',
      submissionId: `sub-${randomUUID()}`,
      submittedAt: '2026-11-23T08:20:00Z',
      answers: { fullName: 'Web Visitor', message: 'Opening hours?' },
    });
    const website = await request(app.url)
      .post('/api/channels/forms/milton-keynes/submissions')
      .set(signedHeaders(contact))
      .send(contact)
      .expect(201);
    const websiteDetail = await request(app.url).get(`/api/enquiries/${website.body.enquiryId}`).set(auth(advisor)).expect(200);
    expect(websiteDetail.body.retentionClass).toBe('website_contact_form');
  });

  it('names what a submission lacks, and refuses forms it has no mapping for', async () => {
    const missing = JSON.stringify({
      formId: 'report-a-problem',
      submissionId: 'sub-missing',
      submittedAt: '2026-11-23T08:15:00Z',
      answers: { fullName: 'No Problem Given' },
    });
    const refused = await request(app.url)
      .post('/api/channels/forms/milton-keynes/submissions')
      .set(signedHeaders(missing))
      .send(missing)
      .expect(400);
    expect(refused.body.message).toContain('answers.problem');
    const unknown = JSON.stringify({ formId: 'no-such-form', submissionId: 'sub-x', submittedAt: '2026-11-23T08:15:00Z', answers: {} });
    const unmapped = await request(app.url)
      .post('/api/channels/forms/milton-keynes/submissions')
      .set(signedHeaders(unknown))
      .send(unknown)
      .expect(422);
    expect(unmapped.body.code).toBe('UNKNOWN_FORM');
  });

  it('counts ingestion by channel and outcome, with no personal labels', async () => {
    const metrics = await request(app.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/signpost_channel_ingest_total\{channel="phone",outcome="created"\} [1-9]/);
    expect(metrics.text).toMatch(/signpost_channel_ingest_total\{channel="phone",outcome="duplicate"\} [1-9]/);
    expect(metrics.text).toMatch(/signpost_channel_ingest_total\{channel="phone",outcome="rejected"\} [1-9]/);
    expect(metrics.text).not.toContain('7700900321');
  });
});
