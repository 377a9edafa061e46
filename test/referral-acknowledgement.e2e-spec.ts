import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { addDays } from '../src/common/calendar-date.js';
import { zonedInstant } from '../src/service-levels/working-time.js';
import { localTime } from '../src/tenancy/opening-hours.js';
import { auth, escalate, newEnquiry } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

const ZONE = 'Europe/London';
const today = localTime(new Date(), ZONE).date;
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const at = (date: string, time: string) => new Date(zonedInstant(date, time, ZONE)).toISOString();

/**
 * The organisation's hours, set around today so that the case is the same whatever day the test runs: closed today
 * and the next two days (its weekend), open 09:00–17:00 on the two days after. (Bank holidays are counted by the same
 * working-time calculator, whose unit tests pin them; here they would make the dates depend on the calendar.)
 */
const OPENS_ON = addDays(today, 3);
const HOURS = {
  timezone: ZONE,
  bankHolidays: 'none' as const,
  weekly: Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].map((day) => [
      String(day),
      day === isoWeekday(OPENS_ON) || day === isoWeekday(addDays(today, 4)) ? ['09:00-17:00'] : [],
    ]),
  ),
};

interface Referral {
  id: string;
  service: string;
  status: string;
  acknowledgementDueAt?: string;
  acknowledgementState: string | null;
  acknowledgedOnTime?: boolean;
}

/**
 * Referral acknowledgement targets (issue 23, points 1, 2 and 7), in an organisation of the test's own with two
 * portal services: highways (its own target, 4 working hours) and waste (the council's default, 1 working day). Time
 * is made to pass by moving a referral's stored due and at-risk instants, as the owner.
 */
describe('referral acknowledgement targets', () => {
  let app: TestApp;
  let organisationId: string;
  const slug = `ack-${randomUUID().slice(0, 8)}`;
  let advisor: string;
  let supervisor: string;
  let admin: string;
  let dpo: string;
  let highwaysUser: string;
  let wasteUser: string;
  let otherSupervisor: string;

  const refer = async (service: string) => {
    const enquiry = await newEnquiry(app, advisor, { description: 'Reports a problem in the street' });
    return escalate(app, advisor, enquiry.id, service);
  };
  const read = async (id: string, token = supervisor) =>
    (await request(app.url).get(`/api/escalations/${id}`).set(auth(token)).expect(200)).body as Referral;
  const listed = async (sla: string, token = supervisor) =>
    (await request(app.url).get('/api/escalations').query({ sla }).set(auth(token)).expect(200)).body as Referral[];
  /** Moves a referral's acknowledgement clock: due and at risk so many hours from now (negative: in the past). */
  const clock = (id: string, dueInHours: number, atRiskInHours: number) =>
    asOwner(organisationId, (c) =>
      c.query(
        `update escalations set acknowledgement_due_at = now() + make_interval(secs => $2), acknowledgement_at_risk_at = now() + make_interval(secs => $3) where id = $1`,
        [id, dueInHours * 3600, atRiskInHours * 3600],
      ),
    );
  const stored = (id: string) =>
    asOwner(organisationId, async (c) => {
      const { rows } = await c.query<{ due: Date; at_risk: Date }>(
        `select acknowledgement_due_at as due, acknowledgement_at_risk_at as at_risk from escalations where id = $1`,
        [id],
      );
      return { due: rows[0].due.toISOString(), atRisk: rows[0].at_risk.toISOString() };
    });
  const acknowledge = (id: string, token: string) =>
    request(app.url).post(`/api/escalations/${id}/acknowledge`).set(auth(token)).expect(200);

  beforeAll(async () => {
    organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, async (c) => {
      await c.query(`update organisations set business_hours = $2 where id = $1`, [organisationId, JSON.stringify(HOURS)]);
      for (const [code, name] of [
        ['highways', 'Highways'],
        ['waste', 'Waste and Recycling'],
      ]) {
        await c.query(
          `insert into services (organisation_id, code, name, permitted_fields) values ($1, $2, $3, '{name,reasonForReferral,actionsAlreadyTaken}')`,
          [organisationId, code, name],
        );
        await c.query(
          `insert into staff_users (organisation_id, email, display_name, role, service_id, password_hash)
           select $1, $2, $3, 'service', s.id, u.password_hash from services s, staff_users u where s.code = $4 and u.email = $5`,
          [organisationId, `${code}@${slug}.test`, `${name} officer`, code, `advisor@${slug}.test`],
        );
      }
    });
    app = await startTestApp();
    [advisor, supervisor, admin, dpo, highwaysUser, wasteUser] = await Promise.all(
      ['advisor', 'supervisor', 'admin', 'dpo', 'highways', 'waste'].map((role) => login(app, `${role}@${slug}.test`)),
    );
    otherSupervisor = await login(app, 'supervisor@lancashire.demo');
    await request(app.url)
      .put('/api/service-levels')
      .set(auth(supervisor))
      .send({ services: [{ service: 'highways', acknowledgement: { amount: 4, unit: 'working_hours' } }] })
      .expect(200);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('gives a referral its acknowledge-by time from the service’s target, counted in opening hours past the closed days', async () => {
    // Made today, while closed, with the next two days closed too: the clock starts when the council opens on the third
    // day at 09:00. Waste (1 working day, the default): the close of that first working day, 17:00, at risk at 15:24
    // (80 % of 8 working hours). Highways (4 working hours): 13:00 that day, at risk at 12:12.
    const waste = await refer('waste');
    expect(waste.acknowledgementDueAt).toBe(at(OPENS_ON, '17:00'));
    expect(await stored(waste.id)).toEqual({ due: at(OPENS_ON, '17:00'), atRisk: at(OPENS_ON, '15:24') });
    const highways = await refer('highways');
    expect(await stored(highways.id)).toEqual({ due: at(OPENS_ON, '13:00'), atRisk: at(OPENS_ON, '12:12') });

    const shown = await read(highways.id);
    expect(shown).toMatchObject({ acknowledgementDueAt: at(OPENS_ON, '13:00'), acknowledgementState: 'on_track', status: 'sent' });
    expect(shown.acknowledgedOnTime).toBeUndefined();
    // The portal's API shows the service the same.
    expect(await read(highways.id, highwaysUser)).toMatchObject({
      acknowledgementDueAt: at(OPENS_ON, '13:00'),
      acknowledgementState: 'on_track',
    });
    const portalList = (await request(app.url).get('/api/escalations').set(auth(wasteUser)).expect(200)).body as Referral[];
    expect(portalList.map((item) => item.id)).toEqual([waste.id]);
    expect(portalList[0]).toMatchObject({ acknowledgementDueAt: at(OPENS_ON, '17:00'), acknowledgementState: 'on_track' });
  });

  it('shows each service user their own service’s target, and no one else', async () => {
    const highways = await request(app.url).get('/api/service-levels/acknowledgement-target').set(auth(highwaysUser)).expect(200);
    expect(highways.body).toEqual({ service: 'highways', name: 'Highways', target: { amount: 4, unit: 'working_hours' } });
    const waste = await request(app.url).get('/api/service-levels/acknowledgement-target').set(auth(wasteUser)).expect(200);
    expect(waste.body).toEqual({ service: 'waste', name: 'Waste and Recycling', target: { amount: 1, unit: 'working_days' } });
    for (const token of [advisor, supervisor, admin, dpo]) {
      await request(app.url).get('/api/service-levels/acknowledgement-target').set(auth(token)).expect(403);
    }
    await request(app.url).get('/api/service-levels/acknowledgement-target').expect(401);
  });

  it('moves on track → at risk → breached, lists at-risk and breached soonest due first, and stops the clock on acknowledgement (on time or late)', async () => {
    const [atRisk, breachedLately, breachedLongAgo, onTrack] = await Promise.all([1, 2, 3, 4].map(async () => (await refer('waste')).id));
    const onTime = (await refer('highways')).id;
    await clock(atRisk, 1, -0.1);
    await clock(breachedLately, -1, -2);
    await clock(breachedLongAgo, -3, -4);

    expect((await read(onTrack)).acknowledgementState).toBe('on_track');
    expect((await read(atRisk)).acknowledgementState).toBe('at_risk');
    expect((await read(breachedLately)).acknowledgementState).toBe('breached');
    const breached = await listed('breached');
    expect(breached.map((item) => item.id)).toEqual([breachedLongAgo, breachedLately]);
    // The SQL that filters and the rule that states agree.
    expect(breached.every((item) => item.acknowledgementState === 'breached')).toBe(true);
    const risky = await listed('at_risk');
    expect(risky.map((item) => item.id)).toEqual([atRisk]);
    expect(risky[0].acknowledgementState).toBe('at_risk');
    // A service user's filter shows only their own service's.
    expect((await listed('breached', highwaysUser)).map((item) => item.id)).toEqual([]);
    expect((await listed('breached', wasteUser)).map((item) => item.id)).toEqual([breachedLongAgo, breachedLately]);

    const late = (await acknowledge(breachedLately, wasteUser)).body as Referral;
    expect(late).toMatchObject({ status: 'acknowledged', acknowledgementState: null, acknowledgedOnTime: false });
    const timely = (await acknowledge(onTime, highwaysUser)).body as Referral;
    expect(timely).toMatchObject({ status: 'acknowledged', acknowledgementState: null, acknowledgedOnTime: true });
    // Kept: read again later, the acknowledgement still says whether it was on time, and the due time stays.
    expect(await read(breachedLately)).toMatchObject({ acknowledgementState: null, acknowledgedOnTime: false });
    expect((await read(breachedLately)).acknowledgementDueAt).toBeDefined();
    expect((await listed('breached')).map((item) => item.id)).toEqual([breachedLongAgo]);

    for (const sla of ['on_track', 'soon']) {
      const refused = await request(app.url).get('/api/escalations').query({ sla }).set(auth(supervisor)).expect(400);
      expect(JSON.stringify(refused.body)).toContain('sla');
    }
  });

  it('shows the supervisor each service with referrals past or at risk of their target, with the oldest due time', async () => {
    const { body } = await request(app.url).get('/api/service-levels/referrals').set(auth(supervisor)).expect(200);
    expect(body.services).toHaveLength(1);
    const [waste] = body.services;
    expect(waste).toMatchObject({
      service: 'waste',
      name: 'Waste and Recycling',
      breached: 1,
      atRisk: 1,
      target: { amount: 1, unit: 'working_days' },
    });
    // The longest overdue: due about 3 hours ago.
    expect(Math.abs(Date.parse(waste.oldestDueAt) - (Date.now() - 3 * 3_600_000))).toBeLessThan(120_000);
    await request(app.url).get('/api/service-levels/referrals').set(auth(admin)).expect(200);
    for (const token of [advisor, dpo, wasteUser]) {
      const refused = await request(app.url).get('/api/service-levels/referrals').set(auth(token)).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    await request(app.url).get('/api/service-levels/referrals').expect(401);

    // The Prometheus gauge counts the same, by organisation and service code.
    const metrics = (await request(app.url).get('/metrics').expect(200)).text;
    expect(metrics).toContain(`signpost_referrals_unacknowledged_breached{organisation="${slug}",service="waste"} 1`);
    expect(metrics).toContain(`signpost_referrals_unacknowledged_breached{organisation="${slug}",service="highways"} 0`);
  });

  it('reports by service: referrals made, acknowledged on time, late, and still unacknowledged past target', async () => {
    const { body } = await request(app.url)
      .get('/api/reports/summary')
      .query({ from: addDays(today, -1), to: addDays(today, 1) })
      .set(auth(supervisor))
      .expect(200);
    const byService = Object.fromEntries((body.byService as { service: string }[]).map((entry) => [entry.service, entry])) as Record<
      string,
      Record<string, unknown>
    >;
    expect(byService.waste).toMatchObject({
      escalations: 5,
      acknowledged: 1,
      acknowledgedOnTime: 0,
      acknowledgedLate: 1,
      unacknowledgedPastTarget: 1,
    });
    expect(byService.highways).toMatchObject({
      escalations: 2,
      acknowledged: 1,
      acknowledgedOnTime: 1,
      acknowledgedLate: 0,
      unacknowledgedPastTarget: 0,
    });
    const csv = await request(app.url)
      .get('/api/reports/summary')
      .query({ from: addDays(today, -1), to: addDays(today, 1), format: 'csv' })
      .set(auth(supervisor))
      .expect(200);
    expect(csv.text).toContain('"unacknowledged_past_target","waste","1"');
    expect(csv.text).toContain('"acknowledged_late","waste","1"');
  });

  it('closing a referral acknowledges it, stopping the clock: the service leaves the supervisor’s list once none is past or at risk', async () => {
    const breached = await listed('breached');
    const risky = await listed('at_risk');
    for (const item of [...breached, ...risky]) {
      const closed = await request(app.url)
        .post(`/api/escalations/${item.id}/close`)
        .set(auth(wasteUser))
        .send({ outcome: 'Collected' })
        .expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', acknowledgementState: null });
    }
    expect(breached[0]).toBeDefined();
    expect((await read(breached[0].id)).acknowledgedOnTime).toBe(false);
    const { body } = await request(app.url).get('/api/service-levels/referrals').set(auth(supervisor)).expect(200);
    expect(body.services).toEqual([]);
  });

  it('keeps organisations apart: another council’s supervisor sees none of these referrals nor their services', async () => {
    const referral = await refer('waste');
    await clock(referral.id, -1, -2);
    const { body } = await request(app.url).get('/api/service-levels/referrals').set(auth(otherSupervisor)).expect(200);
    expect(JSON.stringify(body)).not.toContain('Waste and Recycling');
    expect((await listed('breached', otherSupervisor)).map((item) => item.id)).not.toContain(referral.id);
    await request(app.url).get(`/api/escalations/${referral.id}`).set(auth(otherSupervisor)).expect(404);
    // …while this council's supervisor sees it.
    expect((await listed('breached')).map((item) => item.id)).toEqual([referral.id]);
  });
});
