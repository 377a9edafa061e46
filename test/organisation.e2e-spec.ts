import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth } from './support/factories.js';
import { asTenant, login, startTestApp, testDatabase, type TestApp } from './support/test-app.js';

describe('organisation settings', () => {
  let app: TestApp;
  let admin: string;
  let advisor: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, 'admin@milton-keynes.demo');
    advisor = await login(app, 'advisor@milton-keynes.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows staff their own organisation, with privacy notice version "1" in force', async () => {
    const { body } = await request(app.url).get('/api/organisation').set(auth(advisor)).expect(200);
    expect(body).toMatchObject({
      slug: 'milton-keynes',
      name: 'Milton Keynes Council',
      defaultLegalBasis: 'legitimate_interests',
      dpo: { email: 'dpo@milton-keynes.demo' },
      currentPrivacyNotice: { version: '1', effectiveFrom: '2024-01-01' },
    });
    expect(body.currentPrivacyNotice.body).toContain('Article 6(1)(f)');
  });

  it('publishes a new notice version that takes over on its first day, and never overwrites a version', async () => {
    await request(app.url)
      .post('/api/organisation/privacy-notices')
      .set(auth(admin))
      .send({ version: '2', title: 'Updated notice', url: 'https://www.milton-keynes.gov.uk/privacy', effectiveFrom: '2099-01-01' })
      .expect(201);
    const current = await request(app.url).get('/api/organisation').set(auth(advisor)).expect(200);
    expect(current.body.currentPrivacyNotice.version).toBe('1'); // version 2 applies from 2099
    const again = await request(app.url)
      .post('/api/organisation/privacy-notices')
      .set(auth(admin))
      .send({ version: '2', title: 'Overwrite attempt', body: 'x', effectiveFrom: '2025-01-01' })
      .expect(409);
    expect(again.body.code).toBe('PRIVACY_NOTICE_VERSION_EXISTS');
    const list = await request(app.url).get('/api/organisation/privacy-notices').set(auth(advisor)).expect(200);
    expect(list.body.map((n: { version: string }) => n.version)).toEqual(['2', '1']);
    expect(list.body[0].title).toBe('Updated notice');
  });

  it('lets an administrator change opening hours and refuses impossible ones with the reason', async () => {
    // Still open around the clock (other test files chat with this organisation at the same time), written differently.
    const allDay = ['00:00-12:00', '12:00-24:00'];
    const hours = {
      timezone: 'Europe/London',
      bankHolidays: 'none',
      weekly: { '1': allDay, '2': allDay, '3': allDay, '4': allDay, '5': allDay, '6': allDay, '7': allDay },
    };
    const { body } = await request(app.url).patch('/api/organisation').set(auth(admin)).send({ businessHours: hours }).expect(200);
    expect(body.businessHours).toEqual(hours);
    const bad = await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({ businessHours: { ...hours, weekly: { '1': ['18:00-08:00'] } } })
      .expect(400);
    expect(bad.body.message).toContain('ends before it starts');
    await request(app.url).patch('/api/organisation').set(auth(advisor)).send({ name: 'Renamed' }).expect(403);
    const after = await request(app.url).get('/api/organisation').set(auth(advisor)).expect(200);
    expect(after.body.businessHours).toEqual(hours);
  });

  it('rotates a channel secret: shown once, sealed at rest, the old one kept for the switch-over', async () => {
    const before = await asTenant(testDatabase().runtimeUrl, 'milton-keynes', (c) =>
      c.query(`select secret from channel_credentials where channel = 'phone'`),
    );
    const { body } = await request(app.url).post('/api/organisation/channels/phone/secret').set(auth(admin)).expect(201);
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const after = await asTenant(testDatabase().runtimeUrl, 'milton-keynes', (c) =>
      c.query(`select secret, previous_secret from channel_credentials where channel = 'phone'`),
    );
    expect(after.rows[0].secret).toMatch(/^v2\./);
    expect(after.rows[0].secret).not.toContain(body.secret.slice(6, 30));
    expect(after.rows[0].previous_secret).toBe(before.rows[0].secret);
    await request(app.url).post('/api/organisation/channels/webchat/secret').set(auth(admin)).expect(400);
    await request(app.url).post('/api/organisation/channels/phone/secret').set(auth(advisor)).expect(403);
  });
});
