import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { addWorkingDays } from '../src/service-levels/working-time.js';
import { auth, newEnquiry } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3_600_000;
/** The provisioned organisation's hours: open around the clock, bank holidays worked, so the test runs the same at any hour. */
const ALWAYS_OPEN = {
  timezone: 'Europe/London',
  bankHolidays: 'none' as const,
  weekly: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, ['00:00-24:00']])),
};

/**
 * Service levels (issue 23, point 1) in an organisation of the test's own: its targets read by advisors and set by
 * supervisors and administrators, the due times a new enquiry gets from them, and the at-risk and breached lists.
 * Time is made to pass by moving an enquiry's stored due and at-risk instants into the past, as the owner.
 */
describe('service levels', () => {
  let app: TestApp;
  let organisationId: string;
  const slug = `sla-${randomUUID().slice(0, 8)}`;
  let advisor: string;
  let supervisor: string;
  let admin: string;
  let dpo: string;

  const put = (token: string, body: object) => request(app.url).put('/api/service-levels').set(auth(token)).send(body);
  const emailEnquiry = (topic?: string) =>
    newEnquiry(app, advisor, {
      channel: 'email',
      subject: { name: `Writer ${randomUUID().slice(0, 8)}`, email: 'writer@example.test' },
      ...(topic ? { topic } : {}),
    });
  const detail = async (id: string) => (await request(app.url).get(`/api/enquiries/${id}`).set(auth(advisor)).expect(200)).body;
  const listed = async (sla: string) =>
    (await request(app.url).get('/api/enquiries').query({ sla }).set(auth(supervisor)).expect(200)).body as {
      items: { id: string; slaState: string; firstResponseDueAt: string }[];
      total: number;
    };
  /** Moves an enquiry's first-response clock: due and at risk so many hours from now (negative: in the past). */
  const firstResponseClock = (id: string, dueInHours: number, atRiskInHours: number) =>
    asOwner(organisationId, (c) =>
      c.query(
        `update enquiries set first_response_due_at = now() + make_interval(secs => $2), first_response_at_risk_at = now() + make_interval(secs => $3) where id = $1`,
        [id, dueInHours * 3600, atRiskInHours * 3600],
      ),
    );

  beforeAll(async () => {
    organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, (c) =>
      c.query(
        `insert into services (organisation_id, code, name, permitted_fields) values ($1, 'highways', 'Highways Service', '{name}')`,
        [organisationId],
      ),
    );
    app = await startTestApp();
    [advisor, supervisor, admin, dpo] = await Promise.all(
      ['advisor', 'supervisor', 'admin', 'dpo'].map((role) => login(app, `${role}@${slug}.test`)),
    );
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('shows a council’s defaults before any are set: written contact answered within 2 working days, calls and chats at contact, resolution within 10', async () => {
    const { body } = await request(app.url).get('/api/service-levels').set(auth(advisor)).expect(200);
    expect(body.updatedAt).toBeNull();
    expect(body.channels.email).toEqual({
      firstResponse: { amount: 2, unit: 'working_days' },
      resolution: { amount: 10, unit: 'working_days' },
    });
    expect(body.channels.phone.firstResponse).toEqual({ amount: 0, unit: 'working_hours' });
    expect(body.channels.webchat.firstResponse).toEqual({ amount: 0, unit: 'working_hours' });
    expect(Object.keys(body.channels).sort()).toEqual(['email', 'form', 'internal', 'phone', 'social', 'webchat']);
    expect(body.services).toEqual([]);
    expect(body.referralAcknowledgement).toEqual({ amount: 1, unit: 'working_days' });
  });

  it('is read by advisors, supervisors and administrators and set only by supervisors and administrators (advisor 403, DPO 403)', async () => {
    await request(app.url).get('/api/service-levels').set(auth(supervisor)).expect(200);
    await request(app.url).get('/api/service-levels').set(auth(admin)).expect(200);
    await request(app.url).get('/api/service-levels').set(auth(dpo)).expect(403);
    await request(app.url).get('/api/service-levels').expect(401);
    const body = { channels: { email: { firstResponse: { amount: 3, unit: 'working_days' } } } };
    const refused = await put(advisor, body).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await put(dpo, body).expect(403);
    await put(admin, body).expect(200);
  });

  it.each([
    ['an unknown unit', { channels: { email: { firstResponse: { amount: 2, unit: 'fortnights' } } } }, 'unit'],
    ['a negative amount', { channels: { email: { resolution: { amount: -1, unit: 'working_days' } } } }, 'amount'],
    ['a fractional amount', { referralAcknowledgement: { amount: 1.5, unit: 'working_hours' } }, 'amount'],
    ['an unknown channel', { channels: { carrier_pigeon: { firstResponse: { amount: 1, unit: 'working_days' } } } }, 'carrier_pigeon'],
    ['an unknown field', { targets: {} }, 'targets'],
    ['a list for a target', { referralAcknowledgement: [] }, 'referralAcknowledgement'],
    ['a list for a channel', { channels: { form: [{}] } }, 'form'],
    ['a list of services that are not objects', { services: ['highways'] }, 'services'],
    [
      'more than 250 working days',
      { channels: { form: { resolution: { amount: 251, unit: 'working_days' } } } },
      'channels.form.resolution',
    ],
    [
      'an unknown service code',
      { services: [{ service: 'no-such-service', resolution: { amount: 5, unit: 'working_days' } }] },
      'services.0.service',
    ],
    [
      'a service listed twice',
      {
        services: [
          { service: 'highways', resolution: { amount: 5, unit: 'working_days' } },
          { service: 'highways', acknowledgement: { amount: 1, unit: 'working_days' } },
        ],
      },
      'services.1.service',
    ],
    ['a malformed service code', { services: [{ service: 'Not A Code' }] }, 'service'],
  ])('refuses %s with 400, naming the field', async (_, body, field) => {
    const response = await put(supervisor, body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('saves targets and reads them back, the defaults filling what was left out, audited by field name', async () => {
    const body = {
      channels: {
        email: { firstResponse: { amount: 4, unit: 'working_hours' }, resolution: { amount: 3, unit: 'working_days' } },
        social: { firstResponse: { amount: 1, unit: 'working_days' } },
      },
      services: [
        { service: 'highways', resolution: { amount: 5, unit: 'working_hours' }, acknowledgement: { amount: 8, unit: 'working_hours' } },
      ],
      referralAcknowledgement: { amount: 2, unit: 'working_days' },
    };
    const saved = await put(supervisor, body).expect(200);
    const { body: read } = await request(app.url).get('/api/service-levels').set(auth(advisor)).expect(200);
    expect(read).toEqual(saved.body);
    expect(read.channels.email).toEqual(body.channels.email);
    expect(read.channels.social).toEqual({
      firstResponse: { amount: 1, unit: 'working_days' },
      resolution: { amount: 10, unit: 'working_days' },
    });
    expect(read.channels.form.firstResponse).toEqual({ amount: 2, unit: 'working_days' });
    expect(read.services).toEqual(body.services);
    expect(read.referralAcknowledgement).toEqual({ amount: 2, unit: 'working_days' });
    expect(Date.parse(read.updatedAt)).toBeGreaterThan(Date.now() - 60_000);

    const trail = await request(app.url).get(`/api/audit?entity=service_levels&id=${organisationId}`).set(auth(admin)).expect(200);
    const latest = trail.body.items[0];
    expect(latest.action).toBe('service_levels.save');
    expect(latest.fields).toEqual(
      expect.arrayContaining(['channels.email.firstResponse', 'services.highways.resolution', 'referralAcknowledgement']),
    );
  });

  it('gives a new e-mail enquiry its due times from the targets: 4 working hours to answer, 3 working days (closing at midnight here) to resolve', async () => {
    const created = await emailEnquiry();
    const enquiry = await detail(created.id);
    const received = new Date(enquiry.createdAt);
    // Open around the clock: 4 working hours are 4 hours (the due time is worked out just before the row's insert).
    expect(Math.abs(Date.parse(enquiry.firstResponseDueAt) - (received.getTime() + 4 * HOUR))).toBeLessThan(10_000);
    // 3 working days: the close of business (24:00 UK time) on the 3rd day after the day of receipt.
    expect(enquiry.resolutionDueAt).toBe(addWorkingDays(ALWAYS_OPEN, received, 3).toISOString());
    expect(enquiry.slaState).toBe('on_track');
    expect(enquiry.firstRespondedAt).toBeUndefined();

    const { body: page } = await request(app.url).get('/api/enquiries').set(auth(advisor)).expect(200);
    const summary = page.items.find((item: { id: string }) => item.id === created.id);
    expect(summary).toMatchObject({
      firstResponseDueAt: enquiry.firstResponseDueAt,
      resolutionDueAt: enquiry.resolutionDueAt,
      slaState: 'on_track',
    });
  });

  it('holds an enquiry about a service to the service’s own resolution target, and answers a call at contact', async () => {
    const highways = await detail((await emailEnquiry('highways')).id);
    expect(Math.abs(Date.parse(highways.resolutionDueAt) - (Date.parse(highways.createdAt) + 5 * HOUR))).toBeLessThan(10_000);
    expect(Math.abs(Date.parse(highways.firstResponseDueAt) - (Date.parse(highways.createdAt) + 4 * HOUR))).toBeLessThan(10_000);

    const call = await detail((await newEnquiry(app, advisor, { channel: 'phone' })).id);
    expect(call.firstRespondedAt).toBe(call.firstResponseDueAt);
    expect(call.slaState).toBe('on_track'); // the resolution's 10 working days run
  });

  it('lists at-risk and breached enquiries soonest due first, leaves out resolved ones, and refuses other filters', async () => {
    const [atRisk, breachedLately, breachedLongAgo, onTrack, resolved] = await Promise.all(
      [1, 2, 3, 4, 5].map(async () => (await emailEnquiry()).id),
    );
    await firstResponseClock(atRisk, 1, -0.1); // 80 % passed, due in an hour
    await firstResponseClock(breachedLately, -1, -2);
    await firstResponseClock(breachedLongAgo, -3, -4);
    await firstResponseClock(resolved, -5, -6);
    await request(app.url).post(`/api/enquiries/${resolved}/resolve`).set(auth(advisor)).send({ advice: 'Answered' }).expect(200);

    const breached = await listed('breached');
    expect(breached.items.map((item) => item.id)).toEqual([breachedLongAgo, breachedLately]);
    expect(breached.total).toBe(2);
    expect(breached.items.every((item) => item.slaState === 'breached')).toBe(true);

    const risky = await listed('at_risk');
    expect(risky.items.map((item) => item.id)).toEqual([atRisk]);
    expect((await detail(atRisk)).slaState).toBe('at_risk');
    expect((await detail(onTrack)).slaState).toBe('on_track');
    const done = await detail(resolved);
    expect(done.slaState).toBeNull();
    // The advice given answered the citizen: the first response, at the resolution.
    expect(Math.abs(Date.parse(done.firstRespondedAt) - Date.parse(done.resolvedAt))).toBeLessThan(1000);

    // The Prometheus gauges count the same, by organisation and channel (nothing else in their labels).
    const metrics = (await request(app.url).get('/metrics').expect(200)).text;
    expect(metrics).toContain(`signpost_sla_at_risk{organisation="${slug}",channel="email"} 1`);
    expect(metrics).toContain(`signpost_sla_breached{organisation="${slug}",channel="email"} 2`);
    expect(metrics).toContain(`signpost_sla_breached{organisation="${slug}",channel="phone"} 0`);

    await request(app.url).get('/api/enquiries').query({ sla: 'on_track' }).set(auth(advisor)).expect(400);
    await request(app.url).get('/api/enquiries').query({ sla: 'soon' }).set(auth(advisor)).expect(400);
  });

  it('once the first response is met, the resolution target decides the state', async () => {
    const id = (await emailEnquiry()).id;
    await asOwner(organisationId, (c) =>
      c.query(
        `update enquiries set first_responded_at = now(), first_response_due_at = now() - interval '1 hour', first_response_at_risk_at = now() - interval '2 hours',
                resolution_at_risk_at = now() - interval '1 minute' where id = $1`,
        [id],
      ),
    );
    expect((await detail(id)).slaState).toBe('at_risk');
    expect((await listed('at_risk')).items.map((item) => item.id)).toContain(id);
    expect((await listed('breached')).items.map((item) => item.id)).not.toContain(id);
  });

  it('stops the clock while the advisor waits for the citizen: paused, out of the breached list, and the working time waited added to the due times when the wait ends', async () => {
    const id = (await emailEnquiry()).id;
    const wait = await request(app.url).post(`/api/enquiries/${id}/wait-for-citizen`).set(auth(advisor)).expect(200);
    expect(wait.body).toMatchObject({ id, status: 'new', waitingSince: expect.any(String) });
    const again = await request(app.url).post(`/api/enquiries/${id}/wait-for-citizen`).set(auth(advisor)).expect(409);
    expect(again.body).toMatchObject({ code: 'WAIT_NOT_ALLOWED', message: 'The enquiry is already waiting for the citizen' });

    // Past its first-response due time while waiting: paused, not breached, and not in the breached list or gauge.
    await firstResponseClock(id, -1, -2);
    const paused = await detail(id);
    expect(paused).toMatchObject({ slaState: 'paused', waitingSince: wait.body.waitingSince });
    expect(paused.slaDueAt).toBeUndefined();
    expect((await listed('breached')).items.map((item) => item.id)).not.toContain(id);

    // Three hours of waiting (open around the clock here, so three working hours), then the advisor stops waiting:
    // the unmet first response moves on by them, and the resolution too.
    await asOwner(organisationId, (c) =>
      c.query(
        `update enquiries set waiting_since = now() - interval '3 hours', first_response_due_at = now() + interval '1 hour', first_response_at_risk_at = now() where id = $1`,
        [id],
      ),
    );
    const before = await detail(id);
    const stopped = await request(app.url).post(`/api/enquiries/${id}/stop-waiting`).set(auth(advisor)).expect(200);
    expect(stopped.body.waitedWorkingMinutes).toBe(180);
    const after = await detail(id);
    expect(after.waitingSince).toBeUndefined();
    expect(after.slaState).toBe('on_track');
    const moved = (field: 'firstResponseDueAt' | 'resolutionDueAt') => Date.parse(after[field]) - Date.parse(before[field]);
    for (const field of ['firstResponseDueAt', 'resolutionDueAt'] as const) {
      expect(moved(field)).toBeGreaterThanOrEqual(3 * HOUR);
      expect(moved(field)).toBeLessThan(3 * HOUR + 60_000);
    }
    // The wait is on the timeline and in the audit trail, with the working time it stopped.
    const events = after.timeline.map((entry: { metadata: { event?: string } }) => entry.metadata.event);
    expect(events).toEqual(expect.arrayContaining(['waiting_for_citizen', 'waiting_for_citizen_ended']));
    const ended = after.timeline.find((entry: { metadata: { event?: string } }) => entry.metadata.event === 'waiting_for_citizen_ended');
    expect(ended.metadata).toMatchObject({ endedBy: 'advisor', waitedWorkingMinutes: 180 });
    const audited = await asOwner(
      organisationId,
      async (c) =>
        (await c.query(`select action from audit_entries where entity_id = $1 and action like 'enquiry.%wait%' order by seq`, [id])).rows,
    );
    expect(audited.map((row) => row.action)).toEqual(['enquiry.wait_for_citizen', 'enquiry.stop_waiting']);

    const notWaiting = await request(app.url).post(`/api/enquiries/${id}/stop-waiting`).set(auth(advisor)).expect(409);
    expect(notWaiting.body.code).toBe('NOT_WAITING');
    // Only work still with the contact centre waits; a DPO may not; another organisation's enquiry is not found.
    await request(app.url).post(`/api/enquiries/${id}/resolve`).set(auth(advisor)).send({ advice: 'Answered' }).expect(200);
    const resolved = await request(app.url).post(`/api/enquiries/${id}/wait-for-citizen`).set(auth(advisor)).expect(409);
    expect(resolved.body.message).toBe('Only a new or in-progress enquiry can wait for the citizen; this one is resolved');
    const other = (await emailEnquiry()).id;
    await request(app.url).post(`/api/enquiries/${other}/wait-for-citizen`).set(auth(dpo)).expect(403);
    const stranger = await login(app, 'advisor@milton-keynes.demo');
    await request(app.url).post(`/api/enquiries/${other}/wait-for-citizen`).set(auth(stranger)).expect(404);
  });
});
