import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { auth } from './support/factories.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

/** The retention schedule a DPO keeps, and the record of processing (Art. 30) Signpost generates from it. */
describe('retention schedule and record of processing', () => {
  let app: TestApp;
  let dpo: string;

  beforeAll(async () => {
    app = await startTestApp();
    dpo = await login(app, 'dpo@milton-keynes.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('starts from the periods the privacy notices name, each with the event it runs from and its source', async () => {
    const { body } = await request(app.url).get('/api/retention/schedule').set(auth(dpo)).expect(200);
    const byType = Object.fromEntries(body.map((rule: { recordType: string }) => [rule.recordType, rule]));
    expect(byType.call_recording_audio).toMatchObject({
      period: 'P2Y',
      periodText: '2 years',
      startsFrom: 'recorded',
      changed: false,
      source: expect.stringContaining('Lancashire'),
    });
    expect(byType.call_recording_video).toMatchObject({ period: 'P28D', periodText: '28 days', startsFrom: 'recorded' });
    expect(byType.referral).toMatchObject({ period: 'P12M', startsFrom: 'referred' });
    expect(byType.webchat).toMatchObject({ period: 'P2Y', startsFrom: 'enquiry_finished' });
    expect(byType.online_form).toMatchObject({ period: 'P2Y' });
    expect(byType.website_contact_form).toMatchObject({ startsFrom: 'submitted', source: expect.stringContaining('LGSS') });
    expect(Object.keys(byType).sort()).toEqual([
      'call_recording_audio',
      'call_recording_video',
      'email_contact',
      'internal_enquiry',
      'knowledge_follow_up',
      'online_form',
      'phone_contact',
      'referral',
      'social_media_contact',
      'subject_request',
      'webchat',
      'website_contact_form',
    ]);
  });

  it('lets the DPO set the organisation’s own period with a reason, audited, and go back to the default; other organisations are unaffected', async () => {
    const changed = await request(app.url)
      .put('/api/retention/schedule/website_contact_form')
      .set(auth(dpo))
      .send({ period: 'P3M', reason: 'Website forms policy WF-2, agreed by the SIRO' })
      .expect(200);
    expect(changed.body.find((rule: { recordType: string }) => rule.recordType === 'website_contact_form')).toMatchObject({
      period: 'P3M',
      periodText: '3 months',
      changed: true,
      reason: 'Website forms policy WF-2, agreed by the SIRO',
      source: 'the organisation’s own period',
    });
    const other = await request(app.url)
      .get('/api/retention/schedule')
      .set(auth(await login(app, 'dpo@northamptonshire.demo')))
      .expect(200);
    expect(other.body.find((rule: { recordType: string }) => rule.recordType === 'website_contact_form')).toMatchObject({
      period: 'P6M',
      changed: false,
    });
    const audit = await request(app.url).get('/api/audit?entity=retention_rule').set(auth(dpo)).expect(200);
    expect(JSON.stringify(audit.body)).toContain('P3M');
    const reset = await request(app.url).delete('/api/retention/schedule/website_contact_form').set(auth(dpo)).expect(200);
    expect(reset.body.find((rule: { recordType: string }) => rule.recordType === 'website_contact_form')).toMatchObject({
      period: 'P6M',
      changed: false,
    });
  });

  it('refuses a bad period, an unknown record type and the wrong role, with the reason', async () => {
    const put = (type: string, body: Record<string, unknown>, token = dpo) =>
      request(app.url).put(`/api/retention/schedule/${type}`).set(auth(token)).send(body);
    for (const period of ['2 years', 'P0D', 'P2W', 'P101Y', '', 'PT1H']) {
      expect((await put('webchat', { period, reason: 'Testing a bad period' }).expect(400)).body.message).toContain('period');
    }
    expect((await put('webchat', { period: 'P1Y' }).expect(400)).body.message).toContain('reason');
    expect((await put('webchat', { period: 'P1Y', reason: 'A good reason', status: 'x' }).expect(400)).body.message).toContain('status');
    expect((await put('no-such-record', { period: 'P1Y', reason: 'A good reason' }).expect(404)).body.code).toBe('RECORD_TYPE_NOT_FOUND');
    await put('webchat', { period: 'P1Y', reason: 'A good reason' }, await login(app, 'advisor@milton-keynes.demo')).expect(403);
    await request(app.url)
      .get('/api/retention/schedule')
      .set(auth(await login(app, 'advisor@milton-keynes.demo')))
      .expect(403);
    const after = await request(app.url).get('/api/retention/schedule').set(auth(dpo)).expect(200);
    expect(after.body.find((rule: { recordType: string }) => rule.recordType === 'webchat')).toMatchObject({
      period: 'P2Y',
      changed: false,
    });
  });

  it('generates the record of processing: controller, purposes, recipients, the EU-hosted forms as a transfer, the schedule in force', async () => {
    const lancashire = await login(app, 'dpo@lancashire.demo');
    const { body } = await request(app.url).get('/api/organisation/record-of-processing').set(auth(lancashire)).expect(200);
    expect(body.controller).toMatchObject({ name: 'Lancashire County Council', dataProtectionOfficer: { email: 'dpo@lancashire.demo' } });
    expect(body.purposes.map((purpose: { lawfulBasis: string }) => purpose.lawfulBasis)).toEqual(
      expect.arrayContaining([expect.stringContaining('6(1)(f)'), expect.stringContaining('9(2)(a)')]),
    );
    const services = body.recipients
      .filter((recipient: { kind: string }) => recipient.kind === 'service')
      .map((recipient: { recipient: string }) => recipient.recipient);
    expect(services).toEqual(
      expect.arrayContaining(['Blue Badge Service', 'Highways Service', 'Information, Advice and Support Team (SEND)']),
    );
    const highways = body.recipients.find((recipient: { recipient: string }) => recipient.recipient === 'Highways Service');
    expect(highways.receives).not.toContain('Date of birth');
    expect(
      body.recipients
        .filter((recipient: { kind: string }) => recipient.kind === 'processor')
        .map((recipient: { recipient: string }) => recipient.recipient),
    ).toEqual(['Storm', 'Content Guru Ltd', 'Granicus']);
    expect(body.transfers).toEqual([
      {
        processor: 'Granicus',
        location: 'EU',
        purpose: expect.stringContaining('Online forms'),
        safeguard: 'UK adequacy regulations for the EEA',
      },
    ]);
    expect(body.retention).toEqual(
      expect.arrayContaining([expect.objectContaining({ record: expect.stringContaining('Call recording (video)'), period: '28 days' })]),
    );
    expect(body.securityMeasures.length).toBeGreaterThan(5);

    const csv = await request(app.url).get('/api/organisation/record-of-processing?format=csv').set(auth(lancashire)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.text, { columns: true }) as { section: string; item: string; detail: string }[];
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ section: 'Transfer outside the UK', item: 'Granicus (EU)' })]));
    await request(app.url).get('/api/organisation/record-of-processing?format=pdf').set(auth(lancashire)).expect(400);
    await request(app.url)
      .get('/api/organisation/record-of-processing')
      .set(auth(await login(app, 'advisor@lancashire.demo')))
      .expect(403);
  });

  it('lists the processors an administrator records, and those outside the UK as transfers with their safeguard', async () => {
    const admin = await login(app, 'admin@milton-keynes.demo');
    const processors = [
      { name: 'Formidable Forms', purpose: 'Website contact forms', location: 'UK' },
      {
        name: 'Chat Cloud Inc.',
        purpose: 'Hosts webchat transcripts',
        location: 'United States',
        safeguard: 'International data transfer agreement (IDTA)',
      },
    ];
    const bad = await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ processors: [{ name: 'No Location', purpose: 'Something' }] })
      .expect(400);
    expect(bad.body.message).toContain('location');
    const updated = await request(app.url).patch('/api/organisation').set(auth(admin)).send({ processors }).expect(200);
    expect(updated.body.processors).toEqual(processors);
    const { body } = await request(app.url).get('/api/organisation/record-of-processing').set(auth(dpo)).expect(200);
    expect(body.transfers).toEqual([
      {
        processor: 'Chat Cloud Inc.',
        location: 'United States',
        purpose: 'Hosts webchat transcripts',
        safeguard: 'International data transfer agreement (IDTA)',
      },
    ]);
    expect(body.recipients.filter((recipient: { kind: string }) => recipient.kind === 'processor')).toHaveLength(2);
  });
});
