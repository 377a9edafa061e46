import type { EntityManager } from 'typeorm';
import { ERASED } from '../common/erased.js';
import { affectedRows } from '../database/affected-rows.js';

/**
 * Erasure of what the e-mail, social and phone channels hold for some enquiries (an erasure request, or a
 * retention sweep): the sender's address and the subject, attachments, the platform's user id (replaced by one that
 * names nothing but the row), the caller's number. What an earlier erasure erased is not counted again.
 *
 * Call recordings live in the telephony platform's store: their references stay until `RecordingEraser` has
 * deleted them there, so `callRecordings` counts those now due to go and the caller schedules the eraser when it is
 * not zero (none is left in the store with nothing pointing at it).
 */
export async function eraseChannelRecords(
  m: EntityManager,
  enquiryIds: string[],
): Promise<{ emailMessages: number; emailAttachments: number; socialConversations: number; callLogs: number; callRecordings: number }> {
  const emailMessages = await affectedRows(
    m,
    `update email_messages set from_address = $2, subject = null where enquiry_id = any($1) and from_address <> $2`,
    [enquiryIds, ERASED],
  );
  const emailAttachments = await affectedRows(
    m,
    `delete from email_attachments where email_message_id in (select id from email_messages where enquiry_id = any($1))`,
    [enquiryIds],
  );
  const socialConversations = await affectedRows(
    m,
    `update social_conversations set platform_user_id = $2 || ':' || id where enquiry_id = any($1) and platform_user_id <> $2 || ':' || id`,
    [enquiryIds, ERASED],
  );
  const callLogs = await affectedRows(m, `update call_logs set caller_number = $2 where enquiry_id = any($1) and caller_number <> $2`, [
    enquiryIds,
    ERASED,
  ]);
  const [{ n }]: { n: string }[] = await m.query(
    `select count(*) as n from call_recordings where call_log_id in (select id from call_logs where enquiry_id = any($1))`,
    [enquiryIds],
  );
  return { emailMessages, emailAttachments, socialConversations, callLogs, callRecordings: Number(n) };
}
