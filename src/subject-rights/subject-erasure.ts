import type { EntityManager } from 'typeorm';
import { ERASED, eraseSubjectRecords } from '../data-subjects/subject-record-changes.js';

/** Grounds on which a record is kept despite an erasure request (UK GDPR Art. 17(3)). */
export const ERASURE_EXCEPTIONS = [
  'legal_obligation',
  'public_task',
  'public_health',
  'archiving_research_statistics',
  'legal_claims',
  'freedom_of_expression',
] as const;
export type ErasureException = (typeof ERASURE_EXCEPTIONS)[number];

export { ERASED };

/** What an erasure changed, by kind of record: counts only, for the audit trail and the DPO. */
export type ErasureCounts = Record<string, number>;

/**
 * Erases the personal data of the given enquiries in place: free text, contact details and message contents
 * become "[erased]" or nothing, attachments go, and the escalation snapshots sent to
 * services are emptied (the disclosure ledger keeps ids and field names, to notify the recipients). Ids, dates,
 * statuses and channels stay, so reports stay true and the audit chain (ids only) stays valid. What an earlier
 * erasure erased already is not counted again. Call recordings live in the telephony platform's store: their
 * references stay until `RecordingEraser` has deleted them there (the caller schedules it when `callRecordings`,
 * the recordings now due to go, is not zero), so that none is left in the store with nothing pointing at it.
 */
export async function eraseEnquiries(m: EntityManager, enquiryIds: string[]): Promise<ErasureCounts> {
  if (enquiryIds.length === 0) return {};
  // TypeORM answers an UPDATE or DELETE with [rows, affected].
  const count = async (sql: string, withMarker = true) =>
    ((await m.query(sql, withMarker ? [enquiryIds, ERASED] : [enquiryIds])) as [unknown[], number])[1] ?? 0;
  return {
    enquiries: await count(
      `update enquiries set description = $2, special_category_details = null, resolution_advice = case when resolution_advice is null then null else $2 end, source_reference = null, erased_at = now(), updated_at = now()
        where id = any($1) and erased_at is null`,
    ),
    timelineEntries: await count(`update enquiry_events set body = null where enquiry_id = any($1) and body is not null`, false),
    chatMessages: await count(
      `update chat_messages set text = $2 where chat_id in (select id from chats where enquiry_id = any($1)) and text <> $2`,
    ),
    emailMessages: await count(
      `update email_messages set from_address = $2, subject = null where enquiry_id = any($1) and from_address <> $2`,
    ),
    emailAttachments: await count(
      `delete from email_attachments where email_message_id in (select id from email_messages where enquiry_id = any($1))`,
      false,
    ),
    socialConversations: await count(
      `update social_conversations set platform_user_id = $2 || ':' || id where enquiry_id = any($1) and platform_user_id <> $2 || ':' || id`,
    ),
    callLogs: await count(`update call_logs set caller_number = $2 where enquiry_id = any($1) and caller_number <> $2`),
    callRecordings: Number(
      (
        (await m.query(
          `select count(*) as n from call_recordings where call_log_id in (select id from call_logs where enquiry_id = any($1))`,
          [enquiryIds],
        )) as { n: string }[]
      )[0].n,
    ),
    citizenMessages: await count(
      `update citizen_messages set recipient = $2, personalisation = '{}' where enquiry_id = any($1) and recipient <> $2`,
    ),
    replies: await count(
      `update replies set recipient = $2, recipient_key = null, subject = null, text = $2 where enquiry_id = any($1) and text <> $2`,
    ),
    routingWords: await count(`update routing_decisions set features = '{}' where enquiry_id = any($1) and features <> '{}'`, false),
    safeguardingNotes: await count(
      `update safeguarding_flags set review_note = null where enquiry_id = any($1) and review_note is not null`,
      false,
    ),
    escalationSnapshots: await count(
      `update escalations set fields = '{}'::jsonb, updated_at = now() where enquiry_id = any($1) and fields <> '{}'::jsonb`,
      false,
    ),
  };
}

/** Erases people's own records (name, date of birth, address, keys) and their identifiers, once nothing keeps them. */
export async function eraseSubjects(m: EntityManager, dataSubjectIds: string[]): Promise<ErasureCounts> {
  if (dataSubjectIds.length === 0) return {};
  return eraseSubjectRecords(m, dataSubjectIds);
}
