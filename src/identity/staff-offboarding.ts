import type { EntityManager } from 'typeorm';
import { affectedRows } from '../database/affected-rows.js';

/**
 * Off-boarding an organisation's staff, in two steps. First no one can sign in or use a token already issued
 * (accounts disabled, token version moved on): answers how many accounts. Last, once nothing more needs their
 * names, the accounts keep only their ids: the e-mail address, the name and the password hash go.
 */
export function disableAllStaff(m: EntityManager, organisationId: string): Promise<number> {
  return affectedRows(
    m,
    `update staff_users set disabled = true, token_version = token_version + 1, updated_at = now() where organisation_id = $1`,
    [organisationId],
  );
}

export async function eraseAllStaff(m: EntityManager, organisationId: string): Promise<void> {
  await m.query(
    `update staff_users set email = 'erased-' || id || '@offboarded.invalid', display_name = 'Former member of staff', password_hash = '!', updated_at = now() where organisation_id = $1`,
    [organisationId],
  );
}
