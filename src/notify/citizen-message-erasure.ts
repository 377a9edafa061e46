import type { EntityManager } from 'typeorm';
import { ERASED } from '../common/erased.js';
import { affectedRows } from '../database/affected-rows.js';

/** Erasure of the acknowledgements sent about some enquiries: the address or number and the personalisation. */
export function eraseCitizenMessages(m: EntityManager, enquiryIds: string[]): Promise<number> {
  return affectedRows(
    m,
    `update citizen_messages set recipient = $2, personalisation = '{}' where enquiry_id = any($1) and recipient <> $2`,
    [enquiryIds, ERASED],
  );
}
