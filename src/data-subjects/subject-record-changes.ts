import type { EntityManager } from 'typeorm';
import { ERASED } from '../common/erased.js';
import { affectedRows } from '../database/affected-rows.js';
import { addressKey, emailKey, nameKey, phoneKey, postcodeKey } from './subject-keys.js';

/**
 * The changes the subject-rights context makes to people's own records (erasure, rectification, restriction),
 * made here because the data-subjects context owns data_subjects and data_subject_identifiers. Each takes the
 * caller's entity manager: the change commits with the request it serves.
 */

/** Art. 18 (and an upheld objection): from now on the people's data is only stored. */
export async function restrictProcessing(m: EntityManager, dataSubjectIds: string[]): Promise<void> {
  await m.query(
    `update data_subjects set processing_restricted_at = coalesce(processing_restricted_at, now()), updated_at = now() where id = any($1)`,
    [dataSubjectIds],
  );
}

/** The restriction (or upheld objection) ends: processing may go ahead again. */
export async function liftRestriction(m: EntityManager, dataSubjectIds: string[]): Promise<void> {
  await m.query(`update data_subjects set processing_restricted_at = null, updated_at = now() where id = any($1)`, [dataSubjectIds]);
}

/** Erases people's own records (name, date of birth, address, keys) and their identifiers: counts of each. */
export async function eraseSubjectRecords(m: EntityManager, dataSubjectIds: string[]): Promise<{ subjects: number; identifiers: number }> {
  const identifiers = await affectedRows(m, `delete from data_subject_identifiers where data_subject_id = any($1)`, [dataSubjectIds]);
  const subjects = await affectedRows(
    m,
    `update data_subjects set name = $2, name_key = '', date_of_birth = null, postal_address = null, address_key = null, postcode = null, postcode_key = null, erased_at = now(), updated_at = now()
      where id = any($1) and erased_at is null`,
    [dataSubjectIds, ERASED],
  );
  return { subjects, identifiers };
}

/** Corrections to a person's record (Art. 16); a new phone or e-mail replaces the one of its kind. */
export interface SubjectCorrections {
  name?: string;
  dateOfBirth?: string;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
}

/** Applies corrections to one person's record and identifiers, with their search keys. */
export async function rectifySubject(
  m: EntityManager,
  organisationId: string,
  subjectId: string,
  changes: SubjectCorrections,
): Promise<void> {
  await m.query(
    `update data_subjects set
        name = coalesce($2, name), name_key = coalesce($3, name_key),
        date_of_birth = coalesce($4::date, date_of_birth),
        postal_address = coalesce($5, postal_address), address_key = coalesce($6, address_key),
        postcode = coalesce($7, postcode), postcode_key = coalesce($8, postcode_key),
        updated_at = now()
      where id = $1`,
    [
      subjectId,
      changes.name ?? null,
      changes.name ? nameKey(changes.name) : null,
      changes.dateOfBirth ?? null,
      changes.address ?? null,
      changes.address ? addressKey(changes.address) || null : null,
      changes.postcode ? changes.postcode.toUpperCase() : null,
      changes.postcode ? postcodeKey(changes.postcode) : null,
    ],
  );
  for (const [kind, value, key] of [
    ['phone', changes.phone, changes.phone ? phoneKey(changes.phone) : undefined],
    ['email', changes.email, changes.email ? emailKey(changes.email) : undefined],
  ] as const) {
    if (!value || !key) continue;
    await m.query(`delete from data_subject_identifiers where data_subject_id = $1 and kind = $2`, [subjectId, kind]);
    await m.query(
      `insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [organisationId, subjectId, kind, value, key],
    );
  }
}
