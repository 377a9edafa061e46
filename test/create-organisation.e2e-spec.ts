import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TEST_JWT_SECRET, TEST_SECRET_KEY } from './support/constants.js';
import { asOwner } from './support/provision.js';
import { login, sharedDatabaseEnv, startTestApp, testDatabase, withClient, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const NOTICE =
  'Borsetshire Council is the data controller for your enquiry. We use your details to answer it and share only what a service needs.';

/**
 * A new organisation on a running deployment, as an operator makes one (`npm run signpost -- create-organisation`):
 * its privacy notice in force, the catalogue's services, and a first administrator who can sign in with the
 * one-time password printed; a clash or bad details are refused with the reason and nothing is written.
 */
describe('creating an organisation from the command line', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [path.resolve('dist/src/cli.js'), 'create-organisation', ...args], {
      env: {
        PATH: process.env.PATH,
        ...sharedDatabaseEnv(),
        JWT_SECRET: TEST_JWT_SECRET,
        SIGNPOST_SECRET_KEY: TEST_SECRET_KEY,
        NODE_ENV: 'test',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const organisations = (slug: string) =>
    withClient(
      testDatabase().ownerUrl,
      async (c) => (await c.query(`select id from organisations where slug = $1`, [slug])).rows as { id: string }[],
    );

  it('creates the organisation with its notice, services and first administrator, who signs in with the password printed once', async () => {
    const slug = `borsetshire-${randomBytes(3).toString('hex')}`;
    const notice = path.join(await mkdtemp(path.join(os.tmpdir(), 'signpost-notice-')), 'notice.md');
    await writeFile(notice, NOTICE);
    const args = [
      '--slug',
      slug,
      '--name',
      'Borsetshire Council',
      '--dpo-name',
      'Jo Example',
      '--dpo-email',
      `dpo@${slug}.gov.uk`,
      '--privacy-notice',
      notice,
      '--admin-email',
      `Admin@${slug}.gov.uk`,
      '--admin-name',
      'Sam Admin',
      '--nation',
      'scotland',
    ];
    const run = cli(args);
    expect(run.stderr).not.toContain('failed');
    expect(run.status).toBe(0);
    const created = JSON.parse(run.stdout) as { id: string; slug: string; services: number; admin: { email: string; password: string } };
    expect(created).toMatchObject({ slug, services: 17, admin: { email: `admin@${slug}.gov.uk` } });
    expect(created.admin.password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const admin = await login(app, created.admin.email, created.admin.password);
    const organisation = await request(app.url).get('/api/organisation').set(auth(admin)).expect(200);
    expect(organisation.body).toMatchObject({
      slug,
      name: 'Borsetshire Council',
      kind: 'council',
      defaultLegalBasis: 'legitimate_interests',
    });
    expect(organisation.body.businessHours).toMatchObject({
      timezone: 'Europe/London',
      bankHolidays: 'scotland',
      weekly: { 1: ['09:00-17:00'], 5: ['09:00-17:00'] },
    });
    const services = await request(app.url).get('/api/services').set(auth(admin)).expect(200);
    expect(services.body).toHaveLength(17);
    expect(services.body.find((service: { code: string }) => service.code === 'blue-badge')).toBeDefined();
    // Citizens can be told which notice is in force: the chat page reads it.
    const chat = await request(app.url).get(`/api/webchat/${slug}`).expect(200);
    expect(JSON.stringify(chat.body)).toContain(NOTICE.slice(0, 40));
    const audit = await asOwner(
      created.id,
      async (c) => (await c.query(`select action, details from audit_entries where entity_id = $1`, [created.id])).rows,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'organisation.create', details: expect.objectContaining({ by: 'operator', services: 17 }) }),
      ]),
    );
    // The password never reaches the audit trail.
    expect(JSON.stringify(audit)).not.toContain(created.admin.password);

    // The same slug again, or the same administrator for another organisation: refused, nothing written.
    const again = cli(args);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`an organisation "${slug}" exists already`);
    const otherSlug = `${slug}-two`;
    const sameAdmin = cli(args.map((value) => (value === slug ? otherSlug : value)));
    expect(sameAdmin.status).toBe(1);
    expect(sameAdmin.stderr).toContain('already a staff account');
    expect(await organisations(otherSlug)).toHaveLength(0);
  });

  it('names every bad or missing detail and writes nothing', async () => {
    const missing = cli(['--slug', 'nowhere']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--name');
    expect(missing.stderr).toContain('--privacy-notice');

    const notice = path.join(await mkdtemp(path.join(os.tmpdir(), 'signpost-notice-')), 'notice.md');
    await writeFile(notice, 'too short');
    const bad = cli([
      '--slug',
      'Bad Slug!',
      '--name',
      'X',
      '--dpo-name',
      'D',
      '--dpo-email',
      'not-an-address',
      '--privacy-notice',
      notice,
      '--admin-email',
      'a@b.gov.uk',
      '--admin-name',
      'A',
      '--nation',
      'wales',
      '--legal-basis',
      'whim',
    ]);
    expect(bad.status).toBe(1);
    for (const field of ['slug', 'dpo-email', 'privacy-notice', 'nation', 'legal-basis']) expect(bad.stderr).toContain(`${field}:`);
    expect(await organisations('Bad Slug!')).toHaveLength(0);
  });
});
