import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, newEnquiry } from './support/factories.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

/** Resolving by signposting elsewhere: two-tier Lancashire sends bins to its districts. */
describe('signposting to another organisation', () => {
  let app: TestApp;
  let advisor: string;

  beforeAll(async () => {
    app = await startTestApp();
    advisor = await login(app, 'advisor@lancashire.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists where advisors may send citizens, resolves an enquiry that way, and counts it apart in the reports', async () => {
    const list = await request(app.url).get('/api/signposting').set(auth(advisor)).expect(200);
    expect(list.body.map((destination: { code: string }) => destination.code)).toEqual(
      expect.arrayContaining(['preston-city-council', 'nhs-111', 'police-101']),
    );
    expect(list.body.find((destination: { code: string }) => destination.code === 'preston-city-council')).toMatchObject({
      kind: 'district_council',
      active: true,
    });

    const supervisor = await login(app, 'supervisor@lancashire.demo');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const before = (await request(app.url).get(`/api/reports/summary?from=${today}&to=${today}`).set(auth(supervisor)).expect(200)).body
      .signposted;

    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: 'Bin Caller' },
      description: 'My grey bin was not emptied in Preston',
    });
    expect(
      (
        await request(app.url)
          .post(`/api/enquiries/${enquiry.id}/signpost`)
          .set(auth(advisor))
          .send({ destination: 'no-such-place', advice: 'x' })
          .expect(404)
      ).body.code,
    ).toBe('SIGNPOSTING_DESTINATION_NOT_FOUND');
    expect(
      (
        await request(app.url)
          .post(`/api/enquiries/${enquiry.id}/signpost`)
          .set(auth(advisor))
          .send({ destination: 'Preston!', advice: 'x' })
          .expect(400)
      ).body.message,
    ).toContain('destination');
    const signposted = await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/signpost`)
      .set(auth(advisor))
      .send({ destination: 'preston-city-council', advice: 'Bin collections in Preston are run by Preston City Council: 01772 906900' })
      .expect(200);
    expect(signposted.body).toMatchObject({ status: 'resolved', signpostedTo: 'preston-city-council' });
    const read = await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200);
    expect(read.body).toMatchObject({
      status: 'resolved',
      signpostedTo: 'preston-city-council',
      resolutionAdvice: expect.stringContaining('Preston City Council'),
    });
    await request(app.url)
      .post(`/api/enquiries/${enquiry.id}/signpost`)
      .set(auth(advisor))
      .send({ destination: 'nhs-111', advice: 'again' })
      .expect(409);

    const after = (await request(app.url).get(`/api/reports/summary?from=${today}&to=${today}`).set(auth(supervisor)).expect(200)).body
      .signposted;
    expect(after.count).toBe(before.count + 1);
    const count = (summary: { byDestination: { key: string; count: number }[] }) =>
      summary.byDestination.find((entry) => entry.key === 'preston-city-council')?.count ?? 0;
    expect(count(after)).toBe(count(before) + 1);
  });

  it('lets an administrator keep the list, and nobody else', async () => {
    const admin = await login(app, 'admin@cambridgeshire.demo');
    const saved = await request(app.url)
      .put('/api/signposting/huntingdonshire-district-council')
      .set(auth(admin))
      .send({ name: 'Huntingdonshire District Council', kind: 'district_council', contact: '01480 388388' })
      .expect(200);
    expect(saved.body).toEqual({
      code: 'huntingdonshire-district-council',
      name: 'Huntingdonshire District Council',
      kind: 'district_council',
      contact: '01480 388388',
      active: true,
    });
    expect(
      (await request(app.url).put('/api/signposting/x').set(auth(admin)).send({ name: 'X', kind: 'shop' }).expect(400)).body.message,
    ).toContain('kind');
    await request(app.url)
      .put('/api/signposting/other')
      .set(auth(await login(app, 'advisor@cambridgeshire.demo')))
      .send({ name: 'Other', kind: 'other' })
      .expect(403);
    // Lancashire's advisors do not see Cambridgeshire's list.
    expect(
      (await request(app.url).get('/api/signposting').set(auth(advisor)).expect(200)).body.map(
        (destination: { code: string }) => destination.code,
      ),
    ).not.toContain('huntingdonshire-district-council');
  });
});
