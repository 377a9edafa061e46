import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { auth, escalate, newEnquiry } from './support/factories.js';
import { startMailCapture, type MailCapture } from './support/mail-capture.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

const DEFAULT_CODES = [
  { code: 'information_given', label: 'Information given', active: true },
  { code: 'form_sent', label: 'Form sent', active: true },
  { code: 'referred', label: 'Referred to a service', active: true },
  { code: 'signposted', label: 'Signposted elsewhere', active: true },
  { code: 'no_further_action', label: 'No further action', active: true },
];

/**
 * Wrap-up outcome codes (issue 23, point 4) in an organisation of the test's own: the defaults, the list set by
 * supervisors and administrators, the outcome given when resolving, signposting, closing or sending and resolving
 * (required when the organisation says so), "referred" recorded by an escalation, and the counts in the reports.
 */
describe('wrap-up outcome codes', () => {
  let app: TestApp;
  let mail: MailCapture;
  let organisationId: string;
  const slug = `wrapup-${randomUUID().slice(0, 8)}`;
  let advisor: string;
  let supervisor: string;
  let admin: string;
  let dpo: string;
  let advisorId: string;

  const codes = (token: string, query = '') => request(app.url).get(`/api/outcome-codes${query}`).set(auth(token));
  const put = (token: string, body: object) => request(app.url).put('/api/outcome-codes').set(auth(token)).send(body);
  const act = (id: string, step: string, body: object = {}) =>
    request(app.url).post(`/api/enquiries/${id}/${step}`).set(auth(advisor)).send(body);
  const detail = async (id: string) => (await request(app.url).get(`/api/enquiries/${id}`).set(auth(advisor)).expect(200)).body;
  const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const report = async () =>
    (await request(app.url).get(`/api/reports/summary?from=${today()}&to=${today()}`).set(auth(supervisor)).expect(200)).body as {
      outcomes: { recorded: number; byCode: { key: string; label: string; count: number }[] };
    };
  const CUSTOM = {
    required: true,
    codes: [
      { code: 'information_given', label: 'Information and advice given', active: true },
      { code: 'council_tax_advice', label: 'Council tax advice', active: true },
      { code: 'form_sent', label: 'Form sent', active: false },
      { code: 'referred', label: 'Referred to a service', active: true },
      { code: 'signposted', label: 'Signposted elsewhere', active: true },
      { code: 'no_further_action', label: 'No further action', active: true },
    ],
  };

  beforeAll(async () => {
    mail = await startMailCapture();
    organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, async (c) => {
      await c.query(`update organisations set enquiries_email = $2 where id = $1`, [organisationId, `contact@${slug}.test`]);
      await c.query(
        `insert into services (organisation_id, code, name, permitted_fields) values ($1, 'highways', 'Highways Service', '{name}')`,
        [organisationId],
      );
      advisorId = (await c.query<{ id: string }>(`select id from staff_users where email = $1`, [`advisor@${slug}.test`])).rows[0].id;
    });
    app = await startTestApp({ MAIL_TRANSPORT_URL: mail.url });
    [advisor, supervisor, admin, dpo] = await Promise.all(
      ['advisor', 'supervisor', 'admin', 'dpo'].map((role) => login(app, `${role}@${slug}.test`)),
    );
    await request(app.url)
      .put('/api/signposting/district-council')
      .set(auth(admin))
      .send({ name: 'District Council', kind: 'district_council' })
      .expect(200);
  });

  afterAll(async () => {
    await app?.stop();
    await mail?.close();
  });

  it('lists the five default codes, none required, to advisors, supervisors and administrators (DPO 403, no token 401)', async () => {
    const { body } = await codes(advisor).expect(200);
    expect(body).toEqual({ required: false, codes: DEFAULT_CODES, updatedAt: null });
    await codes(supervisor).expect(200);
    await codes(admin).expect(200);
    await codes(dpo).expect(403);
    await request(app.url).get('/api/outcome-codes').expect(401);
  });

  it('lets an enquiry be resolved without an outcome while none is required, and records one given', async () => {
    const bare = await newEnquiry(app, advisor);
    await act(bare.id, 'resolve', { advice: 'Told them the opening hours' }).expect(200);
    const resolved = await detail(bare.id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.outcome).toBeUndefined();

    const given = await newEnquiry(app, advisor);
    await act(given.id, 'resolve', { advice: 'Sent the blue badge form', outcome: 'form_sent' }).expect(200);
    const withOutcome = await detail(given.id);
    expect(withOutcome.outcome).toEqual({ code: 'form_sent', label: 'Form sent', recordedAt: expect.any(String), recordedBy: advisorId });
    const advice = withOutcome.timeline.find((entry: { kind: string }) => entry.kind === 'advice');
    expect(advice.metadata).toMatchObject({ to: 'resolved', outcome: 'form_sent' });
  });

  it('is set only by supervisors and administrators (advisor 403, DPO 403), audited, and refuses malformed lists naming the field', async () => {
    expect((await put(advisor, CUSTOM).expect(403)).body.code).toBe('FORBIDDEN');
    await put(dpo, CUSTOM).expect(403);
    for (const [body, field] of [
      [{ ...CUSTOM, codes: [{ code: 'Not A Code', label: 'x', active: true }] }, 'code'],
      [{ ...CUSTOM, codes: [{ code: 'fine', label: '', active: true }] }, 'label'],
      [{ ...CUSTOM, required: 'yes' }, 'required'],
      [{ ...CUSTOM, codes: [CUSTOM.codes[0], CUSTOM.codes[0]] }, 'codes.1.code'],
      [{ required: true, codes: [{ code: 'only', label: 'Only', active: false }] }, 'required'],
    ] as const) {
      const refused = await put(supervisor, body).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    // form_sent is recorded on an enquiry (the test before): it may be deactivated, never deleted.
    const deleting = await put(supervisor, { ...CUSTOM, codes: CUSTOM.codes.filter((code) => code.code !== 'form_sent') }).expect(400);
    expect(deleting.body.message).toContain('form_sent is recorded on enquiries and cannot be deleted');

    const saved = await put(supervisor, CUSTOM).expect(200);
    expect(saved.body.codes).toEqual(CUSTOM.codes);
    const listed = (await codes(advisor).expect(200)).body;
    expect(listed.required).toBe(true);
    expect(listed.codes.map((code: { code: string }) => code.code)).toEqual([
      'information_given',
      'council_tax_advice',
      'referred',
      'signposted',
      'no_further_action',
    ]);
    expect((await codes(admin, '?includeInactive=true').expect(200)).body.codes).toEqual(CUSTOM.codes);

    const trail = await request(app.url).get(`/api/audit?entity=outcome_codes&id=${organisationId}`).set(auth(admin)).expect(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'outcome_codes.save',
      details: { required: true, added: ['council_tax_advice'], deactivated: ['form_sent'], removed: [] },
    });
  });

  it('keeps each organisation’s codes to itself', async () => {
    const other = (await codes(await login(app, 'advisor@cambridgeshire.demo')).expect(200)).body;
    expect(other.codes.map((code: { code: string }) => code.code)).not.toContain('council_tax_advice');
    expect(other.codes.find((code: { code: string }) => code.code === 'information_given')?.label).toBe('Information given');
  });

  it('wrap-up required when configured: resolving or closing without an outcome is refused with 400 and the reason, and nothing changes', async () => {
    const enquiry = await newEnquiry(app, advisor);
    const refused = await act(enquiry.id, 'resolve', { advice: 'Explained the council tax bands' }).expect(400);
    expect(refused.body.code).toBe('OUTCOME_REQUIRED');
    expect(refused.body.message).toContain('an outcome is required');
    expect(refused.body.errors).toEqual([{ field: 'outcome', problem: expect.stringContaining('an outcome is required') }]);
    expect((await detail(enquiry.id)).status).toBe('new');

    const unknown = await act(enquiry.id, 'resolve', { advice: 'Explained', outcome: 'made_up_code' }).expect(400);
    expect(unknown.body.code).toBe('OUTCOME_UNKNOWN');
    expect(unknown.body.message).not.toContain('made_up_code');
    expect((await act(enquiry.id, 'resolve', { advice: 'Explained', outcome: 'form_sent' }).expect(400)).body.code).toBe(
      'OUTCOME_INACTIVE',
    );
    expect((await act(enquiry.id, 'resolve', { advice: 'Explained', outcome: 'Bad Code' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await detail(enquiry.id)).status).toBe('new');

    await act(enquiry.id, 'resolve', { advice: 'Explained the council tax bands', outcome: 'council_tax_advice' }).expect(200);
    const resolved = await detail(enquiry.id);
    expect(resolved.outcome).toMatchObject({ code: 'council_tax_advice', label: 'Council tax advice', recordedBy: advisorId });
    // Closing keeps the outcome it has; one given on closing replaces it, on the timeline.
    await act(enquiry.id, 'close').expect(200);
    expect((await detail(enquiry.id)).outcome.code).toBe('council_tax_advice');

    const other = await newEnquiry(app, advisor);
    await escalate(app, advisor, other.id, 'highways');
    const escalated = await detail(other.id);
    expect(escalated.outcome).toMatchObject({ code: 'referred', label: 'Referred to a service' });
    expect(
      escalated.timeline.find((entry: { metadata: { event?: string } }) => entry.metadata.event === 'escalated').metadata.outcome,
    ).toBe('referred');
    await act(other.id, 'close', { outcome: 'no_further_action' }).expect(200);
    const closed = await detail(other.id);
    expect(closed.outcome.code).toBe('no_further_action');
    expect(closed.timeline.find((entry: { metadata: { to?: string } }) => entry.metadata.to === 'closed').metadata.outcome).toBe(
      'no_further_action',
    );
  });

  it('records "signposted" by itself when signposting without an outcome, and takes one with send and resolve (required there too)', async () => {
    const signposted = await newEnquiry(app, advisor);
    await act(signposted.id, 'signpost', { destination: 'district-council', advice: 'Call the district council' }).expect(200);
    expect((await detail(signposted.id)).outcome.code).toBe('signposted');

    const written = await newEnquiry(app, advisor, {
      channel: 'email',
      subject: { name: `Writer ${randomUUID().slice(0, 8)}`, email: 'writer@example.test' },
    });
    const reply = (body: object) => request(app.url).post(`/api/enquiries/${written.id}/replies`).set(auth(advisor)).send(body);
    const refused = await reply({ text: 'Your bin will be collected on Tuesday.', resolve: true }).expect(400);
    expect(refused.body.code).toBe('OUTCOME_REQUIRED');
    expect(
      (await reply({ text: 'Your bin will be collected on Tuesday.', outcome: 'information_given' }).expect(400)).body.message,
    ).toContain('outcome goes with resolve');
    const replies = await request(app.url).get(`/api/enquiries/${written.id}/replies`).set(auth(advisor)).expect(200);
    expect(replies.body).toEqual([]); // refused: nothing stored or queued
    await reply({ text: 'Your bin will be collected on Tuesday.', resolve: true, outcome: 'information_given' }).expect(201);
    const resolved = await detail(written.id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.outcome).toMatchObject({ code: 'information_given', label: 'Information and advice given' });
    expect(
      resolved.timeline.find((entry: { metadata: { event?: string } }) => entry.metadata.event === 'resolved_by_reply').metadata.outcome,
    ).toBe('information_given');
  });

  it('counts the outcomes of the period in the reports, every active code in order with its label, and in the CSV', async () => {
    const { outcomes } = await report();
    expect(outcomes.recorded).toBe(5);
    expect(outcomes.byCode).toEqual([
      { key: 'information_given', label: 'Information and advice given', count: 1 },
      { key: 'council_tax_advice', label: 'Council tax advice', count: 1 },
      { key: 'form_sent', label: 'Form sent', count: 1 }, // inactive now, but recorded in the period
      { key: 'referred', label: 'Referred to a service', count: 0 },
      { key: 'signposted', label: 'Signposted elsewhere', count: 1 },
      { key: 'no_further_action', label: 'No further action', count: 1 },
    ]);
    const csv = await request(app.url)
      .get(`/api/reports/summary?from=${today()}&to=${today()}&format=csv`)
      .set(auth(supervisor))
      .expect(200);
    const rows = parse(csv.text, { columns: true }) as { section: string; key: string; value: string }[];
    expect(rows).toEqual(
      expect.arrayContaining([
        { section: 'outcomes', key: 'recorded', value: '5' },
        { section: 'outcome', key: 'council_tax_advice', value: '1' },
        { section: 'outcome', key: 'referred', value: '0' },
      ]),
    );
  });
});
