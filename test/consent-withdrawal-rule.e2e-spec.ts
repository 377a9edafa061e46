import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { withdrawConsent } from '../src/consent/consent-withdrawal.js';
import { createDataSource } from '../src/database/data-source.js';
import { asOwner } from './support/provision.js';
import { testDatabase } from './support/test-app.js';

/**
 * The rule of consent withdrawal (src/consent/consent-withdrawal.ts), on real PostgreSQL, used alike by an
 * advisor recording one withdrawal and by a subject request withdrawing everything a person consented to: the
 * records stay, marked withdrawn; explicit consent withdrawn removes that enquiry's special category details at
 * once, and nothing else; each enquiry's timeline says so; a consent already withdrawn is left as it was.
 */
describe('consent withdrawal', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await createDataSource({ url: testDatabase().ownerUrl, poolSize: 1 }).initialize();
  });
  afterAll(() => db.destroy());

  it('keeps the records, redacts special category details only where explicit consent is withdrawn, and tells each timeline', async () => {
    const organisationId = randomUUID();
    const ids = await asOwner(organisationId, async (c: pg.Client) => {
      await c.query(
        `insert into organisations (id, slug, name, kind, default_legal_basis, dpo_name, dpo_email, business_hours) values ($1, $2, 'Consent rule council', 'council', 'public_task', 'DPO', 'dpo@consent.test', '{"timezone":"Europe/London","bankHolidays":"none","weekly":{}}')`,
        [organisationId, `consent-${organisationId.slice(0, 8)}`],
      );
      const person = async (name: string) =>
        (
          await c.query(`insert into data_subjects (organisation_id, name, name_key) values ($1, $2, lower($2)) returning id`, [
            organisationId,
            name,
          ])
        ).rows[0].id as string;
      const enquiry = async (subject: string, reference: string, details: string | null) =>
        (
          await c.query(
            `insert into enquiries (organisation_id, reference, channel, requester_type, data_subject_id, description, status, legal_basis, retention_class, special_category, special_categories, special_category_details)
             values ($1, $2, 'phone', 'citizen', $3, 'x', 'new', 'consent', 'phone_contact', $4, $5, $6) returning id`,
            [organisationId, reference, subject, details !== null, details !== null ? ['health'] : [], details],
          )
        ).rows[0].id as string;
      const consent = async (enquiryId: string, subject: string, purpose: 'processing' | 'special_category') =>
        (
          await c.query(
            `insert into consent_records (organisation_id, enquiry_id, data_subject_id, purpose, method, privacy_notice_version) values ($1, $2, $3, $4, 'verbal', 'v1') returning id`,
            [organisationId, enquiryId, subject, purpose],
          )
        ).rows[0].id as string;
      const ann = await person('Ann');
      const bob = await person('Bob');
      const annHealth = await enquiry(ann, 'CW-1', 'Uses a wheelchair');
      const annOther = await enquiry(ann, 'CW-2', 'Has epilepsy');
      const bobHealth = await enquiry(bob, 'CW-3', 'Is deaf');
      return {
        ann,
        bob,
        annHealth,
        annOther,
        bobHealth,
        annHealthProcessing: await consent(annHealth, ann, 'processing'),
        annHealthExplicit: await consent(annHealth, ann, 'special_category'),
        annOtherExplicit: await consent(annOther, ann, 'special_category'),
        bobExplicit: await consent(bobHealth, bob, 'special_category'),
      };
    });
    const asTenant = <T>(work: (m: EntityManager) => Promise<T>) =>
      db.transaction(async (m) => {
        await m.query(`select set_config('app.current_tenant', $1, true)`, [organisationId]);
        return work(m);
      });
    const read = () =>
      asOwner(organisationId, async (c: pg.Client) => ({
        consents: Object.fromEntries(
          (
            await c.query<{ id: string; withdrawn: boolean; withdrawal_method: string | null }>(
              `select id, withdrawn_at is not null as withdrawn, withdrawal_method from consent_records where organisation_id = $1`,
              [organisationId],
            )
          ).rows.map((row) => [row.id, row]),
        ),
        details: Object.fromEntries(
          (
            await c.query(
              `select id, special_category_details, special_category_redacted_at is not null as redacted from enquiries where organisation_id = $1`,
              [organisationId],
            )
          ).rows.map((row) => [row.id, row]),
        ),
        events: (
          await c.query(
            `select enquiry_id, metadata from enquiry_events where organisation_id = $1 and metadata->>'event' = 'consent_withdrawn' order by created_at, id`,
            [organisationId],
          )
        ).rows,
      }));

    // An advisor records that Ann withdrew consent to processing on one enquiry: nothing is redacted.
    const processing = await asTenant((m) =>
      withdrawConsent(m, { consentId: ids.annHealthProcessing }, { userId: null, method: 'verbal' }),
    );
    expect(processing).toEqual({
      consents: [{ id: ids.annHealthProcessing, enquiryId: ids.annHealth, purpose: 'processing' }],
      redactedEnquiries: [],
    });
    let state = await read();
    expect(state.consents[ids.annHealthProcessing]).toMatchObject({ withdrawn: true, withdrawal_method: 'verbal' });
    expect(state.details[ids.annHealth]).toMatchObject({ special_category_details: 'Uses a wheelchair', redacted: false });

    // Ann's subject request withdraws everything she consented to: her explicit consents, on both enquiries.
    const request = randomUUID();
    const everything = await asTenant((m) =>
      withdrawConsent(m, { dataSubjectIds: [ids.ann] }, { userId: null, method: 'written', subjectRequestId: request }),
    );
    expect(new Set(everything.consents.map((consent) => consent.id))).toEqual(new Set([ids.annHealthExplicit, ids.annOtherExplicit]));
    expect(new Set(everything.redactedEnquiries)).toEqual(new Set([ids.annHealth, ids.annOther]));
    state = await read();
    expect(Object.values(state.consents).every((consent) => consent.id === ids.bobExplicit || consent.withdrawn)).toBe(true);
    expect(state.consents[ids.annHealthProcessing].withdrawal_method).toBe('verbal'); // already withdrawn: left as it was
    expect(state.details[ids.annHealth]).toMatchObject({ special_category_details: null, redacted: true });
    expect(state.details[ids.annOther]).toMatchObject({ special_category_details: null, redacted: true });
    expect(state.details[ids.bobHealth]).toMatchObject({ special_category_details: 'Is deaf', redacted: false });
    expect(state.consents[ids.bobExplicit].withdrawn).toBe(false);
    const told = state.events.map((event) => [
      event.enquiry_id,
      event.metadata.purpose,
      event.metadata.redactedSpecialCategoryDetails,
      event.metadata.subjectRequestId ?? null,
    ]);
    expect(told[0]).toEqual([ids.annHealth, 'processing', false, null]);
    expect(new Set(told.slice(1).map((event) => JSON.stringify(event)))).toEqual(
      new Set([
        JSON.stringify([ids.annHealth, 'special_category', true, request]),
        JSON.stringify([ids.annOther, 'special_category', true, request]),
      ]),
    );
    expect(told).toHaveLength(3);

    // Withdrawing again changes nothing.
    expect(await asTenant((m) => withdrawConsent(m, { dataSubjectIds: [ids.ann] }, { userId: null, method: 'written' }))).toEqual({
      consents: [],
      redactedEnquiries: [],
    });
  });
});
