import { createCipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SecretBox, sealedFor } from '../../src/common/secret-box.js';
import { replyToken } from '../../src/channels/email/mail-authentication.js';
import { DEMO_CHANNEL_SECRET, TEST_SECRET_KEY } from '../support/constants.js';
import { addChannelSecret, asOwner, provisionOrganisation } from '../support/provision.js';
import { signedHeaders } from '../support/signing.js';
import { suffix } from '../support/security.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A value sealed as Signpost sealed them before keys were derived (v1: SIGNPOST_SECRET_KEY itself, bound to nothing). */
function sealV1(secretKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(secretKey, 'base64'), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

const callLog = () =>
  JSON.stringify({
    callId: `call-${randomUUID()}`,
    callerNumber: '+447700900555',
    direction: 'inbound',
    startedAt: '2026-11-23T09:00:00Z',
    endedAt: '2026-11-23T09:02:00Z',
  });
const pushCall = (app: TestApp, slug: string, body = callLog()) =>
  request(app.url).post(`/api/channels/phone/${slug}/calls`).set(signedHeaders(body)).send(body);

/**
 * Stored secrets are sealed under a key of their own (derived from SIGNPOST_SECRET_KEY) and bound to their
 * organisation and purpose; values sealed before that are re-sealed at start; reply tokens use a key of their own
 * while the tokens citizens already hold keep working.
 */
describe('sealed secrets and derived keys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("refuses pushes signed with a channel secret copied into another organisation's row, or into another channel of its own", async () => {
    const source = `sealed-from-${suffix()}`;
    const target = `sealed-to-${suffix()}`;
    const sourceId = await provisionOrganisation(source);
    const targetId = await provisionOrganisation(target);
    // Both hold the demo secret, each sealed for its own row: signed pushes are accepted.
    await pushCall(app, source).expect(201);
    await pushCall(app, target).expect(201);

    // Someone with write access to the database copies the source's sealed phone secret over the target's.
    const copied = await asOwner(
      sourceId,
      async (c) => (await c.query<{ secret: string }>(`select secret from channel_credentials where channel = 'phone'`)).rows[0].secret,
    );
    expect(copied).toMatch(/^v2\./);
    await asOwner(targetId, (c) =>
      c.query(`update channel_credentials set secret = $1, previous_secret = null where channel = 'phone'`, [copied]),
    );
    await pushCall(app, target).expect(401);
    // The same value in the source's own e-mail channel row: another purpose, refused too.
    await asOwner(sourceId, (c) =>
      c.query(`insert into channel_credentials (organisation_id, channel, secret) values ($1, 'email', $2)`, [sourceId, copied]),
    );
    const mail = [
      'From: someone@example.org',
      `To: contact@${source}.test`,
      'Subject: moved secret',
      `Message-ID: <${randomUUID()}@example.org>`,
      '',
      'Hello.',
    ].join('\r\n');
    await request(app.url)
      .post(`/api/channels/email/${source}/inbound`)
      .set({ ...signedHeaders(mail), 'content-type': 'message/rfc822' })
      .send(mail)
      .expect(401);
    // Where it belongs, it still opens.
    await pushCall(app, source).expect(201);
  });

  it('re-seals values stored before this change (v1) at start, as v2 bound to their row, once, and they still open', async () => {
    // A key of this test's own: the other test files' instances (on TEST_SECRET_KEY) cannot open these v1 values
    // and leave them be, so only this test's instance re-seals them.
    const key = randomBytes(32).toString('base64');
    const slug = `reseal-${suffix()}`;
    const organisationId = await provisionOrganisation(slug);
    const serviceId = randomUUID();
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    await asOwner(organisationId, async (c) => {
      await c.query(`update channel_credentials set secret = $1 where channel = 'phone'`, [sealV1(key, DEMO_CHANNEL_SECRET)]);
      await c.query(
        `insert into channel_credentials (organisation_id, channel, secret, access_token, verify_token) values ($1, 'social', $2, $3, 'verify')`,
        [organisationId, sealV1(key, 'app-secret'), sealV1(key, 'page-token')],
      );
      await c.query(
        `insert into services (id, organisation_id, code, name, permitted_fields, delivery_type, webhook_url, webhook_secret) values ($1, $2, 'resealed', 'Resealed', '{name}', 'webhook', 'https://93.184.216.34/hook', $3)`,
        [serviceId, organisationId, sealV1(key, webhookSecret)],
      );
      await c.query(`update organisations set notify_api_key = $1 where id = $2`, [sealV1(key, 'notify-key'), organisationId]);
    });
    const stored = () =>
      asOwner(organisationId, async (c) => ({
        phone: (await c.query(`select secret from channel_credentials where channel = 'phone'`)).rows[0].secret as string,
        social: (await c.query(`select secret, access_token from channel_credentials where channel = 'social'`)).rows[0] as {
          secret: string;
          access_token: string;
        },
        webhook: (await c.query(`select webhook_secret from services where id = $1`, [serviceId])).rows[0].webhook_secret as string,
        notify: (await c.query(`select notify_api_key from organisations where id = $1`, [organisationId])).rows[0]
          .notify_api_key as string,
      }));

    const instance = await startTestApp({ SIGNPOST_SECRET_KEY: key, MIGRATIONS_RUN: 'true' });
    let after: Awaited<ReturnType<typeof stored>>;
    try {
      expect(instance.output()).toContain('re-sealed 5 stored secret(s) from v1 to v2');
      after = await stored();
      for (const value of [after.phone, after.social.secret, after.social.access_token, after.webhook, after.notify])
        expect(value).toMatch(/^v2\./);
      const box = new SecretBox(key);
      expect(box.open(after.phone, sealedFor.channelSecret(organisationId, 'phone'))).toBe(DEMO_CHANNEL_SECRET);
      expect(box.open(after.social.secret, sealedFor.channelSecret(organisationId, 'social'))).toBe('app-secret');
      expect(box.open(after.social.access_token, sealedFor.channelAccessToken(organisationId, 'social'))).toBe('page-token');
      expect(box.open(after.webhook, sealedFor.webhookSecret(organisationId, serviceId))).toBe(webhookSecret);
      expect(box.open(after.notify, sealedFor.notifyApiKey(organisationId))).toBe('notify-key');
      expect(() => box.open(after.phone, sealedFor.channelSecret(randomUUID(), 'phone'))).toThrow(/did not open/);
      // The running service opens the re-sealed channel secret.
      await pushCall(instance, slug).expect(201);
    } finally {
      await instance.stop();
    }
    // Idempotent: the next start finds nothing to re-seal and changes nothing.
    const again = await startTestApp({ SIGNPOST_SECRET_KEY: key, MIGRATIONS_RUN: 'true' });
    try {
      expect(again.output()).not.toContain('re-sealed');
      expect(await stored()).toEqual(after);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it("threads a reply carrying the new reply token or one made before keys were derived, and not another organisation's key's token", async () => {
    const slug = `reply-${suffix()}`;
    const organisationId = await provisionOrganisation(slug);
    await addChannelSecret(organisationId, 'email');
    const push = async (to: string, subject: string) => {
      const mail = [
        'From: Reply Person <reply.person@example.org>',
        `To: ${to}`,
        `Subject: ${subject}`,
        `Message-ID: <${randomUUID()}@example.org>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Some words.',
      ].join('\r\n');
      const response = await request(app.url)
        .post(`/api/channels/email/${slug}/inbound`)
        .set({ ...signedHeaders(mail), 'content-type': 'message/rfc822' })
        .send(mail);
      expect(response.status).toBe(201);
      return response.body as { enquiryId: string; reference: string };
    };
    const first = await push(`contact@${slug}.test`, 'A first message');
    const oldToken = createHmac('sha256', Buffer.from(TEST_SECRET_KEY, 'base64'))
      .update(`reply:${first.enquiryId}`)
      .digest('base64url')
      .slice(0, 22);
    const newToken = replyToken(TEST_SECRET_KEY, first.enquiryId);
    expect(newToken).not.toBe(oldToken);
    expect((await push(`contact+${first.reference}.${newToken}@${slug}.test`, 'Re: A first message')).enquiryId).toBe(first.enquiryId);
    expect((await push(`contact+${first.reference}.${oldToken}@${slug}.test`, 'Re: A first message')).enquiryId).toBe(first.enquiryId);
    // A token under any other key starts a new enquiry instead.
    const forged = replyToken(randomBytes(32).toString('base64'), first.enquiryId);
    expect((await push(`contact+${first.reference}.${forged}@${slug}.test`, 'Re: A first message')).enquiryId).not.toBe(first.enquiryId);
  });
});
