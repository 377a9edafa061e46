import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, newEnquiry, VERBAL_CONSENT } from './support/factories.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { signedHeaders } from './support/signing.js';

interface FoundSubject {
  dataSubjectId: string;
  name: string;
  matchedOn: string[];
  holdings: { enquiries: { id: string; reference: string; channel: string; status: string; createdAt: string }[]; [kind: string]: unknown };
}

describe('subject search: everything held about one person', () => {
  let app: TestApp;
  let dpo: string;
  // One person, with details no other test uses.
  const tag = randomUUID().slice(0, 8);
  const name = `Ada Searchable ${tag}`;
  const email = `ada.${tag}@example.org`;
  const national = `07700 9${String(randomInt(0, 100000)).padStart(5, '0')}`;
  const international = `+44${national.replace(/\s/g, '').slice(1)}`;
  let phoneEnquiry: { enquiryId: string; reference: string };
  let emailEnquiry: { enquiryId: string; reference: string };

  const search = (token: string, body: unknown) =>
    request(app.url)
      .post('/api/subject-search')
      .set(auth(token))
      .send(body as object);

  beforeAll(async () => {
    app = await startTestApp();
    dpo = await login(app, 'dpo@lancashire.demo');

    // She rang (the telephony platform logs the call, with its audio and screen recordings) ...
    const call = JSON.stringify({
      callId: `call-${randomUUID()}`,
      callerNumber: international,
      callerName: name,
      direction: 'inbound',
      startedAt: '2026-11-23T09:00:00Z',
      endedAt: '2026-11-23T09:04:00Z',
      recordings: [
        { kind: 'audio', ref: `rec-audio-${tag}`, recordedAt: '2026-11-23T09:00:00Z' },
        { kind: 'video', ref: `rec-screen-${tag}`, recordedAt: '2026-11-23T09:00:00Z' },
      ],
    });
    phoneEnquiry = (await request(app.url).post('/api/channels/phone/lancashire/calls').set(signedHeaders(call)).send(call).expect(201))
      .body;

    // ... and wrote, with a photo attached.
    const boundary = `b-${tag}`;
    const mail = [
      `From: ${name} <${email}>`,
      'To: contact@lancashire.demo',
      'Subject: Pothole outside my house',
      `Message-ID: <${randomUUID()}@example.org>`,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The pothole I rang about is deeper now.',
      `--${boundary}`,
      'Content-Type: image/png; name="pothole.png"',
      'Content-Disposition: attachment; filename="pothole.png"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('89504e470d0a1a0a', 'hex').toString('base64'),
      `--${boundary}--`,
    ].join('\r\n');
    emailEnquiry = (
      await request(app.url)
        .post('/api/channels/email/lancashire/inbound')
        .set({ ...signedHeaders(mail), 'content-type': 'message/rfc822' })
        .send(mail)
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('finds her by e-mail address, however written, with the e-mail enquiry and what hangs off it', async () => {
    const { body } = await search(dpo, { email: email.toUpperCase() }).expect(200);
    expect(body.truncated).toBe(false);
    expect(body.subjects).toHaveLength(1);
    const [found] = body.subjects as FoundSubject[];
    expect(found).toMatchObject({ name, matchedOn: ['email'] });
    expect(found.holdings.enquiries).toEqual([
      { id: emailEnquiry.enquiryId, reference: emailEnquiry.reference, channel: 'email', status: 'new', createdAt: expect.any(String) },
    ]);
    expect(found.holdings).toMatchObject({
      emailMessages: 1,
      emailAttachments: 1,
      callLogs: 0,
      callRecordings: 0,
      chatMessages: 0,
      socialMessages: 0,
      escalations: 0,
      disclosures: 0,
    });
    expect(found.holdings.timelineEvents).toBeGreaterThanOrEqual(1);
  });

  it('finds her by phone number, however written, with the call, its recordings and timeline', async () => {
    for (const written of [national, international, `0044 ${national.slice(1)}`, national.replace(' ', '-')]) {
      const { body } = await search(dpo, { phone: written }).expect(200);
      expect(body.subjects).toHaveLength(1);
      const [found] = body.subjects as FoundSubject[];
      expect(found).toMatchObject({ name, matchedOn: ['phone'] });
      expect(found.holdings.enquiries.map((enquiry) => enquiry.reference)).toEqual([phoneEnquiry.reference]);
      expect(found.holdings).toMatchObject({ callLogs: 1, callRecordings: 2, emailMessages: 0, emailAttachments: 0 });
      expect(found.holdings.timelineEvents).toBeGreaterThanOrEqual(2); // created, call logged
    }
  });

  it('finds both records of her at once, each with its reason, for a supervisor too', async () => {
    const supervisor = await login(app, 'supervisor@lancashire.demo');
    const { body } = await search(supervisor, { email, phone: national, name }).expect(200);
    const byReasons = Object.fromEntries(
      (body.subjects as FoundSubject[]).map((found) => [found.matchedOn.join(','), found.holdings.enquiries.map((e) => e.id)]),
    );
    // The name alone matches both as well; e-mail and phone say which record is which.
    expect(byReasons).toEqual({ 'email,name': [emailEnquiry.enquiryId], 'name,phone': [phoneEnquiry.enquiryId] });
  });

  it('finds a person by name with date of birth or postcode, and by address written another way', async () => {
    const advisor = await login(app, 'advisor@lancashire.demo');
    const person = {
      name: `Bertie Addressed ${tag}`,
      dateOfBirth: '1961-07-04',
      postcode: 'PR1 2AB',
      address: `${randomInt(1, 999)} Elm Rd, Penwortham ${tag}, Preston`,
    };
    const created = await newEnquiry(app, advisor, {
      channel: 'internal',
      requesterType: 'employee',
      subject: person,
      description: 'Asked about a parking permit',
      legalBasis: 'consent',
      consent: VERBAL_CONSENT,
    });

    const both = await search(dpo, { name: person.name.toUpperCase(), dateOfBirth: person.dateOfBirth, postcode: 'pr12ab' }).expect(200);
    expect(both.body.subjects).toEqual([expect.objectContaining({ matchedOn: ['name+dateOfBirth', 'name+postcode'] })]);
    expect(both.body.subjects[0].holdings).toMatchObject({ enquiries: [{ id: created.id, channel: 'internal' }], consentRecords: 1 });
    const otherBirthday = await search(dpo, { name: person.name, dateOfBirth: '1961-07-05' }).expect(200);
    expect(otherBirthday.body.subjects).toEqual([]);

    const firstLine = person.address.split(',')[0].replace('Rd', 'Road').toUpperCase();
    const shorter = await search(dpo, { address: `${firstLine}, Penwortham ${tag}` }).expect(200);
    expect(shorter.body.subjects).toEqual([expect.objectContaining({ name: person.name, matchedOn: ['address'] })]);
    const longer = await search(dpo, { address: `${person.address}, Lancashire PR1 2AB` }).expect(200);
    expect(longer.body.subjects).toEqual([expect.objectContaining({ name: person.name, matchedOn: ['address'] })]);
  });

  it("shows another organisation's DPO nothing of her", async () => {
    const cambridgeshire = await login(app, 'dpo@cambridgeshire.demo');
    const { body } = await search(cambridgeshire, { email, phone: national, name }).expect(200);
    expect(body).toEqual({ subjects: [], truncated: false });
  });

  it('refuses advisors (403): searching across people is for the DPO and supervisors', async () => {
    const advisor = await login(app, 'advisor@lancashire.demo');
    const { body } = await search(advisor, { email }).expect(403);
    expect(body.code).toBe('FORBIDDEN');
  });

  it('refuses a body that names no one, or holds unknown or malformed fields (400), naming the field', async () => {
    const fieldsOf = async (body: unknown) => (await search(dpo, body).expect(400)).body.errors.map((f: { field: string }) => f.field);
    expect(await fieldsOf({})).toEqual(['name']);
    expect(await fieldsOf({ dateOfBirth: '1961-07-04' })).toEqual(['dateOfBirth']);
    expect(await fieldsOf({ email, postcode: 'PR1 2AB' })).toEqual(['postcode']);
    expect(await fieldsOf({ email, nickname: 'Ada' })).toEqual(['nickname']);
    expect(await fieldsOf({ email, organisationId: randomUUID() })).toEqual(['organisationId']);
    expect(await fieldsOf({ email: 'not an address' })).toEqual(['email']);
    expect(await fieldsOf({ phone: 'call me' })).toEqual(['phone']);
    expect(await fieldsOf({ address: 'Preston' })).toEqual(['address']);
    const invalid = await search(dpo, { email: 'not an address' }).expect(400);
    expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(invalid.body)).not.toContain('not an address');
  });

  it('audits each search with the kinds of identifier used and who was returned, never the values', async () => {
    const { body: found } = await search(dpo, { email, phone: national }).expect(200);
    const trail = await request(app.url).get('/api/audit?entity=data_subject&pageSize=200').set(auth(dpo)).expect(200);
    const entry = trail.body.items.find(
      (item: { action: string; details: { searchedBy?: string[] } }) =>
        item.action === 'data_subject.search' && item.details.searchedBy?.join() === 'email,phone',
    );
    expect(entry).toMatchObject({ fields: ['name'], details: { searchedBy: ['email', 'phone'], truncated: false } });
    expect(new Set(entry.details.returned)).toEqual(new Set((found.subjects as FoundSubject[]).map((subject) => subject.dataSubjectId)));
    const text = JSON.stringify(trail.body);
    for (const value of [email, national, international, name]) expect(text).not.toContain(value);
  });
});
