import type { EntityManager } from 'typeorm';

/** An organisation leaving the shared service: none of its services takes a referral from now on. */
export async function deactivateAllServices(m: EntityManager, organisationId: string): Promise<void> {
  await m.query(`update services set active = false, updated_at = now() where organisation_id = $1`, [organisationId]);
}
