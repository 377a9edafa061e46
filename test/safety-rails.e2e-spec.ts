import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { signedHeaders } from './support/signing.js';
import { addChannelSecret, asOwner, provisionOrganisation } from './support/provision.js';
import { CHAT_CONSENT, socketClients } from './support/socket-clients.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

const CARD = '4111 1111 1111 1111';
const CARD_DIGITS = '4111111111111111';

/**
 * The safety rails of chat and e-mail: a card number never reaches the database, the advisor or the logs; words of
 * danger show the citizen emergency guidance at once and flag the chat to the organisation's consoles; a supplier
 * asking to change bank details is flagged as a likely fraud. In an organisation of the test's own.
 */
describe('safety rails in chat and e-mail', () => {
  let app: TestApp;
  let organisationId: string;
  const slug = `safety-${randomUUID().slice(0, 8)}`;

  const { connect, emit, closeAll } = socketClients(() => app.url);
  /** Everything a socket receives of an event, as it comes. */
  const collect = <T>(socket: Socket, event: string): T[] => {
    const seen: T[] = [];
    socket.on(event, (payload: T) => seen.push(payload));
    return seen;
  };
  const until = async (condition: () => boolean, what: string) => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      if (condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${what} did not happen`);
  };
  /** Where a card number could have been kept, searched in the organisation's tables. */
  const stored = async (digits: string) =>
    asOwner(organisationId, async (c) => {
      const { rows } = await c.query(
        `select (select count(*) from chat_messages where regexp_replace(text, '[^0-9]', '', 'g') like $1)::int
              + (select count(*) from enquiry_events where regexp_replace(coalesce(body, ''), '[^0-9]', '', 'g') like $1)::int
              + (select count(*) from enquiries where regexp_replace(description, '[^0-9]', '', 'g') like $1)::int
              + (select count(*) from email_messages where regexp_replace(coalesce(subject, ''), '[^0-9]', '', 'g') like $1)::int as n`,
        [`%${digits}%`],
      );
      return rows[0].n as number;
    });

  beforeAll(async () => {
    app = await startTestApp();
    organisationId = await provisionOrganisation(slug);
    await addChannelSecret(organisationId, 'email');
  });
  const citizens: Socket[] = [];
  afterEach(async () => {
    // Each test's chat ends, so that the advisor has room for the next one.
    for (const citizen of citizens.splice(0)) await emit(citizen, 'chat:end').catch(() => undefined);
    closeAll();
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** A citizen in a chat an advisor has accepted, and a supervisor's console watching. */
  const chatting = async () => {
    const citizen = await connect('/webchat');
    citizens.push(citizen);
    const started = await emit(citizen, 'chat:start', { organisation: slug, consent: CHAT_CONSENT, name: 'Safe Citizen' });
    expect(started).toMatchObject({ chatId: expect.any(String) });
    const advisor = await connect('/console', { auth: { token: await login(app, `advisor@${slug}.test`) } });
    const supervisor = await connect('/console', { auth: { token: await login(app, `supervisor@${slug}.test`) } });
    expect(await emit(advisor, 'chat:accept', { chatId: started.chatId })).toMatchObject({ chatId: started.chatId });
    return {
      chatId: started.chatId as string,
      citizen,
      citizenSees: collect<{ from: string; text: string }>(citizen, 'chat:message'),
      advisorSees: collect<{ from: string; text: string }>(advisor, 'chat:message'),
      flags: collect<{ chatId: string; kind: string }>(supervisor, 'chat:flagged'),
    };
  };

  it('removes a card number before it is stored or relayed, and tells the citizen how to pay safely', async () => {
    const { citizen, citizenSees, advisorSees } = await chatting();
    expect(await emit(citizen, 'chat:message', { text: `I want to pay my fine, my card is ${CARD} expiry 12/28` })).toMatchObject({
      seq: expect.any(Number),
    });
    await until(() => advisorSees.length >= 2 && citizenSees.some((message) => message.from === 'system'), 'the relay and the guidance');
    expect(advisorSees[0].text).toBe('I want to pay my fine, my card is [card number removed] expiry 12/28');
    expect(citizenSees.find((message) => message.from === 'system')?.text).toContain('never send card details');
    expect(JSON.stringify(advisorSees)).not.toContain(CARD);
    expect(await stored(CARD_DIGITS)).toBe(0);
    expect(app.output().replace(/\D/g, '')).not.toContain(CARD_DIGITS);
  });

  it('shows the emergency guidance at once when someone may be in danger, and flags the chat to the consoles', async () => {
    const { chatId, citizen, citizenSees, flags } = await chatting();
    await emit(citizen, 'chat:message', { text: 'Please help, my partner is going to kill me' });
    await until(() => citizenSees.some((message) => message.from === 'system' && message.text.includes('999')), 'the emergency guidance');
    await until(() => flags.length > 0, 'the flag');
    expect(flags).toEqual([{ chatId, kind: 'danger', kinds: expect.arrayContaining(['domestic_abuse']), flagId: expect.any(String) }]);
    // A message left out of hours cannot wait for an advisor: the answer carries the guidance.
    const visitor = await connect('/webchat');
    const left = await emit(visitor, 'chat:leave-message', {
      organisation: slug,
      consent: CHAT_CONSENT,
      name: 'Night Visitor',
      email: 'night@example.org',
      text: 'I am not safe here tonight',
    });
    expect(left).toMatchObject({ reference: expect.any(String), guidance: expect.stringContaining('999') });
  });

  it('flags a supplier asking to change bank details as a likely fraud, in chat and in e-mail', async () => {
    const { chatId, citizen, flags } = await chatting();
    await emit(citizen, 'chat:message', { text: 'Hello, we are a supplier, please update our bank details for the next invoice' });
    await until(() => flags.length > 0, 'the flag');
    expect(flags).toEqual([{ chatId, kind: 'bank_details_change' }]);
    const raw = [
      'From: Accounts <accounts@supplier.example>',
      `To: contact@${slug}.demo`,
      `Subject: New bank details, card ${CARD}`,
      `Message-ID: <${randomUUID()}@supplier.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Our bank account has changed. Please pay invoice 4471 into our new account. Or charge ${CARD_DIGITS}.`,
    ].join('\r\n');
    const created = await request(app.url)
      .post(`/api/channels/email/${slug}/inbound`)
      .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
      .send(raw)
      .expect(201);
    const enquiry = await request(app.url)
      .get(`/api/enquiries/${created.body.enquiryId}`)
      .set('authorization', `Bearer ${await login(app, `advisor@${slug}.test`)}`)
      .expect(200);
    expect(enquiry.body.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metadata: expect.objectContaining({ event: 'safety_flag', kind: 'bank_details_change' }) }),
      ]),
    );
    expect(JSON.stringify(enquiry.body).replace(/\D/g, '')).not.toContain(CARD_DIGITS);
    expect(await stored(CARD_DIGITS)).toBe(0);
  });
});
