import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { DEMO_PASSWORD } from './support/constants.js';
import { auth, newEnquiry } from './support/factories.js';
import { addChannelSecret, asOwner, provisionOrganisation } from './support/provision.js';
import { signedHeaders } from './support/signing.js';
import { collect, connected, emit, next, socketClients } from './support/socket-clients.js';
import { login, startTestApp, testDatabase, withClient, type TestApp } from './support/test-app.js';

interface Assigned {
  enquiryId: string;
  reference: string;
}
interface Enquiry {
  id: string;
  status: string;
  assigneeId?: string;
  assignedAutomaticallyAt?: string;
  timeline: { authorType: string; metadata: { event?: string; advisorId?: string; assigneeId?: string } }[];
}

/**
 * Issue 23, point 3: work queues for e-mail, forms and social. An organisation that chooses automatic assignment has
 * each new enquiry given, soonest due first, to the least-busy available advisor with its skill within their limit;
 * what an advisor leaves untouched returns to the queue; each advisor's "My work" lists what is theirs. The app runs
 * job workers on queues of its own, with the periodic run off, so that every run follows an intake; time passes by
 * back-dating an assignment, as the owner.
 */
describe('work queues for e-mail, forms and social', () => {
  let app: TestApp;
  const clients = socketClients(() => app.url);
  const prefix = `work-${randomUUID().slice(0, 8)}-`;
  const slug = `work-${randomUUID().slice(0, 8)}`;
  const pickSlug = `work-pick-${randomUUID().slice(0, 8)}`;
  let organisationId: string;
  let pickOrganisationId: string;
  let admin: string;
  let advisor: string;
  let advisorId: string;
  let highways: string;
  let highwaysId: string;
  let away: string;
  let awayId: string;
  let supervisor: string;
  let dpo: string;
  let highwaysConsole: Socket;
  let advisorConsole: Socket;
  let awayConsole: Socket;
  let toHighways: Assigned[];
  let toAdvisor: Assigned[];
  let toAway: Assigned[];
  /** The enquiries of the scenario, by name. */
  const ids: Record<string, string> = {};

  const until = async (condition: () => boolean | Promise<boolean>, what: string) => {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${what} did not happen`);
  };
  const detail = async (id: string, token = supervisor) =>
    (await request(app.url).get(`/api/enquiries/${id}`).set(auth(token)).expect(200)).body as Enquiry;
  const submitForm = async (formId: string, organisation = slug) => {
    const body = JSON.stringify({
      formId,
      submissionId: randomUUID(),
      submittedAt: new Date().toISOString(),
      answers: { fullName: `Form Writer ${randomUUID().slice(0, 6)}`, email: 'writer@example.org', message: 'Please help with this' },
    });
    const created = await request(app.url)
      .post(`/api/channels/forms/${organisation}/submissions`)
      .set(signedHeaders(body))
      .send(body)
      .expect(201);
    return created.body.enquiryId as string;
  };
  const emailEnquiry = async (topic?: string) =>
    (
      await newEnquiry(app, supervisor, {
        channel: 'email',
        subject: { name: `Writer ${randomUUID().slice(0, 8)}`, email: 'writer@example.test' },
        ...(topic ? { topic } : {}),
      })
    ).id;
  const myWork = async (token: string) =>
    (await request(app.url).get('/api/my-work').set(auth(token)).expect(200)).body as {
      items: { id: string; status: string; slaState: string | null; slaDueAt?: string; assignedAutomaticallyAt?: string }[];
      total: number;
    };
  const newAdvisor = async (name: string, change: object) => {
    const email = `${name}@${slug}.test`;
    const created = await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({ email, displayName: name, role: 'advisor', password: DEMO_PASSWORD })
      .expect(201);
    await request(app.url).patch(`/api/users/${created.body.id}`).set(auth(admin)).send(change).expect(200);
    return { id: created.body.id as string, token: await login(app, email) };
  };
  /** A console, once its presence is recorded (the server sends the queue just after). */
  const openConsole = async (token: string) => {
    const socket = clients.open('/console', { auth: { token } });
    const ready = next(socket, 'queue:updated');
    await connected(socket);
    await ready;
    return socket;
  };
  const routeJobsFor = (organisation: string) =>
    withClient(testDatabase().ownerUrl, async (c) => {
      const { rows } = await c.query<{ n: number }>(
        `select count(*)::int as n from pgboss.job where name = $1 and data->>'organisationId' = $2`,
        [`${prefix}work-route`, organisation],
      );
      return rows[0].n;
    });

  beforeAll(async () => {
    organisationId = await provisionOrganisation(slug);
    pickOrganisationId = await provisionOrganisation(pickSlug);
    for (const id of [organisationId, pickOrganisationId]) {
      await addChannelSecret(id, 'forms');
      await asOwner(id, async (c) => {
        await c.query(
          `insert into form_mappings (organisation_id, form_id, title, mapping, topic) values ($1, 'pothole', 'Report a pothole', $2, 'highways')`,
          [id, JSON.stringify({ name: 'fullName', description: 'message', email: 'email' })],
        );
        await c.query(`insert into form_mappings (organisation_id, form_id, title, mapping) values ($1, 'contact-us', 'Contact us', $2)`, [
          id,
          JSON.stringify({ name: 'fullName', description: 'message', email: 'email' }),
        ]);
      });
    }
    app = await startTestApp({ JOB_WORKERS: 'true', JOB_QUEUE_PREFIX: prefix, JOB_POLL_SECONDS: '0.5', WORK_ROUTING_CRON: 'off' });
    [admin, advisor, supervisor, dpo] = await Promise.all(
      ['admin', 'advisor', 'supervisor', 'dpo'].map((role) => login(app, `${role}@${slug}.test`)),
    );
    const users = (await request(app.url).get('/api/users').set(auth(admin)).expect(200)).body as { id: string; email: string }[];
    advisorId = users.find((user) => user.email === `advisor@${slug}.test`)!.id;
    await request(app.url)
      .patch(`/api/users/${advisorId}`)
      .set(auth(admin))
      .send({ skills: ['blue-badge'] })
      .expect(200);
    ({ id: highwaysId, token: highways } = await newAdvisor('highways', { skills: ['highways'], maxAssignedWork: 2 }));
    ({ id: awayId, token: away } = await newAdvisor('away', { skills: ['highways', 'blue-badge'] }));
    highwaysConsole = await openConsole(highways);
    advisorConsole = await openConsole(advisor);
    awayConsole = await openConsole(away);
    expect(await emit(awayConsole, 'presence:set', { status: 'away' })).toMatchObject({ status: 'away' });
    toHighways = collect<Assigned>(highwaysConsole, 'work:assigned');
    toAdvisor = collect<Assigned>(advisorConsole, 'work:assigned');
    toAway = collect<Assigned>(awayConsole, 'work:assigned');
  });

  afterAll(async () => {
    process.stderr.write(
      app
        .output()
        .split('\n')
        .filter((l) => /job|work|error/i.test(l))
        .join('\n'),
    );
    clients.closeAll();
    await app?.stop();
  });

  it('is chosen by the administrator: pick by default, automatic with a reclaim time of 5 to 1440 minutes; advisors and other roles may not', async () => {
    const before = (await request(app.url).get('/api/organisation').set(auth(admin)).expect(200)).body;
    expect(before).toMatchObject({ workRouting: 'pick', workReclaimMinutes: 60 });
    await request(app.url).patch('/api/organisation').set(auth(advisor)).send({ workRouting: 'auto' }).expect(403);
    await request(app.url).patch('/api/organisation').set(auth(supervisor)).send({ workRouting: 'auto' }).expect(403);
    for (const [body, field] of [
      [{ workRouting: 'random' }, 'workRouting'],
      [{ workReclaimMinutes: 4 }, 'workReclaimMinutes'],
      [{ workReclaimMinutes: 1441 }, 'workReclaimMinutes'],
      [{ workReclaimMinutes: 30.5 }, 'workReclaimMinutes'],
    ] as const) {
      const refused = await request(app.url).patch('/api/organisation').set(auth(admin)).send(body).expect(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    const refusedLimit = await request(app.url)
      .patch(`/api/users/${highwaysId}`)
      .set(auth(admin))
      .send({ maxAssignedWork: 101 })
      .expect(400);
    expect(JSON.stringify(refusedLimit.body)).toContain('maxAssignedWork');
    await request(app.url).patch(`/api/users/${highwaysId}`).set(auth(supervisor)).send({ maxAssignedWork: 5 }).expect(403);
    const { body } = await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ workRouting: 'auto', workReclaimMinutes: 30 })
      .expect(200);
    expect(body).toMatchObject({ workRouting: 'auto', workReclaimMinutes: 30 });
    const accounts = (await request(app.url).get('/api/users').set(auth(admin)).expect(200)).body as {
      id: string;
      maxAssignedWork: number;
    }[];
    expect(accounts.find((account) => account.id === highwaysId)?.maxAssignedWork).toBe(2);
    expect(accounts.find((account) => account.id === advisorId)?.maxAssignedWork).toBe(10);
  });

  it('gives each new enquiry to the available advisor with its skill, within their limit: the rest stay in the queue', async () => {
    ids.pothole1 = await submitForm('pothole');
    ids.pothole2 = await submitForm('pothole');
    ids.pothole3 = await submitForm('pothole');
    ids.badge = await emailEnquiry('blue-badge');
    // A phone call is not queued work: it is never assigned automatically.
    ids.phone = (await newEnquiry(app, supervisor, { topic: 'highways' })).id;
    await until(() => toHighways.length >= 2 && toAdvisor.length >= 1, 'the assignments');

    // The highways advisor takes two (their limit), soonest due first; the away advisor, with the skill, gets none.
    expect(toHighways.map((work) => work.enquiryId)).toEqual([ids.pothole1, ids.pothole2]);
    expect(toAdvisor.map((work) => work.enquiryId)).toEqual([ids.badge]);
    expect(toAway).toEqual([]);
    const first = await detail(ids.pothole1);
    expect(first).toMatchObject({ status: 'new', assigneeId: highwaysId, assignedAutomaticallyAt: expect.any(String) });
    expect(first.timeline.find((event) => event.metadata.event === 'assigned_automatically')).toMatchObject({
      authorType: 'system',
      metadata: { assigneeId: highwaysId },
    });
    expect(toHighways[0].reference).toMatch(/\S/);
    const third = await detail(ids.pothole3);
    expect(third.assigneeId).toBeUndefined();
    expect(third.status).toBe('new');
    expect((await detail(ids.phone)).assigneeId).toBeUndefined();
  });

  it('gives an enquiry with no topic to the least busy advisor with room, and none to a supervisor who is not on the console', async () => {
    ids.contact = await submitForm('contact-us');
    // Highways is full (2 of 2); the blue-badge advisor holds 1 of 10; the away advisor is away; the supervisor is not present.
    await until(() => toAdvisor.length >= 2, 'the assignment');
    expect(toAdvisor[1].enquiryId).toBe(ids.contact);
    expect(toHighways).toHaveLength(2);
  });

  it('takes back to the queue what its advisor left untouched past the reclaim time, keeps what they touched, and skips that advisor for it', async () => {
    // The highways advisor writes a note on the first; the second stays untouched. Both were assigned 31 minutes ago.
    await request(app.url).post(`/api/enquiries/${ids.pothole1}/notes`).set(auth(highways)).send({ text: 'Looking into it' }).expect(201);
    await asOwner(organisationId, (c) =>
      c.query(`update enquiries set assigned_automatically_at = assigned_automatically_at - interval '31 minutes' where id = any($1)`, [
        [ids.pothole1, ids.pothole2],
      ]),
    );
    // The next run (after the next intake) returns the untouched one; the highways advisor then has room for the third.
    ids.contact2 = await submitForm('contact-us');
    await until(() => toHighways.length >= 3, 'the next assignment');
    expect(toHighways[2].enquiryId).toBe(ids.pothole3);
    const kept = await detail(ids.pothole1);
    expect(kept.assigneeId).toBe(highwaysId);
    const returned = await detail(ids.pothole2);
    expect(returned.assigneeId).toBeUndefined();
    expect(returned.assignedAutomaticallyAt).toBeUndefined();
    expect(returned.status).toBe('new');
    expect(returned.timeline.find((event) => event.metadata.event === 'returned_to_queue')).toMatchObject({
      authorType: 'system',
      metadata: { advisorId: highwaysId },
    });
    // Both moves are on the audit trail as the system's, with ids only.
    const audited = await asOwner(organisationId, (c) =>
      c.query<{ action: string; actor_type: string; details: Record<string, unknown> }>(
        `select action, actor_type, details from audit_entries
          where entity_id = $1 and action in ('enquiry.assign_automatically', 'enquiry.return_to_queue') order by seq`,
        [ids.pothole2],
      ),
    );
    expect(audited.rows).toEqual([
      { action: 'enquiry.assign_automatically', actor_type: 'system', details: { assigneeId: highwaysId } },
      { action: 'enquiry.return_to_queue', actor_type: 'system', details: { advisorId: highwaysId, reason: 'untouched' } },
    ]);
    // No one else available has the skill: it waits, and the highways advisor (who let it go) is not given it again.
    expect(toHighways.filter((work) => work.enquiryId === ids.pothole2)).toHaveLength(1);

    // The advisor who was away comes back: the next run gives them the returned enquiry.
    await emit(awayConsole, 'presence:set', { status: 'available' });
    ids.contact3 = await submitForm('contact-us');
    await until(() => toAway.some((work) => work.enquiryId === ids.pothole2), 'the returned enquiry reassigned');
    expect((await detail(ids.pothole2)).assigneeId).toBe(awayId);
    expect(toHighways).toHaveLength(3);
  });

  it('leaves an organisation that picks from the queue alone: no run, no assignment', async () => {
    const pickAdmin = await login(app, `admin@${pickSlug}.test`);
    const pickAdvisor = await login(app, `advisor@${pickSlug}.test`);
    const pickUsers = (await request(app.url).get('/api/users').set(auth(pickAdmin)).expect(200)).body as { id: string; email: string }[];
    const pickAdvisorId = pickUsers.find((user) => user.email === `advisor@${pickSlug}.test`)!.id;
    await request(app.url)
      .patch(`/api/users/${pickAdvisorId}`)
      .set(auth(pickAdmin))
      .send({ skills: ['highways'] })
      .expect(200);
    const pickConsole = await openConsole(pickAdvisor);
    const toPick = collect<Assigned>(pickConsole, 'work:assigned');
    const waiting = await submitForm('pothole', pickSlug);
    // Ordered after it on the one worker: a run for the automatic organisation, as a marker that the queue has moved on.
    const marker = await submitForm('contact-us');
    await until(async () => (await detail(marker)).assigneeId !== undefined, 'the marker assigned');
    expect(await routeJobsFor(pickOrganisationId)).toBe(0);
    expect(await routeJobsFor(organisationId)).toBeGreaterThan(0);
    const pickSupervisor = await login(app, `supervisor@${pickSlug}.test`);
    expect((await detail(waiting, pickSupervisor)).assigneeId).toBeUndefined();
    expect(toPick).toEqual([]);
  });

  it('lists My work, the caller’s open enquiries, soonest due first, with the service level; resolved work leaves it', async () => {
    // The third pothole's first response falls due in an hour (at risk already); the first's in three days.
    await asOwner(organisationId, async (c) => {
      await c.query(
        `update enquiries set first_response_due_at = now() + interval '1 hour', first_response_at_risk_at = now() - interval '1 hour' where id = $1`,
        [ids.pothole3],
      );
      await c.query(
        `update enquiries set first_response_due_at = now() + interval '3 days', first_response_at_risk_at = now() + interval '2 days' where id = $1`,
        [ids.pothole1],
      );
    });
    const mine = await myWork(highways);
    expect(mine.items.map((item) => item.id)).toEqual([ids.pothole3, ids.pothole1]);
    expect(mine.items.map((item) => item.slaState)).toEqual(['at_risk', 'on_track']);
    expect(mine.items[0].assignedAutomaticallyAt).toEqual(expect.any(String));
    expect(mine.total).toBe(2);
    await request(app.url).post(`/api/enquiries/${ids.pothole3}/resolve`).set(auth(highways)).send({ advice: 'Repair booked' }).expect(200);
    expect((await myWork(highways)).items.map((item) => item.id)).toEqual([ids.pothole1]);
    // Each sees only their own: the blue-badge advisor's list holds the blue-badge e-mail and the contact forms.
    const theirs = (await myWork(advisor)).items.map((item) => item.id);
    expect(theirs).toEqual(expect.arrayContaining([ids.badge, ids.contact]));
    expect(theirs).not.toContain(ids.pothole1);
  });

  it('serves My work to advisors and supervisors only, and never another organisation’s work', async () => {
    await request(app.url).get('/api/my-work').set(auth(dpo)).expect(403);
    await request(app.url).get('/api/my-work').set(auth(admin)).expect(403);
    await request(app.url).get('/api/my-work').expect(401);
    expect((await myWork(supervisor)).items).toEqual([]);
    const otherAdvisor = await login(app, `advisor@${pickSlug}.test`);
    // The other organisation's advisor has none of this organisation's work, and none of their own assigned.
    expect((await myWork(otherAdvisor)).items).toEqual([]);
    await request(app.url).get('/api/my-work').query({ pageSize: 101 }).set(auth(advisor)).expect(400);
  });
});
