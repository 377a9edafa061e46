import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { TEST_JWT_SECRET, TEST_SECRET_KEY } from '../support/constants.js';
import { auth } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { suffix } from '../support/security.js';
import { login, sharedDatabaseEnv, startTestApp, testDatabase, withClient, type TestApp } from '../support/test-app.js';
import { freePort } from '../support/free-port.js';

/** The operator's command, run as `npm run signpost --` runs it (each boots the application: tens of seconds on a busy machine). */
function operator(...args: string[]) {
  const env = {
    PATH: process.env.PATH,
    ...sharedDatabaseEnv(),
    JWT_SECRET: TEST_JWT_SECRET,
    SIGNPOST_SECRET_KEY: TEST_SECRET_KEY,
    NODE_ENV: 'test',
  };
  return spawnSync(process.execPath, [path.resolve('dist/src/cli.js'), ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

/**
 * Issue 19, item 1: one organisation's administrator could take over another organisation's inbound e-mail by
 * setting the same address; the SMTP listener then routed citizens' mail to whichever row came first.
 */
describe('inbound e-mail addresses belong to one organisation', () => {
  let app: TestApp;
  let smtpPort: number;
  const owner = `mail-own-${suffix()}`;
  const rival = `mail-rival-${suffix()}`;
  let ownerId: string;
  let rivalId: string;
  let ownerAdmin: string;
  let rivalAdmin: string;

  beforeAll(async () => {
    [ownerId, rivalId] = [await provisionOrganisation(owner), await provisionOrganisation(rival)];
    smtpPort = await freePort();
    app = await startTestApp({ SMTP_PORT: String(smtpPort) });
    [ownerAdmin, rivalAdmin] = [await login(app, `admin@${owner}.test`), await login(app, `admin@${rival}.test`)];
  });
  afterAll(async () => {
    await app?.stop();
  });

  const setAddress = (token: string, enquiriesEmail: string) =>
    request(app.url).patch('/api/organisation').set(auth(token)).send({ enquiriesEmail });

  it('refuses, with 409, an address another organisation holds, in any letter case; the holder keeps it', async () => {
    await setAddress(ownerAdmin, `Contact@${owner}.test`).expect(200);
    for (const taken of [`contact@${owner}.test`, `CONTACT@${owner.toUpperCase()}.TEST`]) {
      const refused = await setAddress(rivalAdmin, taken).expect(409);
      expect(refused.body).toMatchObject({ code: 'INBOUND_ADDRESS_TAKEN' });
      expect(refused.body.message).not.toContain(owner); // the holder is not named
    }
    const held = await request(app.url).get('/api/organisation').set(auth(ownerAdmin)).expect(200);
    expect(held.body.enquiriesEmail).toBe(`contact@${owner}.test`);
    const rivals = await request(app.url).get('/api/organisation').set(auth(rivalAdmin)).expect(200);
    expect(rivals.body.enquiriesEmail).toBeUndefined();
  });

  it('lets an administrator choose an address only in a mail domain the operator routed to the organisation', async () => {
    const outside = await setAddress(rivalAdmin, 'contact@unclaimed-council.gov.uk').expect(403);
    expect(outside.body).toMatchObject({ code: 'INBOUND_DOMAIN_NOT_ASSIGNED' });
    const tagged = await setAddress(rivalAdmin, `contact+x@${rival}.test`).expect(400);
    expect(tagged.body.errors).toEqual([{ field: 'enquiriesEmail', problem: 'must not contain "+"' }]);
    const own = await setAddress(rivalAdmin, `enquiries@${rival}.test`).expect(200);
    expect(own.body).toMatchObject({ enquiriesEmail: `enquiries@${rival}.test`, inboundDomains: [`${rival}.test`] });
  });

  it('enforces uniqueness in the database itself, case-insensitively, whatever writes the row', async () => {
    await expect(
      asOwner(rivalId, (c) => c.query(`update organisations set enquiries_email = $2 where id = $1`, [rivalId, `contact@${owner}.test`])),
    ).rejects.toMatchObject({
      constraint: 'uq_organisations_enquiries_email',
    });
    await expect(
      asOwner(rivalId, (c) => c.query(`update organisations set enquiries_email = $2 where id = $1`, [rivalId, `Contact@${owner}.test`])),
    ).rejects.toMatchObject({
      constraint: 'ck_organisations_enquiries_email_lower',
    });
    // The runtime role may not widen its own mail domains.
    await expect(
      withClient(testDatabase().runtimeUrl, async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.current_tenant', $1, true)`, [rivalId]);
        await c.query(`update organisations set inbound_domains = array['${owner}.test'] where id = $1`, [rivalId]);
      }),
    ).rejects.toMatchObject({ code: '42501' }); // insufficient privilege
  });

  it('gives exactly one of two organisations racing for one address that both may use', async () => {
    const shared = `shared-${suffix()}.test`;
    for (const slug of [owner, rival])
      expect(operator('inbound-domains', '--organisation', slug, '--set', `${slug}.test,${shared}`).status).toBe(0);
    const statuses = (await Promise.all([setAddress(ownerAdmin, `contact@${shared}`), setAddress(rivalAdmin, `contact@${shared}`)]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    const holders = await withClient(testDatabase().ownerUrl, (c) =>
      c.query(`select id from organisations where enquiries_email = $1`, [`contact@${shared}`]),
    ); // every tenant may read the registry
    expect(holders.rowCount).toBe(1);
    // Put the test's addresses back for the cases below.
    await setAddress(ownerAdmin, `contact@${owner}.test`);
  }, 240_000);

  it('routes mail over SMTP to the one organisation holding the address, a +tag or capitals included', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const marker = `marker-${suffix()}`;
    for (const to of [`contact@${owner}.test`, `CONTACT+ref@${owner.toUpperCase()}.test`]) {
      await transport.sendMail({ from: 'citizen@example.org', to, subject: `Missed bin ${marker}`, text: `My bin was missed ${marker}` });
    }
    const count = (organisationId: string) =>
      asOwner(
        organisationId,
        async (c) =>
          (await c.query<{ n: number }>(`select count(*)::int as n from enquiries where description like $1`, [`%${marker}%`])).rows[0].n,
      );
    expect({ owner: await count(ownerId), rival: await count(rivalId) }).toEqual({ owner: 2, rival: 0 });
    // An address nobody holds is refused at RCPT TO.
    await expect(
      transport.sendMail({ from: 'citizen@example.org', to: `contact@${rival}-nobody.test`, subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it("gives the operator's command the last word: it sets, refuses a held address, and clears", async () => {
    const held = operator('inbound-address', '--organisation', rival, '--address', `contact@${owner}.test`);
    expect(held.status).toBe(1);
    expect(held.stderr).toContain('another organisation receives e-mail at this address');
    const set = operator('inbound-address', '--organisation', rival, '--address', 'Help@Rival-Elsewhere.example');
    expect(set.status).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ organisation: rival, enquiriesEmail: 'help@rival-elsewhere.example' });
    const cleared = operator('inbound-address', '--organisation', rival, '--clear');
    expect(JSON.parse(cleared.stdout)).toMatchObject({ enquiriesEmail: null });
    expect(operator('inbound-domains', '--organisation', 'no-such-organisation').status).toBe(2);
    const audit = await asOwner(rivalId, (c) => c.query(`select details from audit_entries where action = 'organisation.inbound_mail'`));
    expect(audit.rows.map((row) => row.details)).toEqual(
      expect.arrayContaining([
        { by: 'operator', enquiriesEmail: 'set' },
        { by: 'operator', enquiriesEmail: 'cleared' },
      ]),
    );
  }, 480_000);
});
