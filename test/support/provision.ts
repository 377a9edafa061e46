import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { SecretBox, sealedFor } from '../../src/common/secret-box.js';
import { DEMO_CHANNEL_SECRET, TEST_SECRET_KEY } from './constants.js';
import { testDatabase, withClient } from './test-app.js';

const ALWAYS_OPEN = {
  timezone: 'Europe/London',
  bankHolidays: 'none',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, ['00:00-24:00']])),
};

/** Runs `work` as the database owner with `organisationId` as the tenant, and commits (for fixtures and back-dating). */
export async function asOwner<T>(organisationId: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(testDatabase().ownerUrl, async (client) => {
    await client.query('begin');
    await client.query(`select set_config('app.current_tenant', $1, true)`, [organisationId]);
    const result = await work(client);
    await client.query('commit');
    return result;
  });
}

/** A channel secret sealed for one organisation's row, as the service seals it (a sealed value opens only in its own row). */
export function sealedChannelSecret(
  organisationId: string,
  channel: 'phone' | 'forms' | 'email' | 'social' | 'sms',
  secret = DEMO_CHANNEL_SECRET,
): string {
  return new SecretBox(TEST_SECRET_KEY).seal(secret, sealedFor.channelSecret(organisationId, channel));
}

/** Gives an organisation the demo channel secret for one more channel. */
export async function addChannelSecret(organisationId: string, channel: 'phone' | 'forms' | 'email' | 'social' | 'sms'): Promise<void> {
  await asOwner(organisationId, (c) =>
    c.query(`insert into channel_credentials (organisation_id, channel, secret) values ($1, $2, $3)`, [
      organisationId,
      channel,
      sealedChannelSecret(organisationId, channel),
    ]),
  );
}

export async function organisationId(slug: string): Promise<string> {
  const { rows } = await withClient(testDatabase().ownerUrl, (c) =>
    c.query<{ id: string }>('select id from organisations where slug = $1', [slug]),
  );
  return rows[0].id;
}

/**
 * A new organisation of the test's own (the demo ones are shared with other test files running at the same
 * time), with an advisor, a supervisor, a DPO and an administrator (`ROLE@SLUG.test`, the demo password) and the demo channel secret.
 */
export async function provisionOrganisation(slug: string): Promise<string> {
  const borrowed = await asOwner(await organisationId('lancashire'), async (c) => ({
    hash: (await c.query<{ password_hash: string }>(`select password_hash from staff_users where email = 'advisor@lancashire.demo'`))
      .rows[0].password_hash,
  }));
  const id = randomUUID();
  await asOwner(id, async (c) => {
    await c.query(
      `insert into organisations (id, slug, name, kind, default_legal_basis, dpo_name, dpo_email, business_hours, inbound_domains) values ($1, $2, $3, 'council', 'public_task', 'Data Protection Officer', $4, $5, $6)`,
      [id, slug, `Council ${slug}`, `dpo@${slug}.test`, JSON.stringify(ALWAYS_OPEN), [`${slug}.test`]],
    );
    await c.query(
      `insert into privacy_notices (organisation_id, version, title, body, effective_from) values ($1, '1', 'Privacy notice', 'How we use your information.', '2024-01-01')`,
      [id],
    );
    for (const role of ['advisor', 'supervisor', 'dpo', 'admin']) {
      await c.query(`insert into staff_users (organisation_id, email, display_name, role, password_hash) values ($1, $2, $3, $4, $5)`, [
        id,
        `${role}@${slug}.test`,
        `${role} of ${slug}`,
        role,
        borrowed.hash,
      ]);
    }
    await c.query(`insert into channel_credentials (organisation_id, channel, secret) values ($1, 'phone', $2)`, [
      id,
      sealedChannelSecret(id, 'phone'),
    ]);
  });
  return id;
}
