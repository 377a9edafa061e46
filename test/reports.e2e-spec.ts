import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { auth } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

/**
 * A known fixture in an organisation of its own, in the first week of October 2026 (British Summer Time, so UK days
 * start at 23:00 UTC), and the report figures computed by hand from it.
 */
async function seedFixture(organisationId: string): Promise<void> {
  await asOwner(organisationId, async (c) => {
    const subject = randomUUID();
    await c.query(`insert into data_subjects (id, organisation_id, name, name_key) values ($1, $2, 'Fixture Person', 'fixture person')`, [
      subject,
      organisationId,
    ]);
    const service = randomUUID();
    await c.query(
      `insert into services (id, organisation_id, code, name, permitted_fields) values ($1, $2, 'highways', 'Highways Service', '{name,address}')`,
      [service, organisationId],
    );
    const enquiry = async (
      reference: string,
      channel: string,
      retention: string,
      created: string,
      finished: { resolved?: string; escalated?: string } = {},
    ) => {
      const id = randomUUID();
      await c.query(
        `insert into enquiries (id, organisation_id, reference, channel, requester_type, data_subject_id, description, status, legal_basis, retention_class, created_at, updated_at, resolved_at, escalated_at)
         values ($1, $2, $3, $4, 'citizen', $5, 'Fixture enquiry about a personal matter', $6, 'public_task', $7, $8, $8, $9, $10)`,
        [
          id,
          organisationId,
          reference,
          channel,
          subject,
          finished.resolved ? 'resolved' : finished.escalated ? 'escalated' : 'new',
          retention,
          created,
          finished.resolved ?? null,
          finished.escalated ?? null,
        ],
      );
      return id;
    };
    const e1 = await enquiry('FX-1', 'phone', 'phone_contact', '2026-10-05T08:00:00Z', { resolved: '2026-10-05T08:10:00Z' }); // 600 s
    const e2 = await enquiry('FX-2', 'webchat', 'webchat', '2026-10-05T23:30:00Z', { escalated: '2026-10-06T00:00:00Z' }); // UK 6 October, 1,800 s
    const e3 = await enquiry('FX-3', 'email', 'email_contact', '2026-10-06T12:00:00Z', { resolved: '2026-10-06T13:00:00Z' }); // 3,600 s
    await c.query(`update enquiries set signposted_to = 'nhs-111' where id = $1`, [e3]); // resolved by sending the citizen to NHS 111
    const e4 = await enquiry('FX-4', 'phone', 'phone_contact', '2026-10-07T09:00:00Z'); // still open
    const e5 = await enquiry('FX-5', 'form', 'online_form', '2026-10-04T22:59:00Z', { resolved: '2026-10-05T09:00:00Z' }); // UK 4 October 23:59: outside
    // Wrap-up outcomes: e1 information given, e2 referred (its escalation), e3 signposted; e5's is outside the period.
    for (const [id, code] of [
      [e1, 'information_given'],
      [e2, 'referred'],
      [e3, 'signposted'],
      [e5, 'form_sent'],
    ])
      await c.query(`update enquiries set outcome_code = $2, outcome_at = updated_at where id = $1`, [id, code]);
    // Safeguarding flags: one handled, one still open (two kinds), one raised before the period.
    await c.query(
      `insert into safeguarding_flags (organisation_id, enquiry_id, channel, kinds, status, raised_at, reviewed_at, review_note) values
         ($1, $2, 'webchat', '{domestic_abuse}', 'handled', '2026-10-05T23:31:00Z', '2026-10-05T23:40:00Z', 'Police called by the advisor'),
         ($1, $3, 'phone', '{medical,child_at_risk}', 'open', '2026-10-07T09:01:00Z', null, null),
         ($1, $4, 'form', '{fire}', 'false_alarm', '2026-10-04T22:59:00Z', '2026-10-05T09:00:00Z', null)`,
      [organisationId, e2, e4, e5],
    );
    await c.query(
      `insert into escalations (organisation_id, enquiry_id, service_id, message_id, fields, shared_fields, legal_basis, delivery_type, delivery_status, status, created_at, acknowledged_at,
                                acknowledgement_due_at, acknowledgement_at_risk_at)
       values ($1, $2, $3, $4, '{"name":"Fixture Person"}', '{name}', 'public_task', 'portal', 'available', 'acknowledged', '2026-10-06T00:00:00Z', '2026-10-06T02:00:00Z',
               '2026-10-06T17:00:00Z', '2026-10-06T15:24:00Z')`,
      [organisationId, e2, service, `msg_${randomUUID()}`],
    );
    await c.query(
      `insert into chats (organisation_id, enquiry_id, status, resume_token_hash, queued_at, assigned_at, ended_at) values
         ($1, $2, 'ended', 'x', '2026-10-05T23:30:00Z', '2026-10-05T23:32:00Z', '2026-10-05T23:50:00Z'),
         ($1, $3, 'ended', 'y', '2026-10-06T10:00:00Z', null, '2026-10-06T10:05:00Z')`,
      [organisationId, e2, e3],
    );
    await c.query(
      `insert into call_logs (organisation_id, call_id, enquiry_id, direction, caller_number, started_at, ended_at) values
         ($1, 'fx-call-1', $2, 'inbound', '+447700900001', '2026-10-05T08:00:00Z', '2026-10-05T08:05:00Z'),
         ($1, 'fx-call-2', $3, 'inbound', '+447700900002', '2026-10-07T09:00:00Z', '2026-10-07T09:15:00Z')`,
      [organisationId, e1, e4],
    );
    await c.query(
      `insert into subject_requests (organisation_id, type, status, subject, received_on, due_on) values
         ($1, 'access', 'in_progress', '{"name":"Late"}', '2026-09-01', '2026-10-01'),
         ($1, 'erasure', 'awaiting_identity', '{"name":"Early"}', '2026-11-20', '2099-12-21'),
         ($1, 'access', 'completed', '{"name":"Done"}', '2026-09-01', '2026-10-01')`,
      [organisationId],
    );
  });
}

const EXPECTED = {
  period: { from: '2026-10-05', to: '2026-10-07', days: 3 },
  enquiries: 4,
  byChannel: [
    { key: 'phone', count: 2 },
    { key: 'email', count: 1 },
    { key: 'webchat', count: 1 },
    { key: 'social', count: 0 },
    { key: 'form', count: 0 },
    { key: 'internal', count: 0 },
  ],
  byDay: [
    { key: '2026-10-05', count: 1 },
    { key: '2026-10-06', count: 2 },
    { key: '2026-10-07', count: 1 },
  ],
  byService: [
    {
      service: 'highways',
      name: 'Highways Service',
      escalations: 1,
      acknowledged: 1,
      averageAcknowledgementSeconds: 7200,
      // Due at 17:00 the same day, acknowledged at 02:00.
      acknowledgedOnTime: 1,
      acknowledgedLate: 0,
      unacknowledgedPastTarget: 0,
    },
  ],
  signposted: { count: 1, byDestination: [{ key: 'nhs-111', count: 1 }] },
  outcomes: {
    recorded: 3,
    byCode: [
      { key: 'information_given', label: 'Information given', count: 1 },
      { key: 'form_sent', label: 'Form sent', count: 0 },
      { key: 'referred', label: 'Referred to a service', count: 1 },
      { key: 'signposted', label: 'Signposted elsewhere', count: 1 },
      { key: 'no_further_action', label: 'No further action', count: 0 },
    ],
  },
  firstContactResolution: { resolved: 2, escalated: 1, byReply: 0, rate: 0.667 },
  averageHandlingSeconds: 2000, // (600 + 1,800 + 3,600) / 3
  webchat: { chats: 2, answered: 1, abandoned: 1, averageWaitSeconds: 120 },
  calls: { calls: 2, averageSeconds: 600 },
  subjectRequests: { open: 2, overdue: 1 },
  safeguarding: {
    raised: 2,
    open: 1,
    handled: 1,
    falseAlarms: 0,
    byKind: [
      { key: 'child_at_risk', count: 1 },
      { key: 'domestic_abuse', count: 1 },
      { key: 'medical', count: 1 },
    ],
  },
};

describe('reports', () => {
  let app: TestApp;
  let supervisor: string;
  let dpo: string;
  const slug = `reports-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    app = await startTestApp();
    await seedFixture(await provisionOrganisation(slug));
    supervisor = await login(app, `supervisor@${slug}.test`);
    dpo = await login(app, `dpo@${slug}.test`);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const summary = (query: string, token = supervisor) => request(app.url).get(`/api/reports/summary${query}`).set(auth(token));

  it('computes the figures of a known fixture exactly as by hand, on UK days', async () => {
    const { body } = await summary('?from=2026-10-05&to=2026-10-07').expect(200);
    expect(body).toEqual(EXPECTED);
    const csv = await summary('?from=2026-10-05&to=2026-10-07&format=csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.text, { columns: true }) as { section: string; key: string; value: string }[];
    expect(rows).toEqual(
      expect.arrayContaining([
        { section: 'enquiries', key: 'total', value: '4' },
        { section: 'first_contact_resolution', key: 'rate', value: '0.667' },
        { section: 'day', key: '2026-10-06', value: '2' },
        { section: 'safeguarding', key: 'raised', value: '2' },
        { section: 'safeguarding_kind', key: 'medical', value: '1' },
        { section: 'acknowledged_on_time', key: 'highways', value: '1' },
        { section: 'unacknowledged_past_target', key: 'highways', value: '0' },
        { section: 'outcome', key: 'referred', value: '1' },
        { section: 'outcome', key: 'form_sent', value: '0' },
      ]),
    );
  });

  it('stays true after a retention sweep has erased the records behind it', async () => {
    for (const recordType of ['phone_contact', 'webchat', 'email_contact', 'referral']) {
      await request(app.url)
        .put(`/api/retention/schedule/${recordType}`)
        .set(auth(dpo))
        .send({ period: 'P1D', reason: 'Test of statistics after erasure' })
        .expect(200);
    }
    const sweep = await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: false }).expect(200);
    expect(sweep.body.erased).toMatchObject({ phone_contact: 1, webchat: 1, email_contact: 1 }); // the referral's snapshot goes with its enquiry
    const { body } = await summary('?from=2026-10-05&to=2026-10-07').expect(200);
    expect(body).toEqual(EXPECTED);
  });

  it('refuses a bad period with the reason and the wrong role', async () => {
    expect((await summary('?from=2026-02-30').expect(400)).body.message).toContain('from');
    expect((await summary('?from=2026-10-07&to=2026-10-05').expect(400)).body.message).toContain('from must not be after to');
    expect((await summary('?from=2024-01-01&to=2026-01-01').expect(400)).body.message).toContain('366');
    expect((await summary('?format=xml').expect(400)).body.message).toContain('format');
    await summary('', await login(app, `advisor@${slug}.test`)).expect(403);
    // Another organisation's supervisor sees only its own figures: none of the fixture's.
    const other = await summary('?from=2026-10-05&to=2026-10-07', await login(app, 'supervisor@cambridgeshire.demo')).expect(200);
    expect(other.body).toMatchObject({ enquiries: 0, byService: [], calls: { calls: 0 }, webchat: { chats: 0 }, signposted: { count: 0 } });
  });
});
