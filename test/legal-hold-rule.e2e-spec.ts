import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { heldEnquiry, heldPerson, holdKeeping } from '../src/legal-holds/hold-rule.js';
import { ENQUIRY_KEPT, PEOPLE_LEFT } from '../src/retention/retention-statements.js';
import { asOwner } from './support/provision.js';

/**
 * The rule of what a legal hold keeps (src/legal-holds/hold-rule.ts), on real PostgreSQL: an active hold keeps the
 * enquiry it names, every enquiry of the person it names, and that person's record; a released hold keeps nothing.
 * The retention sweep's statements keep exactly what the rule keeps.
 */
describe('what a legal hold keeps', () => {
  it('keeps the enquiry named, every enquiry of the person named and that person; nothing once released', async () => {
    const organisationId = randomUUID();
    await asOwner(organisationId, async (c: pg.Client) => {
      await c.query(
        `insert into organisations (id, slug, name, kind, default_legal_basis, dpo_name, dpo_email, business_hours) values ($1, $2, 'Hold rule council', 'council', 'public_task', 'DPO', 'dpo@hold.test', '{"timezone":"Europe/London","bankHolidays":"none","weekly":{}}')`,
        [organisationId, `hold-${organisationId.slice(0, 8)}`],
      );
      const person = async (name: string) =>
        (
          await c.query(`insert into data_subjects (organisation_id, name, name_key) values ($1, $2, lower($2)) returning id`, [
            organisationId,
            name,
          ])
        ).rows[0].id as string;
      const enquiry = async (subject: string, reference: string) =>
        (
          await c.query(
            `insert into enquiries (organisation_id, reference, channel, requester_type, data_subject_id, description, status, legal_basis, retention_class) values ($1, $2, 'phone', 'citizen', $3, 'x', 'new', 'public_task', 'phone_contact') returning id`,
            [organisationId, reference, subject],
          )
        ).rows[0].id as string;
      const hold = async (target: { enquiryId?: string; dataSubjectId?: string }, released = false) =>
        (
          await c.query(
            `insert into legal_holds (organisation_id, enquiry_id, data_subject_id, reason, released_at) values ($1, $2, $3, 'Claim expected', $4) returning id`,
            [organisationId, target.enquiryId ?? null, target.dataSubjectId ?? null, released ? new Date() : null],
          )
        ).rows[0].id as string;

      const ann = await person('Ann');
      const bob = await person('Bob');
      const cat = await person('Cat');
      const annFirst = await enquiry(ann, 'HR-1');
      const annSecond = await enquiry(ann, 'HR-2');
      const bobOnly = await enquiry(bob, 'HR-3');
      const catOnly = await enquiry(cat, 'HR-4'); // held only by a released hold: kept by nothing
      const onAnn = await hold({ dataSubjectId: ann });
      const onBobsEnquiry = await hold({ enquiryId: bobOnly });
      await hold({ dataSubjectId: cat }, true);

      const kept = async (fragment: string) =>
        new Set((await c.query(`select e.id from enquiries e where ${fragment}`)).rows.map((row) => row.id as string));
      expect(await kept(heldEnquiry('e'))).toEqual(new Set([annFirst, annSecond, bobOnly]));
      // The sweep keeps what the rule keeps (no subject request is open here).
      expect(await kept(ENQUIRY_KEPT)).toEqual(new Set([annFirst, annSecond, bobOnly]));
      expect(
        (
          await c.query(`select e.id, ${holdKeeping('e')} as hold from enquiries e where ${heldEnquiry('e')} order by e.reference`)
        ).rows.map((row) => row.hold),
      ).toEqual([onAnn, onAnn, onBobsEnquiry]);
      // A person: kept by a hold of their own only (a hold on one of Bob's enquiries keeps the enquiry, not Bob).
      const people = new Set(
        (await c.query(`select s.id from data_subjects s where ${heldPerson('s')}`)).rows.map((row) => row.id as string),
      );
      expect(people).toEqual(new Set([ann]));
      await c.query(`update enquiries set erased_at = now() where id = any($1)`, [[annFirst, annSecond, bobOnly, catOnly]]);
      const left = new Set((await c.query(PEOPLE_LEFT, [[ann, bob, cat]])).rows.map((row) => row.id as string));
      expect(left).toEqual(new Set([bob, cat]));
    });
  });
});
