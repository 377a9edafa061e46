import type { EntityManager } from 'typeorm';
import { eraseChannelRecords } from '../channels/channel-erasure.js';
import { eraseChatMessages } from '../channels/webchat/chat-erasure.js';
import { ERASED } from '../common/erased.js';
import { eraseSubjectRecords } from '../data-subjects/subject-record-changes.js';
import { eraseEnquiryRecords } from '../enquiries/enquiry-changes.js';
import { eraseReferralSnapshots } from '../escalations/referral-erasure.js';
import { eraseCitizenMessages } from '../notify/citizen-message-erasure.js';
import { eraseReplies } from '../replies/reply-erasure.js';
import { eraseRoutingFeatures } from '../routing/routing-erasure.js';
import { eraseSafeguardingNotes } from '../safeguarding/flag-erasure.js';

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

/** What an erasure changed, by kind of record: counts only, for the audit trail and the DPO. */
export type ErasureCounts = Record<string, number>;

/**
 * Erases the personal data of the given enquiries in place, in every context that holds some, each through its
 * owner's erasure function: free text, contact details and message contents become "[erased]" or nothing,
 * attachments go, and the escalation snapshots sent to services are emptied (the disclosure ledger keeps ids and
 * field names, to notify the recipients). Ids, dates, statuses and channels stay, so reports stay true and the audit
 * chain (ids only) stays valid. What an earlier erasure erased already is not counted again. Call recordings live
 * in the telephony platform's store: their references stay until `RecordingEraser` has deleted them there (the
 * caller schedules it when `callRecordings`, the recordings now due to go, is not zero). A new table that holds
 * personal data about an enquiry gets its owner's erasure function, called here.
 */
export async function eraseEnquiries(m: EntityManager, enquiryIds: string[]): Promise<ErasureCounts> {
  if (enquiryIds.length === 0) return {};
  const { enquiries, timelineEntries } = await eraseEnquiryRecords(m, enquiryIds);
  const chatMessages = await eraseChatMessages(m, enquiryIds);
  const channels = await eraseChannelRecords(m, enquiryIds);
  return {
    enquiries,
    timelineEntries,
    chatMessages,
    emailMessages: channels.emailMessages,
    emailAttachments: channels.emailAttachments,
    socialConversations: channels.socialConversations,
    callLogs: channels.callLogs,
    callRecordings: channels.callRecordings,
    citizenMessages: await eraseCitizenMessages(m, enquiryIds),
    replies: await eraseReplies(m, enquiryIds),
    routingWords: await eraseRoutingFeatures(m, enquiryIds),
    safeguardingNotes: await eraseSafeguardingNotes(m, enquiryIds),
    escalationSnapshots: await eraseReferralSnapshots(m, { enquiryIds }),
  };
}

/** Erases people's own records (name, date of birth, address, keys) and their identifiers, once nothing keeps them. */
export async function eraseSubjects(m: EntityManager, dataSubjectIds: string[]): Promise<ErasureCounts> {
  if (dataSubjectIds.length === 0) return {};
  return eraseSubjectRecords(m, dataSubjectIds);
}

/**
 * Erasure of subject requests past their retention (a retention sweep): who asked and on whose behalf, the
 * evidence, the reasons for an extension and for pauses, and the outcome's text. The request's type, dates and
 * status stay, as the record that it was answered and when.
 */
export async function eraseSubjectRequestDetails(m: EntityManager, requestIds: string[]): Promise<void> {
  await m.query(
    `update subject_requests set subject = '{}'::jsonb, representative = null, identity_evidence = null, authority_evidence = null, extension_reason = null,
            outcome = case when outcome is null then null else $2 end,
            pauses = (select coalesce(jsonb_agg(p - 'reason'), '[]'::jsonb) from jsonb_array_elements(pauses) p), updated_at = now()
      where id = any($1)`,
    [requestIds, ERASED],
  );
}
