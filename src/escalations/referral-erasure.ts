import type { EntityManager } from 'typeorm';
import { affectedRows } from '../database/affected-rows.js';

/**
 * Erasure of the snapshots of what was sent to services: the referral's fields are emptied. The disclosure ledger
 * keeps ids and field names, so the recipients can still be told of an erasure or a correction.
 */
export function eraseReferralSnapshots(m: EntityManager, scope: { enquiryIds: string[] } | { escalationIds: string[] }): Promise<number> {
  const [column, ids] = 'enquiryIds' in scope ? ['enquiry_id', scope.enquiryIds] : ['id', scope.escalationIds];
  return affectedRows(
    m,
    `update escalations set fields = '{}'::jsonb, updated_at = now() where ${column} = any($1) and fields <> '{}'::jsonb`,
    [ids],
  );
}
