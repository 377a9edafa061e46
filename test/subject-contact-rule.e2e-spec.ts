import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source.js';
import { subjectContactOf } from '../src/data-subjects/subject-contact.js';
import { buildReferral } from '../src/escalations/referral.js';
import { asOwner } from './support/provision.js';
import { testDatabase } from './support/test-app.js';

/**
 * The person's contact row (src/data-subjects/subject-contact.ts), on real PostgreSQL: what a referral, a
 * correction notice to its recipient and the texted reference are all built from. Phones come in the order
 * given and the first is the one used; another organisation's person is not found.
 */
describe('a person’s contact row', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await createDataSource({ url: testDatabase().ownerUrl, poolSize: 1 }).initialize();
  });
  afterAll(() => db.destroy());

  it('gives name, date of birth, address, postcode and phones in the order given; the referral’s contact number is the first', async () => {
    const [ours, theirs] = [randomUUID(), randomUUID()];
    const people: Record<string, string> = {};
    for (const organisationId of [ours, theirs]) {
      await asOwner(organisationId, async (c: pg.Client) => {
        await c.query(
          `insert into organisations (id, slug, name, kind, default_legal_basis, dpo_name, dpo_email, business_hours) values ($1, $2, 'Contact rule council', 'council', 'public_task', 'DPO', 'dpo@contact.test', '{"timezone":"Europe/London","bankHolidays":"none","weekly":{}}')`,
          [organisationId, `contact-${organisationId.slice(0, 8)}`],
        );
        const { rows } = await c.query(
          `insert into data_subjects (organisation_id, name, name_key, date_of_birth, postal_address, postcode) values ($1, 'Dee Example', 'dee example', '1970-03-04', '1 High Street', 'PR1 1AA') returning id`,
          [organisationId],
        );
        people[organisationId] = rows[0].id;
      });
      // One number at a time, as the service adds them (each in its own transaction, so each has its own time).
      for (const [value, key] of [
        ['07700 900002', '447700900002'],
        ['07700 900001', '447700900001'],
      ]) {
        await asOwner(organisationId, (c: pg.Client) =>
          c.query(
            `insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key) values ($1, $2, 'phone', $3, $4)`,
            [organisationId, people[organisationId], value, key],
          ),
        );
      }
    }
    const contact = await db.transaction(async (m) => {
      await m.query(`select set_config('app.current_tenant', $1, true)`, [ours]);
      return { own: await subjectContactOf(m, people[ours]), foreign: await subjectContactOf(m, people[theirs]) };
    });
    expect(contact.own).toEqual({
      name: 'Dee Example',
      dateOfBirth: '1970-03-04',
      phones: ['07700 900002', '07700 900001'],
      address: '1 High Street',
      postcode: 'PR1 1AA',
    });
    expect(contact.foreign).toBeUndefined();
    expect(buildReferral(contact.own!, ['name', 'contactNumber', 'address'])).toEqual({
      name: 'Dee Example',
      contactNumber: '07700 900002',
      address: '1 High Street, PR1 1AA',
    });
  });
});
