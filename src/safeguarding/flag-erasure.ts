import type { EntityManager } from 'typeorm';
import { affectedRows } from '../database/affected-rows.js';

/** Erasure of the reviewers' notes on some enquiries' safeguarding flags (the flag, its kind and its review stay). */
export function eraseSafeguardingNotes(m: EntityManager, enquiryIds: string[]): Promise<number> {
  return affectedRows(m, `update safeguarding_flags set review_note = null where enquiry_id = any($1) and review_note is not null`, [
    enquiryIds,
  ]);
}
