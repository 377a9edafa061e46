import type { EntityManager } from 'typeorm';

/**
 * Locks an enquiry's row for the rest of the caller's transaction, so that changes to it from other contexts
 * (consent, escalation) serialise with its workflow. False when there is no such enquiry in the tenant.
 */
export async function lockEnquiry(m: EntityManager, enquiryId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(`select id from enquiries where id = $1 for update`, [enquiryId]);
  return rows.length > 0;
}
