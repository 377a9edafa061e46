import type { EntityManager } from 'typeorm';
import { affectedRows } from '../database/affected-rows.js';

/**
 * An organisation leaving the shared service stops taking input: its status becomes `offboarding` and every
 * channel credential it held is deleted (webhooks, call logs, forms and social pushes are refused from now on).
 * Answers how many credentials were revoked.
 */
export async function stopOrganisationIntake(m: EntityManager, organisationId: string): Promise<number> {
  await m.query(`update organisations set status = 'offboarding', updated_at = now() where id = $1`, [organisationId]);
  return affectedRows(m, `delete from channel_credentials where organisation_id = $1`, [organisationId]);
}
