import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { addChannelSecret, asOwner, provisionOrganisation } from './support/provision.js';
import { signedHeaders } from './support/signing.js';
import { socketClients } from './support/socket-clients.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { startMailCapture, type MailCapture } from './support/mail-capture.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Safeguarding end to end, in an organisation of the test's own: words of danger in a chat, an out-of-hours
 * message, an e-mail and a form raise a flag with its kinds; the citizen is given the guidance at once (in the chat,
 * in the answer, in the e-mail acknowledgement); every console of the organisation hears of it; supervisors review
 * flags (handled or a false alarm), the DPO reads them; nobody else, and no other organisation, sees them; the words
 * never reach the logs.
 */
describe('safeguarding', () => {
  let app: TestApp;
  let organisationId: string;
  let supervisor: string;
  const slug = `safeguard-${randomUUID().slice(0, 8)}`;
  let capture: MailCapture;
  const outbox: ParsedMail[] = [];
  const { connect, emit, closeAll } = socketClients(() => app.url);
  const citizens: Socket[] = [];

  const until = async (condition: () => boolean, what: string) => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      if (condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${what} did not happen`);
  };
  const collect = <T>(socket: Socket, event: string): T[] => {
    const seen: T[] = [];
    socket.on(event, (payload: T) => seen.push(payload));
    return seen;
  };
  const flags = async (status = 'all', token = supervisor) =>
    (await request(app.url).get(`/api/safeguarding/flags?status=${status}`).set(auth(token)).expect(200)).body.flags as Record<
      string,
      unknown
    >[];

  beforeAll(async () => {
    capture = await startMailCapture(outbox);
    app = await startTestApp({ MAIL_TRANSPORT_URL: capture.url });
    organisationId = await provisionOrganisation(slug);
    await addChannelSecret(organisationId, 'email');
    await addChannelSecret(organisationId, 'forms');
    await asOwner(organisationId, (c) =>
      c.query(`insert into form_mappings (organisation_id, form_id, title, mapping) values ($1, 'contact-us', 'Contact us', $2)`, [
        organisationId,
        JSON.stringify({ name: 'fullName', description: 'message', email: 'email' }),
      ]),
    );
    supervisor = await login(app, `supervisor@${slug}.test`);
    const admin = await login(app, `admin@${slug}.test`);
    await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ safeguardingContacts: { childrenEmergencyDuty: '01632 960 201', adultsEmergencyDuty: '(01632) 960-202' } })
      .expect(200);
  });
  afterEach(async () => {
    for (const citizen of citizens.splice(0)) await emit(citizen, 'chat:end').catch(() => undefined);
    closeAll();
  });
  afterAll(async () => {
    await app?.stop();
    await capture.close();
  });

  it('flags a chat in danger to every console with its kinds, records it without the words, and lists it for supervisors first', async () => {
    const citizen = await connect('/webchat');
    citizens.push(citizen);
    const started = await emit(citizen, 'chat:start', {
      organisation: slug,
      consent: { accepted: true, privacyNoticeVersion: '1' },
      name: 'Worried Son',
    });
    const advisor = await connect('/console', { auth: { token: await login(app, `advisor@${slug}.test`) } });
    const console = await connect('/console', { auth: { token: supervisor } });
    const raised = collect<{ flagId: string; reference: string; chatId: string; channel: string; kinds: string[] }>(
      console,
      'safeguarding:flagged',
    );
    const advisorRaised = collect<{ flagId: string }>(advisor, 'safeguarding:flagged');
    const citizenSees = collect<{ from: string; text: string }>(citizen, 'chat:message');
    await emit(advisor, 'chat:accept', { chatId: started.chatId });
    const words = 'Please help, my partner is going to kill me tonight';
    await emit(citizen, 'chat:message', { text: words });

    await until(() => citizenSees.some((message) => message.from === 'system' && message.text.includes('999')), 'the guidance in the chat');
    await until(() => raised.length > 0 && advisorRaised.length > 0, 'the flag on every console');
    const [alert] = raised;
    expect(alert).toMatchObject({
      chatId: started.chatId,
      channel: 'webchat',
      reference: started.reference,
      kinds: expect.arrayContaining(['domestic_abuse']),
    });
    // The guidance for the kind: the National Domestic Abuse Helpline after 999.
    await until(
      () => citizenSees.some((message) => message.from === 'system' && message.text.includes('0808 2000 247')),
      'the helpline in the chat',
    );

    const [listed] = await flags('open');
    expect(listed).toMatchObject({ id: alert.flagId, chatId: started.chatId, status: 'open', reviewedAt: null, reviewedBy: null });
    const recorded = await asOwner(organisationId, async (c) => ({
      flag: (await c.query(`select channel, status from safeguarding_flags where id = $1`, [alert.flagId])).rows,
      timeline: (await c.query(`select metadata from enquiry_events where metadata->>'flagId' = $1`, [alert.flagId])).rows,
      audit: (
        await c.query(`select details::text as details from audit_entries where action = 'safeguarding.flag' and details->>'flagId' = $1`, [
          alert.flagId,
        ])
      ).rows,
    }));
    expect(recorded.flag).toEqual([{ channel: 'webchat', status: 'open' }]);
    expect(recorded.timeline).toHaveLength(1);
    expect(recorded.audit).toHaveLength(1);
    expect(recorded.audit[0].details).not.toContain('kill');
    // Supervision shows the chat with its unreviewed flag first.
    const overview = await request(app.url).get('/api/webchat-supervision').set(auth(supervisor)).expect(200);
    expect(overview.body.activeChats[0]).toMatchObject({ chatId: started.chatId, unreviewedFlag: true, flags: ['danger'] });
    // The words are never in the logs.
    expect(app.output()).not.toContain(words);
  });

  it('shows an advisor who takes a chat the kinds of danger flagged while it waited', async () => {
    const citizen = await connect('/webchat');
    citizens.push(citizen);
    const started = await emit(citizen, 'chat:start', {
      organisation: slug,
      consent: { accepted: true, privacyNoticeVersion: '1' },
      name: 'Waiting Daughter',
    });
    const citizenSees = collect<{ from: string; text: string }>(citizen, 'chat:message');
    await emit(citizen, 'chat:message', { text: 'my dad has collapsed and is not breathing' });
    await until(() => citizenSees.some((message) => message.text.includes('NHS 111')), 'the medical guidance');
    const advisor = await connect('/console', { auth: { token: await login(app, `advisor@${slug}.test`) } });
    const accepted = await emit(advisor, 'chat:accept', { chatId: started.chatId });
    expect(accepted).toMatchObject({ chatId: started.chatId, dangerKinds: ['medical'] });
  });

  it('gives the guidance in the answer to a message left out of hours, and flags it', async () => {
    const visitor = await connect('/webchat');
    const left = await emit(visitor, 'chat:leave-message', {
      organisation: slug,
      consent: { accepted: true, privacyNoticeVersion: '1' },
      name: 'Night Visitor',
      email: 'night@example.org',
      text: 'I am not safe here tonight',
    });
    expect(left).toMatchObject({
      reference: expect.any(String),
      guidance: expect.stringContaining('999'),
      dangerKinds: expect.arrayContaining(['domestic_abuse']),
    });
    expect((await flags('open')).some((flag) => flag.reference === left.reference)).toBe(true);
    const calm = await emit(visitor, 'chat:leave-message', {
      organisation: slug,
      consent: { accepted: true, privacyNoticeVersion: '1' },
      name: 'Day Visitor',
      email: 'day@example.org',
      text: 'When is the tip open on Sunday?',
    });
    expect(calm).toEqual({ reference: expect.any(String) });
  });

  it('puts the guidance first in the e-mail acknowledgement of a danger message, and not in an everyday one', async () => {
    const send = async (sender: string, body: string) => {
      const raw = [
        `From: ${sender}`,
        `To: contact@${slug}.test`,
        'Subject: Help',
        `Message-ID: <${randomUUID()}@example.org>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
      ].join('\r\n');
      const created = await request(app.url)
        .post(`/api/channels/email/${slug}/inbound`)
        .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
        .send(raw)
        .expect(201);
      await until(() => outbox.some((mail) => mail.subject?.includes(created.body.reference)), 'the acknowledgement');
      return {
        reference: created.body.reference as string,
        ack: outbox.find((mail) => mail.subject?.includes(created.body.reference)) as ParsedMail,
      };
    };
    const danger = await send(
      `frightened.${randomUUID().slice(0, 6)}@example.org`,
      'My partner is going to kill me, I am scared to go home',
    );
    expect(danger.ack.text?.trimStart().startsWith('If you or someone else is in immediate danger')).toBe(true);
    expect(danger.ack.text).toContain('text 999');
    expect(danger.ack.text).toContain('0808 2000 247');
    expect((await flags('open')).some((flag) => flag.reference === danger.reference && flag.channel === 'email')).toBe(true);
    const everyday = await send(
      `gardener.${randomUUID().slice(0, 6)}@example.org`,
      'What can I use to kill the weeds on the verge outside my house?',
    );
    expect(everyday.ack.text).not.toContain('999');
    expect((await flags('all')).some((flag) => flag.reference === everyday.reference)).toBe(false);
  });

  it('flags an online form whose free text speaks of danger', async () => {
    const body = JSON.stringify({
      formId: 'contact-us',
      submissionId: randomUUID(),
      submittedAt: new Date().toISOString(),
      answers: {
        fullName: 'Form Person',
        email: 'form@example.org',
        message: 'the neighbours kids have been left on their own since yesterday',
      },
    });
    const created = await request(app.url).post(`/api/channels/forms/${slug}/submissions`).set(signedHeaders(body)).send(body).expect(201);
    expect((await flags('open')).find((flag) => flag.reference === created.body.reference)).toMatchObject({
      channel: 'form',
      chatId: null,
      kinds: ['child_at_risk'],
    });
  });

  it('lets a supervisor mark a flag handled or a false alarm once, with who and when; the DPO reads; nobody else', async () => {
    const [first, second] = (await flags('open')).slice(-2) as { id: string }[];
    const dpo = await login(app, `dpo@${slug}.test`);
    const advisor = await login(app, `advisor@${slug}.test`);
    const admin = await login(app, `admin@${slug}.test`);
    const review = (id: string, body: unknown, token = supervisor) =>
      request(app.url)
        .post(`/api/safeguarding/flags/${id}/review`)
        .set(auth(token))
        .send(body as object);

    expect((await review(first.id, { decision: 'ignored' }).expect(400)).body.message).toContain('decision must be handled or false_alarm');
    expect((await review(first.id, { decision: 'handled', note: 'x'.repeat(501) }).expect(400)).body.message).toContain('note');
    await review(first.id, { decision: 'handled' }, dpo).expect(403);
    await review(first.id, { decision: 'handled' }, advisor).expect(403);
    await request(app.url).get('/api/safeguarding/flags').set(auth(advisor)).expect(403);
    await request(app.url).get('/api/safeguarding/flags').set(auth(admin)).expect(403);
    await review(randomUUID(), { decision: 'handled' }).expect(404);
    // Another organisation's supervisor neither sees nor reviews this organisation's flags.
    const stranger = await login(app, 'supervisor@lancashire.demo');
    expect((await review(first.id, { decision: 'false_alarm' }, stranger).expect(404)).body.code).toBe('FLAG_NOT_FOUND');
    expect((await flags('all', stranger)).some((flag) => flag.id === first.id)).toBe(false);

    const consoleSocket = await connect('/console', { auth: { token: supervisor } });
    const reviewed = collect<{ flagId: string; status: string }>(consoleSocket, 'safeguarding:reviewed');
    const handled = await review(first.id, { decision: 'handled', note: 'Called the police with the citizen' }).expect(200);
    expect(handled.body).toMatchObject({
      id: first.id,
      status: 'handled',
      reviewNote: 'Called the police with the citizen',
      reviewedBy: { displayName: expect.any(String) },
      reviewedAt: expect.any(String),
    });
    expect((await review(first.id, { decision: 'false_alarm' }).expect(409)).body.code).toBe('FLAG_ALREADY_REVIEWED');
    await review(second.id, { decision: 'false_alarm' }).expect(200);
    await until(() => reviewed.length === 2, 'the reviews on the console');

    // The DPO reads the reviewed flags, open ones first then the newest reviewed.
    const seen = await flags('reviewed', dpo);
    expect(
      seen
        .map((flag) => flag.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect((await flags('open', dpo)).some((flag) => flag.id === first.id)).toBe(false);
    // Counted in the reports.
    const report = await request(app.url).get('/api/reports/summary').set(auth(supervisor)).expect(200);
    expect(report.body.safeguarding).toMatchObject({ handled: 1, falseAlarms: 1 });
    expect(report.body.safeguarding.raised).toBeGreaterThanOrEqual(4);
    const audit = await asOwner(
      organisationId,
      async (c) => (await c.query(`select count(*)::int as n from audit_entries where action = 'safeguarding.review'`)).rows[0].n,
    );
    expect(audit).toBe(2);
  });

  it('keeps the council’s own emergency duty numbers, and refuses what is not a telephone number', async () => {
    const admin = await login(app, `admin@${slug}.test`);
    const current = await request(app.url).get('/api/organisation').set(auth(admin)).expect(200);
    expect(current.body.safeguardingContacts).toEqual({ childrenEmergencyDuty: '01632 960 201', adultsEmergencyDuty: '(01632) 960-202' });
    const bad = await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ safeguardingContacts: { childrenEmergencyDuty: 'call the office' } })
      .expect(400);
    expect(bad.body.message).toContain('safeguardingContacts.childrenEmergencyDuty');
    await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ safeguardingContacts: { adultsEmergencyDuty: null } })
      .expect(200);
    expect((await request(app.url).get('/api/organisation').set(auth(admin)).expect(200)).body.safeguardingContacts).toEqual({
      childrenEmergencyDuty: '01632 960 201',
      adultsEmergencyDuty: null,
    });
  });
});
