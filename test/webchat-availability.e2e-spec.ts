import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { CHAT_CONSENT, socketClients } from './support/socket-clients.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The GOV.UK-style availability check a council's page makes before it shows a chat button: it follows advisors
 * coming on and going off and the queue growing. In an organisation of the test's own.
 */
describe('webchat availability (GET /api/webchat/:organisation/availability)', () => {
  let app: TestApp;
  let organisationId: string;
  const slug = `avail-${randomUUID().slice(0, 8)}`;

  const { connect, emit, closeAll } = socketClients(() => app.url);
  /** The status, once it is `expected` (one reading serves callers for two seconds). */
  const becomes = async (expected: string) => {
    let status = '';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      status = (await request(app.url).get(`/api/webchat/${slug}/availability`).expect(200)).body.status;
      if (status === expected) return status;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return status;
  };
  const startChat = async () => emit(await connect('/webchat'), 'chat:start', { organisation: slug, consent: CHAT_CONSENT });

  beforeAll(async () => {
    app = await startTestApp();
    organisationId = await provisionOrganisation(slug);
    // One chat at a time for this advisor, so that the queue outgrows them quickly.
    await asOwner(organisationId, (c) =>
      c.query(`update staff_users set max_concurrent_chats = 1 where organisation_id = $1 and role = 'advisor'`, [organisationId]),
    );
  });
  afterAll(async () => {
    closeAll();
    await app?.stop();
  });

  it('answers without a login, from any site, cacheable for a few seconds, and says nothing personal', async () => {
    const response = await request(app.url)
      .get(`/api/webchat/${slug}/availability`)
      .set('origin', 'https://www.council.example')
      .expect(200);
    expect(response.body).toEqual({ status: 'UNAVAILABLE' });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cache-control']).toBe('public, max-age=5');
    await request(app.url).get('/api/webchat/no-such-council/availability').expect(404);
  });

  it('goes AVAILABLE when an advisor comes on, BUSY as the queue outgrows them, and UNAVAILABLE when they go or the organisation closes', async () => {
    expect(await becomes('UNAVAILABLE')).toBe('UNAVAILABLE');
    const advisor = await connect('/console', { auth: { token: await login(app, `advisor@${slug}.test`) } });
    expect(await becomes('AVAILABLE')).toBe('AVAILABLE');
    const first = await startChat();
    expect(await emit(advisor, 'chat:accept', { chatId: first.chatId })).toMatchObject({ chatId: first.chatId });
    expect(await becomes('AVAILABLE')).toBe('AVAILABLE'); // at their limit, but nobody waits yet
    await startChat();
    expect(await becomes('BUSY')).toBe('BUSY');
    const info = await request(app.url).get(`/api/webchat/${slug}`).expect(200);
    expect(info.body.availability).toBe('BUSY');
    // Away from the console: nobody is on.
    expect(await emit(advisor, 'presence:set', { status: 'away' })).toMatchObject({ status: 'away' });
    expect(await becomes('UNAVAILABLE')).toBe('UNAVAILABLE');
    expect(await emit(advisor, 'presence:set', { status: 'available' })).toMatchObject({ status: 'available' });
    expect(await becomes('BUSY')).toBe('BUSY');
    advisor.disconnect();
    expect(await becomes('UNAVAILABLE')).toBe('UNAVAILABLE');
    // Closed all week: unavailable whoever is on.
    await asOwner(organisationId, (c) =>
      c.query(`update organisations set business_hours = jsonb_set(business_hours, '{weekly}', '{}'::jsonb) where id = $1`, [
        organisationId,
      ]),
    );
    await connect('/console', { auth: { token: await login(app, `advisor@${slug}.test`) } });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await request(app.url).get(`/api/webchat/${slug}/availability`).expect(200)).body.status).toBe('UNAVAILABLE');
  });
});
