import type { EntityManager } from 'typeorm';
import { ERASED } from '../../common/erased.js';
import { affectedRows } from '../../database/affected-rows.js';

/** Erasure of the chats behind some enquiries (an erasure request, or a retention sweep): every message's text. */
export function eraseChatMessages(m: EntityManager, enquiryIds: string[]): Promise<number> {
  return affectedRows(
    m,
    `update chat_messages set text = $2 where chat_id in (select id from chats where enquiry_id = any($1)) and text <> $2`,
    [enquiryIds, ERASED],
  );
}
