import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { auth } from './support/factories.js';
import { CHAT_CONSENT, connected, emit, next, socketClients, type Ack } from './support/socket-clients.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/webhook-receiver.js';

describe('webchat over socket.io', () => {
  let app: TestApp;
  const { open, connect, closeAll } = socketClients(() => app.url);
  const consent = CHAT_CONSENT;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterEach(() => closeAll());
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses to start a chat without accepted consent, and the socket stays usable', async () => {
    const citizen = await connect('/webchat');
    expect(
      await emit(citizen, 'chat:start', { organisation: 'lancashire', consent: { accepted: false, privacyNoticeVersion: '1' } }),
    ).toMatchObject({ error: expect.stringContaining('consent.accepted') });
    expect(await emit(citizen, 'chat:start', { organisation: 'lancashire' })).toMatchObject({ error: expect.stringContaining('consent') });
    expect(await emit(citizen, 'chat:start', { organisation: 'lancashire', consent, planted: 1 })).toMatchObject({
      error: expect.stringContaining('planted'),
    });
    expect(
      await emit(citizen, 'chat:start', { organisation: 'lancashire', consent: { accepted: true, privacyNoticeVersion: '99' } }),
    ).toMatchObject({ code: 'UNKNOWN_PRIVACY_NOTICE_VERSION' });
    const started = await emit(citizen, 'chat:start', { organisation: 'lancashire', consent });
    expect(started).toMatchObject({
      chatId: expect.any(String),
      reference: expect.any(String),
      resumeToken: expect.any(String),
      queuePosition: expect.any(Number),
    });
  });

  it('queues citizens in order, lets an advisor accept, relays messages both ways, resumes without loss, and ends as an enquiry with its transcript', async () => {
    const advisorToken = await login(app, 'advisor@milton-keynes.demo');
    const starts: Ack[] = [];
    const citizens: Socket[] = [];
    for (const name of ['First', 'Second', 'Third']) {
      const citizen = await connect('/webchat');
      starts.push(await emit(citizen, 'chat:start', { organisation: 'milton-keynes', consent, name }));
      citizens.push(citizen);
    }
    expect(starts.map((s) => s.queuePosition)).toEqual([1, 2, 3].map((n) => n + (starts[0].queuePosition as number) - 1));

    const advisor = open('/console', { auth: { token: advisorToken } });
    const initialQueue = next<{ waiting: { chatId: string }[] }>(advisor, 'queue:updated');
    await connected(advisor);
    const queue = await initialQueue;
    expect(queue.waiting.map((w) => w.chatId)).toEqual(expect.arrayContaining(starts.map((s) => s.chatId)));

    const assigned = next<{ advisorName: string }>(citizens[0], 'chat:assigned');
    const secondMovesUp = next<{ position: number }>(citizens[1], 'chat:queue');
    const accepted = await emit(advisor, 'chat:accept', { chatId: starts[0].chatId });
    expect(accepted).toMatchObject({ chatId: starts[0].chatId, enquiryId: expect.any(String), transcript: [] });
    expect((await assigned).advisorName).toBe('Demo Advisor');
    expect((await secondMovesUp).position).toBeGreaterThanOrEqual(1);

    const toAdvisor = next<{ chatId: string; text: string; from: string }>(advisor, 'chat:message');
    expect(await emit(citizens[0], 'chat:message', { text: 'Hello, my bin was missed' })).toMatchObject({
      id: expect.any(String),
      sentAt: expect.any(String),
    });
    expect(await toAdvisor).toMatchObject({ chatId: starts[0].chatId, from: 'citizen', text: 'Hello, my bin was missed' });
    const toCitizen = next<{ text: string; from: string }>(citizens[0], 'chat:message');
    await emit(advisor, 'chat:message', { chatId: starts[0].chatId, text: 'Sorry to hear that. Which street?' });
    expect(await toCitizen).toMatchObject({ from: 'advisor', text: 'Sorry to hear that. Which street?', seq: 2 });

    // The citizen drops; the advisor writes twice; the citizen comes back with its token and last seen seq.
    citizens[0].disconnect();
    await emit(advisor, 'chat:message', { chatId: starts[0].chatId, text: 'Are you still there?' });
    await emit(advisor, 'chat:message', { chatId: starts[0].chatId, text: 'I will log this for you.' });
    const replayed: { seq: number; text: string }[] = [];
    const resumed = open('/webchat', { auth: { resumeToken: starts[0].resumeToken, lastSeq: 2 } });
    resumed.on('chat:message', (message: { seq: number; text: string }) => replayed.push(message));
    await connected(resumed);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(replayed.map((m) => [m.seq, m.text])).toEqual([
      [3, 'Are you still there?'],
      [4, 'I will log this for you.'],
    ]);

    const ended = next<{ reference: string; transcript: { seq: number; from: string; text: string }[] }>(resumed, 'chat:ended');
    expect(await emit(advisor, 'chat:end', { chatId: starts[0].chatId })).toMatchObject({ reference: starts[0].reference });
    const end = await ended;
    expect(end.reference).toBe(starts[0].reference);
    expect(end.transcript.map((m) => [m.seq, m.from, m.text])).toEqual([
      [1, 'citizen', 'Hello, my bin was missed'],
      [2, 'advisor', 'Sorry to hear that. Which street?'],
      [3, 'advisor', 'Are you still there?'],
      [4, 'advisor', 'I will log this for you.'],
    ]);
    const detail = await request(app.url).get(`/api/enquiries/${accepted.enquiryId}`).set(auth(advisorToken)).expect(200);
    expect(detail.body).toMatchObject({
      channel: 'webchat',
      retentionClass: 'webchat',
      consents: [{ purpose: 'processing', method: 'checkbox', privacyNoticeVersion: '1' }],
    });
    expect(detail.body.timeline.find((e: { metadata: { event?: string } }) => e.metadata.event === 'chat_ended').text).toContain(
      'citizen: Hello, my bin was missed',
    );
  });

  it('refuses a random, missing or ended chat’s resume token at connection', async () => {
    const bad = open('/webchat', { auth: { resumeToken: 'x'.repeat(43) } });
    await expect(connected(bad)).rejects.toThrow(/invalid resume token/);
    const wrongType = open('/webchat', { auth: { resumeToken: 42 } });
    await expect(connected(wrongType)).rejects.toThrow(/invalid resume token/);
  });

  it('keeps the console to authenticated advisors of the chat’s own organisation', async () => {
    const anonymous = open('/console');
    await expect(connected(anonymous)).rejects.toThrow(/unauthorised/);
    const serviceUser = open('/console', { auth: { token: await login(app, 'highways@lancashire.demo') } });
    await expect(connected(serviceUser)).rejects.toThrow(/forbidden/);

    const citizen = await connect('/webchat');
    const started = await emit(citizen, 'chat:start', { organisation: 'lancashire', consent });
    const foreign = open('/console', { auth: { token: await login(app, 'advisor@cambridgeshire.demo') } });
    const foreignQueue = next<{ waiting: { chatId: string }[] }>(foreign, 'queue:updated');
    await connected(foreign);
    expect((await foreignQueue).waiting.map((w) => w.chatId)).not.toContain(started.chatId);
    expect(await emit(foreign, 'chat:accept', { chatId: started.chatId })).toMatchObject({ code: 'CHAT_NOT_FOUND' });
    expect(await emit(foreign, 'chat:message', { chatId: started.chatId, text: 'hijack' })).toMatchObject({ code: 'CHAT_NOT_FOUND' });
  });

  it('refuses oversized and malformed payloads while the chat carries on', async () => {
    const citizen = await connect('/webchat');
    await emit(citizen, 'chat:start', { organisation: 'northamptonshire', consent });
    expect(await emit(citizen, 'chat:message', { text: 'x'.repeat(2001) })).toMatchObject({ error: expect.stringContaining('text') });
    expect(await emit(citizen, 'chat:message', 'not an object')).toMatchObject({ error: expect.stringContaining('payload') });
    expect(await emit(citizen, 'chat:message', { text: 'Still here' })).toMatchObject({ id: expect.any(String) });
  });

  it('never gives an advisor more chats than their capacity, and transfer puts a chat back in the queue', async () => {
    const starts: Ack[] = [];
    for (let i = 0; i < 3; i += 1) {
      const citizen = await connect('/webchat');
      starts.push(await emit(citizen, 'chat:start', { organisation: 'cambridgeshire', consent, name: `Capacity ${i}` }));
    }
    const advisor = await connect('/console', { auth: { token: await login(app, 'supervisor@cambridgeshire.demo') } });
    expect(await emit(advisor, 'chat:accept', { chatId: starts[0].chatId })).toMatchObject({ chatId: starts[0].chatId });
    expect(await emit(advisor, 'chat:accept', { chatId: starts[1].chatId })).toMatchObject({ chatId: starts[1].chatId });
    expect(await emit(advisor, 'chat:accept', { chatId: starts[2].chatId })).toMatchObject({ code: 'AT_CAPACITY' });

    const requeued = next<{ waiting: { chatId: string }[] }>(advisor, 'queue:updated', (update) =>
      update.waiting.some((w) => w.chatId === starts[1].chatId),
    );
    expect(await emit(advisor, 'chat:transfer', { chatId: starts[1].chatId })).toMatchObject({
      chatId: starts[1].chatId,
      status: 'queued',
    });
    await requeued;
    expect(await emit(advisor, 'chat:accept', { chatId: starts[2].chatId })).toMatchObject({ chatId: starts[2].chatId });
  });

  it('refuses a flood of events from one socket while another chat carries on', async () => {
    const flooder = open('/webchat');
    const calm = open('/webchat');
    await Promise.all([connected(flooder), connected(calm)]);
    await emit(flooder, 'chat:start', { organisation: 'northamptonshire', consent });
    await emit(calm, 'chat:start', { organisation: 'northamptonshire', consent });
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => emit(flooder, 'chat:message', { text: `flood ${i}` })));
    expect(acks.filter((ack) => ack.code === 'RATE_LIMITED').length).toBeGreaterThan(20);
    expect(acks.filter((ack) => typeof ack.id === 'string').length).toBeGreaterThan(0);
    expect(await emit(calm, 'chat:message', { text: 'Unaffected' })).toMatchObject({ id: expect.any(String) });
  });

  it('out of hours, offers no chat but takes a message as a logged enquiry', async () => {
    const admin = await login(app, 'admin@northamptonshire.demo');
    const closed = { timezone: 'Europe/London', bankHolidays: 'england-and-wales', weekly: {} };
    const always = {
      timezone: 'Europe/London',
      bankHolidays: 'none',
      weekly: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, ['00:00-24:00']])),
    };
    await request(app.url).patch('/api/organisation').set(auth(admin)).send({ businessHours: closed }).expect(200);
    try {
      const citizen = await connect('/webchat');
      expect(await emit(citizen, 'chat:start', { organisation: 'northamptonshire', consent })).toMatchObject({ code: 'CLOSED' });
      expect(
        await emit(citizen, 'chat:leave-message', {
          organisation: 'northamptonshire',
          consent,
          name: 'Evening Visitor',
          email: 'evening@example.org',
          text: 'Please call me back about my rent',
        }),
      ).toMatchObject({
        reference: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      });
      const advisor = await login(app, 'advisor@northamptonshire.demo');
      const found = await request(app.url).get('/api/enquiries?q=evening@example.org').set(auth(advisor)).expect(200);
      expect(found.body.items[0]).toMatchObject({ channel: 'webchat', subjectName: 'Evening Visitor' });
    } finally {
      await request(app.url).patch('/api/organisation').set(auth(admin)).send({ businessHours: always }).expect(200);
    }
  });

  it('relays typing, records explicit consent asked for in the chat, and lets the citizen end it', async () => {
    const advisorToken = await login(app, 'advisor@lancashire.demo');
    const citizen = await connect('/webchat');
    const started = await emit(citizen, 'chat:start', { organisation: 'lancashire', consent });
    const advisor = await connect('/console', { auth: { token: advisorToken } });
    const accepted = await emit(advisor, 'chat:accept', { chatId: started.chatId });
    const typing = next<{ chatId: string; from: string }>(advisor, 'chat:typing');
    citizen.emit('chat:typing');
    expect(await typing).toEqual({ chatId: started.chatId, from: 'citizen' });
    const advisorTyping = next<{ from: string }>(citizen, 'chat:typing');
    advisor.emit('chat:typing', { chatId: started.chatId });
    expect(await advisorTyping).toEqual({ from: 'advisor' });

    expect(await emit(citizen, 'chat:consent', { categories: ['health'], explicitConsent: false })).toMatchObject({
      error: expect.stringContaining('explicitConsent'),
    });
    expect(await emit(citizen, 'chat:consent', { categories: ['health'], explicitConsent: true })).toEqual({ recorded: true });
    const ended = next<{ chatId: string; reference: string }>(advisor, 'chat:ended');
    expect(await emit(citizen, 'chat:end')).toMatchObject({ reference: started.reference, transcript: [] });
    expect((await ended).chatId).toBe(started.chatId);
    const detail = await request(app.url).get(`/api/enquiries/${accepted.enquiryId}`).set(auth(advisorToken)).expect(200);
    expect(detail.body.specialCategory.categories).toEqual(['health']);
    expect(detail.body.consents.map((c: { purpose: string; method: string }) => [c.purpose, c.method]).sort()).toEqual([
      ['processing', 'checkbox'],
      ['special_category', 'checkbox'],
    ]);
  });

  it('routes automatically when the organisation chooses it: by skill, least busy, skipping an advisor who lets an offer lapse', async () => {
    const admin = await login(app, 'admin@northamptonshire.demo');
    const makeAdvisor = async (name: string, skills: string[]) => {
      const email = `${name.toLowerCase()}.${Date.now()}@northamptonshire.demo`;
      const created = await request(app.url)
        .post('/api/users')
        .set(auth(admin))
        .send({ email, displayName: name, role: 'advisor', password: 'a-long-enough-password' })
        .expect(201);
      await request(app.url).patch(`/api/users/${created.body.id}`).set(auth(admin)).send({ skills, maxConcurrentChats: 20 }).expect(200);
      return { id: created.body.id as string, token: await login(app, email, 'a-long-enough-password') };
    };
    const generalist = await makeAdvisor('Generalist', ['send-iass']);
    const specialist = await makeAdvisor('Specialist', ['send-iass', 'blue-badge']);
    await request(app.url).patch('/api/organisation').set(auth(admin)).send({ chatRouting: 'auto', chatOfferSeconds: 2 }).expect(200);
    try {
      const offersTo = (socket: Socket) => {
        const seen: string[] = [];
        socket.on('chat:offer', (offer: { chatId: string }) => seen.push(offer.chatId));
        return seen;
      };
      const general = open('/console', { auth: { token: generalist.token } });
      const special = open('/console', { auth: { token: specialist.token } });
      const generalOffers = offersTo(general);
      const specialOffers = offersTo(special);
      await Promise.all([connected(general), connected(special)]);

      const citizen = await connect('/webchat');
      const badge = await emit(citizen, 'chat:start', { organisation: 'northamptonshire', consent, topic: 'blue-badge' });
      await waitFor(() => specialOffers.includes(badge.chatId as string), 10_000, 'offer to the advisor with the skill');
      expect(generalOffers).not.toContain(badge.chatId);
      expect(await emit(general, 'chat:accept', { chatId: badge.chatId })).toMatchObject({ code: 'NOT_OFFERED' });
      expect(await emit(special, 'chat:accept', { chatId: badge.chatId })).toMatchObject({ chatId: badge.chatId });

      const other = await connect('/webchat');
      const send = await emit(other, 'chat:start', { organisation: 'northamptonshire', consent, topic: 'send-iass' });
      await waitFor(
        () => generalOffers.includes(send.chatId as string) || specialOffers.includes(send.chatId as string),
        10_000,
        'first offer',
      );
      const firstChoice = generalOffers.includes(send.chatId as string) ? 'general' : 'special';
      // Nobody accepts: after the offer lapses the chat goes to the other advisor.
      await waitFor(
        () => (firstChoice === 'general' ? specialOffers : generalOffers).includes(send.chatId as string),
        10_000,
        'offer to the next advisor',
      );
    } finally {
      await request(app.url).patch('/api/organisation').set(auth(admin)).send({ chatRouting: 'pick' }).expect(200);
    }
  });

  it('refuses a browser connection from a foreign origin', async () => {
    const foreign = open('/webchat', { transports: ['polling'], extraHeaders: { origin: 'https://evil.example' } });
    await expect(connected(foreign)).rejects.toThrow();
  });

  it('drops a disabled advisor’s live socket within seconds', async () => {
    const admin = await login(app, 'admin@cambridgeshire.demo');
    const user = await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({
        email: `chat.advisor.${Date.now()}@cambridgeshire.demo`,
        displayName: 'Chat Advisor',
        role: 'advisor',
        password: 'a-long-enough-password',
      })
      .expect(201);
    const token = await login(app, user.body.email, 'a-long-enough-password');
    const advisor = await connect('/console', { auth: { token } });
    const dropped = new Promise<void>((resolve) => advisor.once('disconnect', () => resolve()));
    await request(app.url).patch(`/api/users/${user.body.id}`).set(auth(admin)).send({ disabled: true }).expect(200);
    const started = Date.now();
    await dropped;
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  it('stores messages arriving together in one go, numbered per chat in the order sent, refusing only the ones not allowed', async () => {
    const [advisorToken, otherToken] = await Promise.all([
      login(app, 'advisor@cambridgeshire.demo'),
      login(app, 'supervisor@cambridgeshire.demo'),
    ]);
    const pairs: { citizen: Socket; chatId: string }[] = [];
    const advisor = await connect('/console', { auth: { token: advisorToken } });
    await emit(advisor, 'presence:set', { status: 'available' });
    for (const name of ['Batch One', 'Batch Two']) {
      const citizen = await connect('/webchat');
      const started = await emit(citizen, 'chat:start', { organisation: 'cambridgeshire', consent, name });
      expect(await emit(advisor, 'chat:accept', { chatId: started.chatId })).toMatchObject({ chatId: started.chatId });
      pairs.push({ citizen, chatId: started.chatId as string });
    }
    const intruder = await connect('/console', { auth: { token: otherToken } });

    // All at once: both citizens, the advisor in both chats, and someone else's console in the first chat.
    const sent = await Promise.all([
      ...pairs.flatMap(({ citizen }, chat) => [1, 2, 3, 4].map((n) => emit(citizen, 'chat:message', { text: `citizen ${chat} #${n}` }))),
      ...pairs.flatMap(({ chatId }, chat) => [1, 2].map((n) => emit(advisor, 'chat:message', { chatId, text: `advisor ${chat} #${n}` }))),
      emit(intruder, 'chat:message', { chatId: pairs[0].chatId, text: 'not my chat' }),
    ]);
    expect(sent.at(-1)).toMatchObject({ code: 'CHAT_NOT_FOUND' });
    expect(sent.slice(0, -1).every((ack) => typeof ack.seq === 'number')).toBe(true);
    for (const [chat, { chatId }] of pairs.entries()) {
      const citizenSeqs = sent.slice(chat * 4, chat * 4 + 4).map((ack) => ack.seq as number);
      const advisorSeqs = sent.slice(8 + chat * 2, 8 + chat * 2 + 2).map((ack) => ack.seq as number);
      // Each sender's messages keep their order; the chat's numbers run 1..6 without gaps or repeats.
      expect(citizenSeqs).toEqual([...citizenSeqs].sort((a, b) => a - b));
      expect(advisorSeqs).toEqual([...advisorSeqs].sort((a, b) => a - b));
      expect([...citizenSeqs, ...advisorSeqs].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
      const ended = await emit(advisor, 'chat:end', { chatId });
      expect((ended.transcript as { text: string }[]).map((line) => line.text)).not.toContain('not my chat');
    }
    expect(await emit(pairs[0].citizen, 'chat:message', { text: 'after the end' })).toMatchObject({ code: 'CHAT_NOT_FOUND' });
    expect(await emit(pairs[1].citizen, 'chat:message', { text: 'nul \u0000 inside' })).toMatchObject({ error: expect.any(String) });
  });
});

describe('webchat across two instances (socket.io through Redis)', () => {
  let first: TestApp;
  let second: TestApp;
  // One set of clients per instance: the citizen talks to the first, the advisor to the second.
  const onFirst = socketClients(() => first.url);
  const onSecond = socketClients(() => second.url);

  beforeAll(async () => {
    [first, second] = await Promise.all([
      startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' }),
      startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' }),
    ]);
  });
  afterAll(async () => {
    onFirst.closeAll();
    onSecond.closeAll();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('carries a chat between a citizen on one instance and an advisor on the other, both ways', async () => {
    const once = <T>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve));
    const citizen = await onFirst.connect('/webchat');
    const advisor = await onSecond.connect('/console', { auth: { token: await login(second, 'supervisor@lancashire.demo') } });

    const updates: { waiting: { chatId: string }[] }[] = [];
    advisor.on('queue:updated', (update: { waiting: { chatId: string }[] }) => updates.push(update));
    const started = (await emit(citizen, 'chat:start', {
      organisation: 'lancashire',
      consent: CHAT_CONSENT,
      name: 'Across Instances',
    })) as { chatId: string };
    // The queue change made on the first instance reaches the advisor on the second.
    await waitFor(
      () => updates.some((update) => update.waiting.some((w) => w.chatId === started.chatId)),
      10_000,
      'queue update across instances',
    );

    const assigned = once<{ advisorName: string }>(citizen, 'chat:assigned');
    await emit(advisor, 'chat:accept', { chatId: started.chatId });
    expect((await assigned).advisorName).toBe('Demo Supervisor');

    const atAdvisor = once<{ text: string }>(advisor, 'chat:message');
    await emit(citizen, 'chat:message', { text: 'From instance one' });
    expect((await atAdvisor).text).toBe('From instance one');
    const atCitizen = once<{ text: string }>(citizen, 'chat:message');
    await emit(advisor, 'chat:message', { chatId: started.chatId, text: 'From instance two' });
    expect((await atCitizen).text).toBe('From instance two');
  });
});
