import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth } from './support/factories.js';
import { asTenant, login, startTestApp, testDatabase, type TestApp } from './support/test-app.js';

const SECRET = 'whsec_c2lnbnBvc3QtdGVzdC13ZWJob29rLXNlY3JldC0x';

describe('services directory', () => {
  let app: TestApp;
  let lancashireAdmin: string;
  let cambridgeshireAdmin: string;

  beforeAll(async () => {
    app = await startTestApp();
    lancashireAdmin = await login(app, 'admin@lancashire.demo');
    cambridgeshireAdmin = await login(app, 'admin@cambridgeshire.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("lists all 17 of Lancashire's services with a minimised default matrix", async () => {
    const advisor = await login(app, 'advisor@lancashire.demo');
    const { body } = await request(app.url).get('/api/services').set(auth(advisor)).expect(200);
    expect(body.map((service: { code: string }) => service.code).sort()).toEqual(
      [
        'adults-social-care',
        'becon',
        'blue-badge',
        'cashiers',
        'certificate',
        'childrens-social-care',
        'family-information',
        'highways',
        'homes-for-ukraine',
        'libraries',
        'nowcard',
        'procure2pay',
        'registration',
        'school-admissions',
        'school-transport',
        'send-iass',
        'waste-helpline',
      ].sort(),
    );
    const byCode = Object.fromEntries(body.map((service: { code: string }) => [service.code, service]));
    expect(byCode.highways.permittedFields).not.toContain('dateOfBirth');
    expect(byCode['blue-badge'].permittedFields).toEqual(expect.arrayContaining(['name', 'dateOfBirth', 'contactNumber', 'address']));
    expect(byCode.libraries.permittedFields).toEqual(['name', 'contactNumber', 'reasonForReferral', 'actionsAlreadyTaken']);
    for (const service of body)
      expect(service.permittedFields).toEqual(expect.arrayContaining(['reasonForReferral', 'actionsAlreadyTaken']));
  });

  it('lets an administrator change permitted fields and delivery, and never returns the secret', async () => {
    const { body } = await request(app.url)
      .patch('/api/services/highways')
      .set(auth(lancashireAdmin))
      .send({
        permittedFields: ['name', 'address', 'reasonForReferral'],
        delivery: { type: 'webhook', url: 'https://highways.example.org/referrals', secret: SECRET },
      })
      .expect(200);
    expect(body).toMatchObject({
      code: 'highways',
      permittedFields: ['name', 'address', 'reasonForReferral'],
      delivery: { type: 'webhook', url: 'https://highways.example.org/referrals', secretSet: true },
    });
    const listed = await request(app.url).get('/api/services/highways').set(auth(lancashireAdmin)).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect(JSON.stringify(body)).not.toContain(SECRET);
    const stored = await asTenant(testDatabase().runtimeUrl, 'lancashire', (client) =>
      client.query(`select permitted_fields, webhook_secret from services where code = 'highways'`),
    );
    expect(stored.rows[0].permitted_fields).toEqual(['name', 'address', 'reasonForReferral']);
    // Sealed at rest: a copy of the database alone does not reveal the signing secret.
    expect(stored.rows[0].webhook_secret).toMatch(/^v2\./);
    expect(stored.rows[0].webhook_secret).not.toContain(SECRET.slice(6));
  });

  it('refuses a field outside the seven, a delivery with missing or misplaced fields, and unknown fields', async () => {
    const attempt = (body: unknown) =>
      request(app.url)
        .patch('/api/services/libraries')
        .set(auth(lancashireAdmin))
        .send(body as object);
    const badField = await attempt({ permittedFields: ['name', 'nationalInsuranceNumber'] }).expect(400);
    expect(badField.body.errors[0].field).toBe('permittedFields');
    const noSecret = await attempt({ delivery: { type: 'webhook', url: 'https://x.example.org/hook' } }).expect(400);
    expect(noSecret.body.message).toContain('delivery.secret');
    const misplaced = await attempt({ delivery: { type: 'portal', address: 'libraries@example.org' } }).expect(400);
    expect(misplaced.body.message).toContain('delivery.address');
    const unknown = await attempt({ organisationId: 'x', delivery: { type: 'portal', extra: 1 } }).expect(400);
    expect(unknown.body.message).toContain('organisationId');
    expect(unknown.body.message).toContain('delivery.extra');
    const after = await request(app.url).get('/api/services/libraries').set(auth(lancashireAdmin)).expect(200);
    expect(after.body.permittedFields).toEqual(['name', 'contactNumber', 'reasonForReferral', 'actionsAlreadyTaken']);
    expect(after.body.delivery).toEqual({ type: 'portal' });
  });

  it("answers another organisation's service exactly as an unknown one (404)", async () => {
    // BECON exists only in Lancashire's directory.
    const list = await request(app.url).get('/api/services').set(auth(cambridgeshireAdmin)).expect(200);
    expect(list.body.map((s: { code: string }) => s.code)).not.toContain('becon');

    const strip = ({ correlationId: _ignored, ...rest }: Record<string, unknown>) => rest;
    const foreignRead = await request(app.url).get('/api/services/becon').set(auth(cambridgeshireAdmin)).expect(404);
    const unknownRead = await request(app.url).get('/api/services/no-such-service').set(auth(cambridgeshireAdmin)).expect(404);
    expect(strip(foreignRead.body)).toEqual(strip(unknownRead.body));

    const foreignPatch = await request(app.url)
      .patch('/api/services/becon')
      .set(auth(cambridgeshireAdmin))
      .send({ permittedFields: ['name'] })
      .expect(404);
    const unknownPatch = await request(app.url)
      .patch('/api/services/no-such-service')
      .set(auth(cambridgeshireAdmin))
      .send({ permittedFields: ['name'] })
      .expect(404);
    expect(strip(foreignPatch.body)).toEqual(strip(unknownPatch.body));

    const becon = await request(app.url).get('/api/services/becon').set(auth(lancashireAdmin)).expect(200);
    expect(becon.body.permittedFields).toEqual(['name', 'contactNumber', 'address', 'reasonForReferral', 'actionsAlreadyTaken']);
  });

  it("changes only the caller's own organisation's copy of a shared service code", async () => {
    await request(app.url).patch('/api/services/blue-badge').set(auth(cambridgeshireAdmin)).send({ active: false }).expect(200);
    const lancashire = await request(app.url).get('/api/services/blue-badge').set(auth(lancashireAdmin)).expect(200);
    expect(lancashire.body.active).toBe(true);
    await request(app.url).patch('/api/services/blue-badge').set(auth(cambridgeshireAdmin)).send({ active: true }).expect(200);
  });
});
