import type { EntityManager } from 'typeorm';
import { phoneKey } from './subject-keys.js';

/**
 * The people of the caller's tenant with this telephone number among their identifiers (keyed as E.164, so
 * "07700 900123" and "+44 7700 900123" are the same number): their ids. None for a number that cannot be keyed.
 */
export async function subjectIdsWithPhone(m: EntityManager, phone: string): Promise<string[]> {
  const key = phoneKey(phone);
  if (!key) return [];
  const rows: { id: string }[] = await m.query(
    `select distinct data_subject_id as id from data_subject_identifiers where kind = 'phone' and key = $1`,
    [key],
  );
  return rows.map((row) => row.id);
}
