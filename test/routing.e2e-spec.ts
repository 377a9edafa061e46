import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { login, startTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('topic suggestion (POST /api/routing/suggest)', () => {
  let app: TestApp;
  let advisor: string;

  beforeAll(async () => {
    app = await startTestApp();
    advisor = await login(app, 'advisor@milton-keynes.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('suggests the organisation’s services from their keyword rules, best first, with the words that led there', async () => {
    const { body } = await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text: 'Massive pot holes on the road by the school, and a street light is out' }).expect(200);
    expect(body.suggestions[0]).toMatchObject({ service: 'highways', serviceName: expect.any(String), confidence: expect.any(Number), reasons: expect.arrayContaining(['pot hole']) });
    // Milton Keynes has only some of the services: nothing is suggested that it does not run.
    const services = (await request(app.url).get('/api/services').set(auth(advisor)).expect(200)).body.map((service: { code: string }) => service.code);
    const wide = await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text: 'register a birth, copy certificate, bus pass, blue badge, library book, missed bin' }).expect(200);
    for (const suggestion of wide.body.suggestions) expect(services).toContain(suggestion.service);
  });

  it('follows the rules an administrator sets for a service', async () => {
    const admin = await login(app, 'admin@milton-keynes.demo');
    const text = 'Can we hire the community hall for the knitting circle?';
    expect((await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text }).expect(200)).body.suggestions).toEqual([]);
    const updated = await request(app.url).patch('/api/services/libraries').set(auth(admin)).send({ routingKeywords: ['library', 'Knitting Circle', 'hire the community hall'] }).expect(200);
    expect(updated.body.routingKeywords).toEqual(['library', 'knitting circle', 'hire the community hall']);
    expect((await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text }).expect(200)).body.suggestions[0]).toMatchObject({ service: 'libraries' });
    const bad = await request(app.url).patch('/api/services/libraries').set(auth(admin)).send({ routingKeywords: ['x'] }).expect(400);
    expect(bad.body.message).toContain('routing keyword');
  });

  it('refuses other roles and bad bodies with the reason', async () => {
    const service = await login(app, 'blue-badge@milton-keynes.demo');
    await request(app.url).post('/api/routing/suggest').set(auth(service)).send({ text: 'pothole' }).expect(403);
    expect((await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({}).expect(400)).body.message).toContain('text');
    expect((await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text: 'pothole', planted: true }).expect(400)).body.message).toContain('planted');
  });
});
