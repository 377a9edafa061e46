import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { auth, newEnquiry } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

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
    const { body } = await request(app.url)
      .post('/api/routing/suggest')
      .set(auth(advisor))
      .send({ text: 'Massive pot holes on the road by the school, and a street light is out' })
      .expect(200);
    expect(body.suggestions[0]).toMatchObject({
      service: 'highways',
      serviceName: expect.any(String),
      confidence: expect.any(Number),
      reasons: expect.arrayContaining(['pot hole']),
    });
    // Milton Keynes has only some of the services: nothing is suggested that it does not run.
    const services = (await request(app.url).get('/api/services').set(auth(advisor)).expect(200)).body.map(
      (service: { code: string }) => service.code,
    );
    const wide = await request(app.url)
      .post('/api/routing/suggest')
      .set(auth(advisor))
      .send({ text: 'register a birth, copy certificate, bus pass, blue badge, library book, missed bin' })
      .expect(200);
    for (const suggestion of wide.body.suggestions) expect(services).toContain(suggestion.service);
  });

  it('follows the rules an administrator sets for a service', async () => {
    const admin = await login(app, 'admin@milton-keynes.demo');
    const text = 'Can we hire the community hall for the knitting circle?';
    expect((await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text }).expect(200)).body.suggestions).toEqual(
      [],
    );
    const updated = await request(app.url)
      .patch('/api/services/libraries')
      .set(auth(admin))
      .send({ routingKeywords: ['library', 'Knitting Circle', 'hire the community hall'] })
      .expect(200);
    expect(updated.body.routingKeywords).toEqual(['library', 'knitting circle', 'hire the community hall']);
    expect(
      (await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text }).expect(200)).body.suggestions[0],
    ).toMatchObject({ service: 'libraries' });
    const bad = await request(app.url)
      .patch('/api/services/libraries')
      .set(auth(admin))
      .send({ routingKeywords: ['x'] })
      .expect(400);
    expect(bad.body.message).toContain('routing keyword');
  });

  it('refuses other roles and bad bodies with the reason', async () => {
    const service = await login(app, 'blue-badge@milton-keynes.demo');
    await request(app.url).post('/api/routing/suggest').set(auth(service)).send({ text: 'pothole' }).expect(403);
    expect((await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({}).expect(400)).body.message).toContain('text');
    expect(
      (await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text: 'pothole', planted: true }).expect(400)).body
        .message,
    ).toContain('planted');
  });

  it('records the advisor’s confirmation or correction beside what was suggested, and counts the corrections', async () => {
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: 'Route Caller' },
      description: 'There is a pothole outside number 4',
    });
    const confirmed = await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/topic`)
      .set(auth(advisor))
      .send({ service: 'highways' })
      .expect(200);
    expect(confirmed.body).toMatchObject({ topic: 'highways', suggested: expect.arrayContaining(['highways']), corrected: false });
    // On second thoughts, the advisor corrects it: the decision moves, once.
    const corrected = await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/topic`)
      .set(auth(advisor))
      .send({ service: 'school-transport' })
      .expect(200);
    expect(corrected.body).toMatchObject({ topic: 'school-transport', corrected: true, suggested: confirmed.body.suggested });
    const read = await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200);
    expect(read.body.topic).toBe('school-transport');
    const supervisor = await login(app, 'supervisor@milton-keynes.demo');
    const summary = await request(app.url).get('/api/routing/summary').set(auth(supervisor)).expect(200);
    expect(summary.body.corrections).toEqual(
      expect.arrayContaining([expect.objectContaining({ suggested: 'highways', chosen: 'school-transport' })]),
    );
    expect(summary.body.decisions).toBeGreaterThanOrEqual(1);
    await request(app.url).get('/api/routing/summary').set(auth(advisor)).expect(403);
    expect(
      (
        await request(app.url)
          .post(`/api/enquiries/${enquiry.id}/topic`)
          .set(auth(advisor))
          .send({ service: 'no-such-service' })
          .expect(404)
      ).body.code,
    ).toBe('SERVICE_NOT_FOUND');
    expect(
      (await request(app.url).post(`/api/enquiries/${enquiry.id}/topic`).set(auth(advisor)).send({ service: 'Highways!' }).expect(400)).body
        .message,
    ).toContain('service');
  });

  it('learns a service no rule describes from the enquiries advisors confirm, never from the people’s own details', async () => {
    const slug = `routing-${randomUUID().slice(0, 8)}`;
    const organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, (c) =>
      c.query(
        `insert into services (organisation_id, code, name, permitted_fields, routing_keywords) values
           ($1, 'highways', 'Highways Service', '{name}', '{pothole,street light}'), ($1, 'community-halls', 'Community Halls', '{name}', '{}')`,
        [organisationId],
      ),
    );
    const local = await login(app, `advisor@${slug}.test`);
    const suggest = async (text: string) =>
      (await request(app.url).post('/api/routing/suggest').set(auth(local)).send({ text }).expect(200)).body.suggestions;
    expect(await suggest('Can I hire the village hall for a christening party?')).toEqual([]);
    const texts = [
      'Booking the community hall for a birthday party',
      'Hire of the village hall on a Saturday',
      'How much is it to hire the hall for a wedding reception',
      'Is the church hall free to book for a party',
    ];
    for (let i = 0; i < 24; i += 1) {
      const enquiry = await newEnquiry(app, local, {
        subject: { name: 'Zebedee Quixote', email: `zq${i}@example.org` },
        description: `${texts[i % texts.length]} for Zebedee Quixote`,
      });
      await request(app.url).post(`/api/enquiries/${enquiry.id}/topic`).set(auth(local)).send({ service: 'community-halls' }).expect(200);
    }
    const [first] = await suggest('Can I hire the village hall for a christening party?');
    expect(first).toMatchObject({ service: 'community-halls', serviceName: 'Community Halls', reasons: expect.arrayContaining(['hall']) });
    expect((await suggest('There is a pothole by the hall'))[0].service).toBe('highways'); // the rules still lead where they find something
    const learnt = await asOwner(organisationId, (c) =>
      c.query<{ token: string }>(`select token from topic_counts where organisation_id = $1`, [organisationId]),
    );
    const tokens = learnt.rows.map((row) => row.token);
    expect(tokens).toEqual(expect.arrayContaining(['hall', 'hire']));
    expect(tokens.filter((token) => /zebedee|quixote|zq|example/.test(token))).toEqual([]);
  });
});
