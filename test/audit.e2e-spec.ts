import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, newEnquiry } from './support/factories.js';
import { asTenant, login, startTestApp, testDatabase, withClient, type TestApp } from './support/test-app.js';

// Personal details that must never reach the audit trail.
const PLANTED = {
  name: 'Planted Auditperson',
  phone: '07700 900888',
  email: 'planted.auditperson@example.org',
  postcode: 'NN1 9ZZ',
  address: '99 Plantation Row, Northampton',
  dateOfBirth: '1961-07-19',
};
const PLANTED_DESCRIPTION = 'planted-description-text about a broken boiler';

describe('tamper-evident audit trail', () => {
  let app: TestApp;
  let advisor: string;
  let dpo: string;
  let enquiryId: string;

  beforeAll(async () => {
    app = await startTestApp();
    advisor = await login(app, 'advisor@northamptonshire.demo');
    dpo = await login(app, 'dpo@northamptonshire.demo');
    const created = await newEnquiry(app, advisor, {
      subject: PLANTED,
      description: PLANTED_DESCRIPTION,
      specialCategory: { categories: ['health'], explicitConsent: true, details: 'planted-health-detail' },
    });
    enquiryId = created.id;
    await request(app.url).get(`/api/enquiries/${enquiryId}`).set(auth(advisor)).expect(200);
    await request(app.url)
      .get(`/api/enquiries?q=${encodeURIComponent(PLANTED.email)}`)
      .set(auth(advisor))
      .expect(200);
    await request(app.url)
      .post(`/api/enquiries/${enquiryId}/resolve`)
      .set(auth(advisor))
      .send({ advice: 'planted-advice-text' })
      .expect(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('verifies an intact chain', async () => {
    const { body } = await request(app.url).get('/api/audit/verify').set(auth(dpo)).expect(200);
    expect(body).toEqual({ valid: true, entries: expect.any(Number) });
    expect(body.entries).toBeGreaterThanOrEqual(5);
  });

  it('holds ids and field names, never personal values', async () => {
    const rows = await asTenant(testDatabase().runtimeUrl, 'northamptonshire', (client) => client.query('select * from audit_entries'));
    const text = JSON.stringify(rows.rows).toLowerCase();
    for (const value of [
      ...Object.values(PLANTED),
      '+447700900888',
      'NN19ZZ',
      PLANTED_DESCRIPTION,
      'planted-health-detail',
      'planted-advice-text',
    ]) {
      expect({ value, found: text.includes(value.toLowerCase()) }).toEqual({ value, found: false });
    }
    const trail = await request(app.url).get(`/api/audit?entity=enquiry&id=${enquiryId}`).set(auth(dpo)).expect(200);
    const create = trail.body.items.find((entry: { action: string }) => entry.action === 'enquiry.create');
    expect(create.fields).toEqual(
      expect.arrayContaining(['subject.name', 'subject.phone', 'subject.email', 'description', 'specialCategory.details']),
    );
  });

  it('cannot be changed or removed by the application role', async () => {
    await expect(
      asTenant(testDatabase().runtimeUrl, 'northamptonshire', (client) =>
        client.query(`update audit_entries set action = 'x' where entity_id = $1`, [enquiryId]),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asTenant(testDatabase().runtimeUrl, 'northamptonshire', (client) =>
        client.query(`delete from audit_entries where entity_id = $1`, [enquiryId]),
      ),
    ).rejects.toThrow(/permission denied/);
    // Even the owner is stopped by the append-only trigger.
    await expect(
      asTenant(testDatabase().ownerUrl, 'northamptonshire', (client) =>
        client.query(`update audit_entries set action = 'x' where entity_id = $1`, [enquiryId]),
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('reports an entry altered or removed directly in the database (as the owner, with the trigger disabled)', async () => {
    const { ownerUrl } = testDatabase();
    const target = await asTenant(ownerUrl, 'northamptonshire', async (client) => {
      const { rows } = await client.query(
        `select * from audit_entries where entity_id = $1 and action = 'enquiry.read' order by seq limit 1`,
        [enquiryId],
      );
      return rows[0];
    });
    const tamper = (sql: string, params: unknown[]) =>
      withClient(ownerUrl, async (client) => {
        await client.query('begin');
        await client.query(`select set_config('app.current_tenant', $1, true)`, [target.organisation_id]);
        await client.query('alter table audit_entries disable trigger audit_entries_append_only');
        await client.query(sql, params);
        await client.query('alter table audit_entries enable trigger audit_entries_append_only');
        await client.query('commit');
      });

    await tamper(`update audit_entries set action = 'enquiry.list' where id = $1`, [target.id]);
    const altered = await request(app.url).get('/api/audit/verify').set(auth(dpo)).expect(200);
    expect(altered.body).toMatchObject({ valid: false, brokenAt: { seq: String(target.seq), reason: 'altered' } });

    await tamper(`delete from audit_entries where id = $1`, [target.id]);
    const removed = await request(app.url).get('/api/audit/verify').set(auth(dpo)).expect(200);
    expect(removed.body).toMatchObject({ valid: false, brokenAt: { seq: String(target.seq), reason: 'missing' } });

    // Put the original back: the chain verifies again.
    const columns = Object.keys(target);
    await tamper(
      `insert into audit_entries (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((column) => (column === 'details' ? JSON.stringify(target[column]) : target[column])),
    );
    const restored = await request(app.url).get('/api/audit/verify').set(auth(dpo)).expect(200);
    expect(restored.body.valid).toBe(true);
  });

  it('is open to the DPO and administrators only', async () => {
    await request(app.url).get('/api/audit/verify').set(auth(advisor)).expect(403);
    const admin = await login(app, 'admin@northamptonshire.demo');
    await request(app.url).get('/api/audit').set(auth(admin)).expect(200);
  });

  it('records logins, successful and failed, against the account', async () => {
    await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'supervisor@northamptonshire.demo', password: 'wrong-password' })
      .expect(401);
    await login(app, 'supervisor@northamptonshire.demo');
    const { body } = await request(app.url).get('/api/audit?entity=staff_user').set(auth(dpo)).expect(200);
    const actions = body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['login.failure', 'login.success']));
    const failure = body.items.find((entry: { action: string }) => entry.action === 'login.failure');
    expect(failure.details).toEqual({ reason: 'wrong_password' });
  });
});
