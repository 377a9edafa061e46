import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  publicKeyFingerprint,
  publicKeyOf,
  publicKeyText,
  signDocument,
  signingKey,
  verifyDocument,
} from '../src/accountability/signed-document.js';
import { TEST_JWT_SECRET, TEST_SECRET_KEY } from './support/constants.js';
import { auth, newEnquiry } from './support/factories.js';
import { signedHeaders } from './support/signing.js';
import { asOwner, provisionOrganisation as provision } from './support/provision.js';
import { login, sharedDatabaseEnv, startTestApp, testDatabase, withClient, type TestApp } from './support/test-app.js';

/** Row counts of the tables that hold an organisation's contacts, and how many still hold personal data. */
async function holdings(organisationId: string): Promise<Record<string, number>> {
  return asOwner(organisationId, async (c) => {
    const { rows } = await c.query(
      `
      select (select count(*) from enquiries)::int as enquiries, (select count(*) from enquiries where erased_at is null)::int as unerased_enquiries,
             (select count(*) from data_subjects where erased_at is null)::int as people, (select count(*) from data_subject_identifiers)::int as identifiers,
             (select count(*) from enquiry_events where body is not null)::int as notes, (select count(*) from call_logs)::int as call_logs,
             (select count(*) from call_recordings)::int as recordings, (select count(*) from staff_users where not disabled and organisation_id = $1)::int as active_staff`,
      [organisationId],
    );
    return rows[0] as Record<string, number>;
  });
}

/**
 * An organisation leaving the shared service: `npm run signpost -- offboard` erases every contact's details of
 * that organisation only, keeps what a legal hold keeps, and prints a certificate of deletion signed with Ed25519.
 */
describe('off-boarding an organisation', () => {
  let app: TestApp;
  const tag = randomUUID().slice(0, 8);
  const leaving = `leaving-${tag}`;
  const staying = `staying-${tag}`;
  let leavingId: string;
  let stayingId: string;

  beforeAll(async () => {
    app = await startTestApp();
    leavingId = await provision(leaving);
    stayingId = await provision(staying);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('erases every contact of the leaving organisation, keeps held records, leaves the others untouched, and signs a certificate', async () => {
    const enquiries: Record<string, string[]> = {};
    for (const slug of [leaving, staying]) {
      const advisor = await login(app, `advisor@${slug}.test`);
      enquiries[slug] = [];
      for (const name of ['Ann Leaver', 'Bob Leaver', 'Cat Leaver']) {
        const enquiry = await newEnquiry(app, advisor, {
          subject: { name: `${name} ${tag}`, phone: '07700 900111', email: `${name.split(' ')[0].toLowerCase()}.${tag}@example.org` },
          description: `Enquiry of ${name} ${tag}`,
        });
        await request(app.url)
          .post(`/api/enquiries/${enquiry.id}/notes`)
          .set(auth(advisor))
          .send({ text: `Note about ${name} ${tag}` })
          .expect(201);
        enquiries[slug].push(enquiry.id);
      }
      const call = JSON.stringify({
        callId: `call-${slug}`,
        callerNumber: '+447700900222',
        direction: 'inbound',
        startedAt: '2026-11-20T09:00:00Z',
        endedAt: '2026-11-20T09:05:00Z',
        recordings: [{ kind: 'audio', ref: `audio-${slug}`, recordedAt: '2026-11-20T09:00:00Z' }],
      });
      await request(app.url).post(`/api/channels/phone/${slug}/calls`).set(signedHeaders(call)).send(call).expect(201);
    }
    const dpo = await login(app, `dpo@${leaving}.test`);
    const hold = await request(app.url)
      .post('/api/legal-holds')
      .set(auth(dpo))
      .send({ enquiryId: enquiries[leaving][0], reason: 'Claim against the council, LGL-9' })
      .expect(201);
    const stayingBefore = await holdings(stayingId);
    const lancashireBefore = await withClient(testDatabase().ownerUrl, async (c) => {
      const { rows } = await c.query<{ id: string }>(`select id from organisations where slug = 'lancashire'`);
      return asOwner(
        rows[0].id,
        async (t) =>
          (
            await t.query<{ n: number }>(
              `select count(*)::int as n from enquiries where created_at < now() - interval '1 minute' and erased_at is null`,
            )
          ).rows[0].n,
      );
    });

    const env = {
      PATH: process.env.PATH,
      ...sharedDatabaseEnv(),
      JWT_SECRET: TEST_JWT_SECRET,
      SIGNPOST_SECRET_KEY: TEST_SECRET_KEY,
      NODE_ENV: 'test',
    };
    const cli = path.resolve('dist/src/cli.js');
    const unconfirmed = spawnSync(process.execPath, [cli, 'offboard', '--organisation', leaving], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toContain(`--confirm ${leaving}`);
    expect((await holdings(leavingId)).unerased_enquiries).toBe(4);

    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'signpost-offboard-')), 'certificate.json');
    const result = spawnSync(process.execPath, [cli, 'offboard', '--organisation', leaving, '--confirm', leaving, '--out', out], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const signed = JSON.parse(result.stdout);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(signed);
    expect(signed.certificate).toMatchObject({
      type: 'signpost.certificate-of-deletion',
      organisation: { id: leavingId, slug: leaving },
      erased: { phone_contact: 3, call_recording_audio: 1 },
      staffAccountsErased: 4,
      channelCredentialsRevoked: 1,
      kept: {
        count: 1,
        records: [{ recordType: 'phone_contact', id: enquiries[leaving][0], reason: 'legal_hold', legalHoldId: hold.body.id }],
      },
      remaining: { enquiries: 1, people: 1, call_recordings: 0, replies: 0, referral_snapshots: 0, staff_accounts: 0 },
    });
    const deploymentKey = publicKeyOf(signingKey(TEST_SECRET_KEY));
    expect(verifyDocument(signed.certificate, signed.signature, deploymentKey)).toBe(true);
    expect(verifyDocument({ ...signed.certificate, kept: { count: 0, records: [] } }, signed.signature, deploymentKey)).toBe(false);
    const check = spawnSync(process.execPath, [cli, 'verify-certificate', '--file', out], { env, encoding: 'utf8', timeout: 60_000 });
    expect([check.status, check.stdout.trim()]).toEqual([
      0,
      `valid: signed by this deployment's key (SHA-256 fingerprint ${publicKeyFingerprint(deploymentKey)})`,
    ]);
    expect(result.stdout).not.toContain(`Leaver ${tag}`);

    // The leaving organisation: nobody signs in, no channel accepts input, nothing personal is left but the held record.
    await request(app.url)
      .post('/api/auth/login')
      .send({ email: `advisor@${leaving}.test`, password: 'signpost-demo' })
      .expect(401);
    const call = JSON.stringify({
      callId: `late-${leaving}`,
      callerNumber: '+447700900333',
      direction: 'inbound',
      startedAt: '2026-11-21T09:00:00Z',
      endedAt: '2026-11-21T09:01:00Z',
    });
    expect([401, 404]).toContain(
      (await request(app.url).post(`/api/channels/phone/${leaving}/calls`).set(signedHeaders(call)).send(call)).status,
    );
    const after = await holdings(leavingId);
    expect(after).toMatchObject({ enquiries: 4, unerased_enquiries: 1, people: 1, recordings: 0, active_staff: 0 });
    const texts = await asOwner(leavingId, async (c) =>
      JSON.stringify(
        (
          await c.query(
            `select e.description, s.name, v.body from enquiries e join data_subjects s on s.id = e.data_subject_id left join enquiry_events v on v.enquiry_id = e.id where e.id <> $1`,
            [enquiries[leaving][0]],
          )
        ).rows,
      ),
    );
    expect(texts).not.toContain(tag);

    // Everyone else: unchanged.
    expect(await holdings(stayingId)).toEqual(stayingBefore);
    const advisor = await login(app, `advisor@${staying}.test`);
    expect((await request(app.url).get(`/api/enquiries/${enquiries[staying][0]}`).set(auth(advisor)).expect(200)).body.description).toBe(
      `Enquiry of Ann Leaver ${tag}`,
    );
    expect(
      (
        await request(app.url)
          .get('/api/audit/verify')
          .set(auth(await login(app, `dpo@${staying}.test`)))
          .expect(200)
      ).body,
    ).toMatchObject({ valid: true });
    const lancashireAfter = await withClient(testDatabase().ownerUrl, async (c) => {
      const { rows } = await c.query<{ id: string }>(`select id from organisations where slug = 'lancashire'`);
      return asOwner(
        rows[0].id,
        async (t) =>
          (
            await t.query<{ n: number }>(
              `select count(*)::int as n from enquiries where created_at < now() - interval '1 minute' and erased_at is null`,
            )
          ).rows[0].n,
      );
    });
    expect(lancashireAfter).toBeGreaterThanOrEqual(lancashireBefore);
  });

  it('verify-certificate trusts this deployment key or the key given, never the key inside the certificate, and says which it used', async () => {
    const cli = path.resolve('dist/src/cli.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'signpost-verify-'));
    const run = (args: string[], env: Record<string, string | undefined>) =>
      spawnSync(process.execPath, [cli, ...args], {
        env: { PATH: process.env.PATH, NODE_ENV: 'test', ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const deployment = { SIGNPOST_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: dir };
    const deploymentKey = publicKeyOf(signingKey(TEST_SECRET_KEY));
    const certificate = {
      type: 'signpost.certificate-of-deletion',
      organisation: { id: randomUUID(), slug: `leaving-${tag}` },
      erased: { phone_contact: 3 },
    };
    const genuine = path.join(dir, 'genuine.json');
    await writeFile(genuine, JSON.stringify({ certificate, signature: signDocument(certificate, signingKey(TEST_SECRET_KEY)) }));
    // A forger claims more was erased and signs with a key of their own, which the file carries.
    const forgerKey = signingKey(randomBytes(32).toString('base64'));
    const forged = path.join(dir, 'forged.json');
    await writeFile(
      forged,
      JSON.stringify({
        certificate: { ...certificate, erased: { phone_contact: 300 } },
        signature: signDocument({ ...certificate, erased: { phone_contact: 300 } }, forgerKey),
      }),
    );
    const fingerprint = publicKeyFingerprint(deploymentKey);

    // The deployment prints its public key and fingerprint, and writes it for an auditor to keep.
    const pem = path.join(dir, 'deployment-key.pem');
    const shown = run(['signing-key', '--out', pem], deployment);
    expect([shown.status, shown.stdout]).toEqual([
      0,
      `public key (Ed25519, SubjectPublicKeyInfo, base64): ${publicKeyText(deploymentKey)}\nSHA-256 fingerprint: ${fingerprint}\n`,
    ]);

    const forgedCheck = run(['verify-certificate', '--file', forged], deployment);
    expect([forgedCheck.status, forgedCheck.stdout.trim()]).toEqual([
      1,
      `NOT valid: it was signed with another key (SHA-256 fingerprint ${publicKeyFingerprint(forgerKey)}), not this deployment's key (SHA-256 fingerprint ${fingerprint})`,
    ]);
    expect(run(['verify-certificate', '--file', genuine], deployment).stdout.trim()).toBe(
      `valid: signed by this deployment's key (SHA-256 fingerprint ${fingerprint})`,
    );

    // An auditor with the kept key and no access to the deployment's secrets.
    expect(run(['verify-certificate', '--file', genuine, '--public-key-file', pem], {}).stdout.trim()).toBe(
      `valid: signed by the key in ${pem} (SHA-256 fingerprint ${fingerprint})`,
    );
    expect(run(['verify-certificate', '--file', forged, '--public-key-file', pem], {}).status).toBe(1);
    expect(run(['verify-certificate', '--file', genuine, '--public-key', publicKeyText(deploymentKey)], {}).status).toBe(0);
    // Trusting the forger's key is a choice made explicitly, and the verdict says so.
    const explicit = run(['verify-certificate', '--file', forged, '--public-key', publicKeyText(forgerKey)], {});
    expect([explicit.status, explicit.stdout.trim()]).toEqual([
      0,
      `valid: signed by the key given (SHA-256 fingerprint ${publicKeyFingerprint(forgerKey)})`,
    ]);
    const badKey = run(['verify-certificate', '--file', genuine, '--public-key', 'not-a-key'], {});
    expect([badKey.status, badKey.stderr]).toEqual([2, expect.stringContaining('not an Ed25519 public key')]);

    // Without SIGNPOST_SECRET_KEY, the secret generated under DATA_DIR is this deployment's key; with neither, no key
    // is made up: the command says so and creates nothing.
    const local = await mkdtemp(path.join(os.tmpdir(), 'signpost-verify-local-'));
    await writeFile(path.join(local, 'local-secrets.json'), JSON.stringify({ secretKey: TEST_SECRET_KEY }));
    expect(run(['verify-certificate', '--file', genuine], { DATA_DIR: local }).status).toBe(0);
    const empty = await mkdtemp(path.join(os.tmpdir(), 'signpost-verify-empty-'));
    const none = run(['verify-certificate', '--file', genuine], { DATA_DIR: empty });
    expect([none.status, none.stdout, none.stderr]).toEqual([
      2,
      '',
      expect.stringContaining('no signing key: SIGNPOST_SECRET_KEY is not set'),
    ]);
    expect(await readdir(empty)).toEqual([]);
  }, 180_000);
});
