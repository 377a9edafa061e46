import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CallRinging } from '../src/contracts/calls.js';
import { auth, newEnquiry, VERBAL_CONSENT } from './support/factories.js';
import { provisionOrganisation } from './support/provision.js';
import { signedHeaders } from './support/signing.js';
import { collect, next, socketClients } from './support/socket-clients.js';
import { login, startTestApp, withClient, testDatabase, type TestApp } from './support/test-app.js';

/**
 * Issue 23, the ringing phone: the telephony platform pushes a ringing call naming the answering advisor, and that
 * advisor's console, and no one else's, is shown at once who is calling: their earlier contact with this
 * organisation and what of it is still open.
 */
describe('a ringing call reaches the answering advisor’s console', () => {
  let app: TestApp;
  const clients = socketClients(() => app.url);
  const slug = `ringing-${randomUUID().slice(0, 8)}`;
  const otherSlug = `ringing-other-${randomUUID().slice(0, 8)}`;
  const CALLER = '07700 900456';
  let advisor: string;
  let supervisor: string;
  let otherAdvisor: string;
  const references: string[] = [];
  const ids: string[] = [];
  let otherReference: string;

  const ring = (body: unknown, organisation = slug) => {
    const text = JSON.stringify(body);
    return request(app.url).post(`/api/channels/phone/${organisation}/ringing`).set(signedHeaders(text)).send(text);
  };

  beforeAll(async () => {
    app = await startTestApp();
    await provisionOrganisation(slug);
    await provisionOrganisation(otherSlug);
    advisor = await login(app, `advisor@${slug}.test`);
    supervisor = await login(app, `supervisor@${slug}.test`);
    otherAdvisor = await login(app, `advisor@${otherSlug}.test`);
    // Three contacts from the caller (one resolved), by the number written two ways, and one to the other organisation.
    for (const [phone, description] of [
      [CALLER, 'Bins not collected'],
      ['+44 7700 900456', 'Council tax question'],
      [CALLER, 'Parking permit'],
    ]) {
      const created = await newEnquiry(app, advisor, { subject: { name: 'Rhiannon Caller', phone }, description, consent: VERBAL_CONSENT });
      references.push(created.reference);
      ids.push(created.id);
    }
    await request(app.url).post(`/api/enquiries/${ids[0]}/resolve`).set(auth(advisor)).send({ advice: 'Collection rebooked' }).expect(200);
    otherReference = (await newEnquiry(app, otherAdvisor, { subject: { name: 'Rhiannon Caller', phone: CALLER }, consent: VERBAL_CONSENT }))
      .reference;
  });
  afterAll(async () => {
    clients.closeAll();
    await app?.stop();
  });

  it('shows the named advisor, within a second, the caller’s earlier contact here (newest first) and what is open; no one else hears of it', async () => {
    const mine = await clients.connect('/console', { auth: { token: advisor } });
    const colleague = await clients.connect('/console', { auth: { token: supervisor } });
    const elsewhere = await clients.connect('/console', { auth: { token: otherAdvisor } });
    const heardByColleague = collect(colleague, 'call:ringing');
    const heardElsewhere = collect(elsewhere, 'call:ringing');

    const callId = `call-${randomUUID()}`;
    const shown = next<CallRinging>(mine, 'call:ringing', (call) => call.callId === callId);
    const sentAt = Date.now();
    const answer = await ring({ callId, callerNumber: '+447700900456', agent: `ADVISOR@${slug}.test` }).expect(202);
    const call = await shown;
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(answer.body).toEqual({ earlierContacts: 3 });

    expect(call.callerNumber).toBe('+447700900456');
    expect(call.earlierContact.map((contact) => contact.reference)).toEqual([...references].reverse());
    expect(call.earlierContact.map((contact) => contact.reference)).not.toContain(otherReference);
    expect(Object.keys(call.earlierContact[0]).sort()).toEqual(['channel', 'createdAt', 'enquiryId', 'reference', 'status', 'topic']);
    expect(call.earlierContact.map((contact) => contact.status)).toEqual(['new', 'new', 'resolved']);
    expect(call.openEnquiries.map((contact) => contact.reference)).toEqual([references[2], references[1]]);
    expect(JSON.stringify(call)).not.toContain('Rhiannon');
    expect(JSON.stringify(call)).not.toContain('Council tax');

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heardByColleague).toEqual([]);
    expect(heardElsewhere).toEqual([]);

    // The read is audited, by ids: who was shown which enquiries, and why.
    const audit = await withClient(testDatabase().ownerUrl, async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.current_tenant', (select id::text from organisations where slug = $1), true)`, [slug]);
      const { rows } = await c.query<{ details: { reason: string; enquiryIds: string[] } }>(
        `select details from audit_entries where action = 'person.contact_shown' order by seq desc limit 1`,
      );
      await c.query('rollback');
      return rows;
    });
    expect(audit[0].details.reason).toBe('ringing_call');
    expect(audit[0].details.enquiryIds).toHaveLength(3);
  });

  it('an unknown number shows an empty history; the caller is not told anything about the person', async () => {
    const mine = await clients.connect('/console', { auth: { token: advisor } });
    const callId = `call-${randomUUID()}`;
    const shown = next<CallRinging>(mine, 'call:ringing', (call) => call.callId === callId);
    const answer = await ring({ callId, callerNumber: '01632 960001', agent: `advisor@${slug}.test` }).expect(202);
    expect(answer.body).toEqual({ earlierContacts: 0 });
    expect(await shown).toMatchObject({ callId, earlierContact: [], openEnquiries: [] });
  });

  it('refuses an unsigned or badly signed push, a bad body with the reason, and an agent who is not this organisation’s advisor', async () => {
    const body = JSON.stringify({ callId: 'c-1', callerNumber: CALLER, agent: `advisor@${slug}.test` });
    await request(app.url).post(`/api/channels/phone/${slug}/ringing`).set('content-type', 'application/json').send(body).expect(401);
    await request(app.url)
      .post(`/api/channels/phone/${slug}/ringing`)
      .set(signedHeaders(body, { secret: 'whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldA==' }))
      .send(body)
      .expect(401);
    const badNumber = await ring({ callId: 'c-2', callerNumber: 'not a number', agent: `advisor@${slug}.test` }).expect(400);
    expect(JSON.stringify(badNumber.body)).toContain('callerNumber must be a telephone number');
    const noAgent = await ring({ callId: 'c-3', callerNumber: CALLER }).expect(400);
    expect(JSON.stringify(noAgent.body)).toContain('agent');
    // The other organisation's advisor, a DPO and a stranger are not agents of this organisation.
    for (const agent of [`advisor@${otherSlug}.test`, `dpo@${slug}.test`, 'nobody@example.org']) {
      const refused = await ring({ callId: 'c-4', callerNumber: CALLER, agent }).expect(422);
      expect(refused.body.code ?? refused.body.error).toBeDefined();
      expect(JSON.stringify(refused.body)).toContain('AGENT_UNKNOWN');
    }
  });

  it('the call log that follows joins the enquiry the advisor picked or created while it rang, not a new one', async () => {
    const callLog = (callId: string) => {
      const now = Date.now();
      return JSON.stringify({
        callId,
        callerNumber: '+447700900456',
        direction: 'inbound',
        startedAt: new Date(now - 120_000).toISOString(),
        endedAt: new Date(now).toISOString(),
        agent: `advisor@${slug}.test`,
      });
    };
    const logCall = (body: string) => request(app.url).post(`/api/channels/phone/${slug}/calls`).set(signedHeaders(body)).send(body);
    const link = (token: string, callId: string, enquiryId: string) =>
      request(app.url).post(`/api/calls/${callId}/enquiry`).set(auth(token)).send({ enquiryId });
    const events = async (id: string) =>
      (await request(app.url).get(`/api/enquiries/${id}`).set(auth(advisor)).expect(200)).body.timeline.map(
        (entry: { metadata: { event?: string; callId?: string } }) => entry.metadata,
      );
    const total = async () => (await request(app.url).get('/api/enquiries').set(auth(advisor)).expect(200)).body.total as number;

    // Picked: one of the caller's open enquiries.
    const picked = `call-${randomUUID()}`;
    await ring({ callId: picked, callerNumber: '+447700900456', agent: `advisor@${slug}.test` }).expect(202);
    const linked = await link(advisor, picked, ids[2]).expect(200);
    expect(linked.body).toEqual({ callId: picked, enquiryId: ids[2], reference: references[2], logged: false });
    const before = await total();
    const logged = await logCall(callLog(picked)).expect(201);
    expect(logged.body).toEqual({ enquiryId: ids[2], reference: references[2] });
    expect(await total()).toBe(before);
    const timeline = await events(ids[2]);
    expect(timeline).toEqual(expect.arrayContaining([{ event: 'call_linked', callId: picked }]));
    expect(timeline.some((entry: { event?: string; callId?: string }) => entry.event === 'call_logged' && entry.callId === picked)).toBe(
      true,
    );
    // Once logged, the call stays where it joined: the same enquiry again is fine, another is refused naming it.
    expect((await link(advisor, picked, ids[2]).expect(200)).body.logged).toBe(true);
    const moved = await link(advisor, picked, ids[1]).expect(409);
    expect(moved.body).toMatchObject({
      code: 'CALL_ALREADY_LOGGED',
      message: `The call log has already arrived and is on enquiry ${references[2]}`,
    });

    // Created: a new enquiry the advisor logs for the call while it rings.
    const fresh = `call-${randomUUID()}`;
    await ring({ callId: fresh, callerNumber: '+447700900456', agent: `advisor@${slug}.test` }).expect(202);
    const created = await newEnquiry(app, advisor, {
      subject: { name: 'Rhiannon Caller', phone: CALLER },
      description: 'Skip hire',
      consent: VERBAL_CONSENT,
    });
    await link(advisor, fresh, created.id).expect(200);
    expect((await logCall(callLog(fresh)).expect(201)).body.enquiryId).toBe(created.id);

    // Not linked: the call log becomes an enquiry of its own, as before.
    const unlinked = `call-${randomUUID()}`;
    await ring({ callId: unlinked, callerNumber: '+447700900456', agent: `advisor@${slug}.test` }).expect(202);
    const own = await logCall(callLog(unlinked)).expect(201);
    expect([...ids, created.id]).not.toContain(own.body.enquiryId);
  });

  it('only the advisor the call rang at, or a supervisor, links it; another organisation cannot see it; bad input is refused', async () => {
    const callId = `call-${randomUUID()}`;
    await ring({ callId, callerNumber: CALLER, agent: `supervisor@${slug}.test` }).expect(202);
    const elsewhere = await request(app.url)
      .post(`/api/calls/${callId}/enquiry`)
      .set(auth(advisor))
      .send({ enquiryId: ids[1] })
      .expect(403);
    expect(elsewhere.body.code).toBe('CALL_RANG_ELSEWHERE');
    await request(app.url).post(`/api/calls/${callId}/enquiry`).set(auth(otherAdvisor)).send({ enquiryId: ids[1] }).expect(404);
    await request(app.url).post(`/api/calls/${callId}/enquiry`).set(auth(supervisor)).send({ enquiryId: randomUUID() }).expect(404);
    const invalid = await request(app.url)
      .post(`/api/calls/${callId}/enquiry`)
      .set(auth(supervisor))
      .send({ enquiryId: 'ENQ-1' })
      .expect(400);
    expect(JSON.stringify(invalid.body)).toContain('enquiryId');
    await request(app.url).post(`/api/calls/no-such-call/enquiry`).set(auth(supervisor)).send({ enquiryId: ids[1] }).expect(404);
    const dpo = await login(app, `dpo@${slug}.test`);
    await request(app.url).post(`/api/calls/${callId}/enquiry`).set(auth(dpo)).send({ enquiryId: ids[1] }).expect(403);
    await request(app.url).post(`/api/calls/${callId}/enquiry`).set(auth(supervisor)).send({ enquiryId: ids[1] }).expect(200);
  });
});
