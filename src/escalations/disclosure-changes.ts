import type { EntityManager } from 'typeorm';
import { affectedRows } from '../database/affected-rows.js';

/**
 * The enquiry was linked to the person it is really about (an advisor's explicit act): the disclosures of its data
 * are disclosures of that person's data, so their access request lists the recipients and a correction or erasure
 * notice reaches them. Ids only move; what was sent, when and to whom stays as recorded. How many moved.
 */
export function moveEnquiryDisclosures(m: EntityManager, enquiryId: string, dataSubjectId: string): Promise<number> {
  return affectedRows(m, `update disclosures set data_subject_id = $2 where enquiry_id = $1 and data_subject_id <> $2`, [
    enquiryId,
    dataSubjectId,
  ]);
}
