import type { EntityManager } from 'typeorm';
import { ERASED } from '../common/erased.js';
import { affectedRows } from '../database/affected-rows.js';

/** Erasure of the replies sent on some enquiries: the recipient, the subject and the text (channel, status and dates stay). */
export function eraseReplies(m: EntityManager, enquiryIds: string[]): Promise<number> {
  return affectedRows(
    m,
    `update replies set recipient = $2, recipient_key = null, subject = null, text = $2 where enquiry_id = any($1) and text <> $2`,
    [enquiryIds, ERASED],
  );
}
