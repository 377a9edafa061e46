import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

type Row = Record<string, unknown>;

/** Columns that say nothing about the person and only matter inside Signpost. */
const INTERNAL = ['organisation_id', 'resume_token_hash', 'key', 'content'];
const strip = (column: string) => `- '${column}'`;
const visible = (alias: string) => `to_jsonb(${alias}) ${INTERNAL.map(strip).join(' ')}`;

export interface SubjectExport {
  subject: Row;
  identifiers: Row[];
  consentRecords: Row[];
  enquiries: (Row & {
    timeline: Row[];
    chatMessages: Row[];
    emailMessages: Row[];
    emailAttachments: Row[];
    socialMessages: Row[];
    callLogs: Row[];
    callRecordings: Row[];
    /** Safeguarding flags on the enquiry: kinds of danger, the review and its note. */
    safeguardingFlags: Row[];
    /** Replies sent to the person: channel, where to, exactly what was said, and what became of it. */
    replies: Row[];
  })[];
  /** Who received the person's data, from the disclosure ledger: which fields, exactly what was sent, when, on what basis. */
  recipients: Row[];
}

/**
 * Everything held about confirmed data subjects, for access and portability: every table that holds personal
 * data about a person or their enquiries, each row as stored (less internal keys and attachment bytes). A table
 * added later that holds personal data is added here, and to the subject search's counts, once.
 */
@Injectable()
export class SubjectExportRepository {
  async export(m: EntityManager, dataSubjectIds: string[]): Promise<SubjectExport[]> {
    const result: SubjectExport[] = [];
    for (const id of dataSubjectIds) {
      const [subject] = await rows(m, `select ${visible('s')} as row from data_subjects s where s.id = $1`, [id]);
      if (!subject) continue;
      const enquiries = await rows(m, `select ${visible('e')} as row from enquiries e where e.data_subject_id = $1 order by e.created_at`, [
        id,
      ]);
      const ids = enquiries.map((enquiry) => enquiry.id as string);
      const byEnquiry = async (sql: string) => group(await rows(m, sql, [ids]));
      const [
        timeline,
        chatMessages,
        emailMessages,
        emailAttachments,
        socialMessages,
        callLogs,
        callRecordings,
        safeguardingFlags,
        replies,
      ] = await Promise.all([
        byEnquiry(
          `select ${visible('x')} || jsonb_build_object('enquiry_id', x.enquiry_id) as row from enquiry_events x where x.enquiry_id = any($1) order by x.created_at`,
        ),
        byEnquiry(
          `select ${visible('x')} || jsonb_build_object('enquiry_id', c.enquiry_id) as row from chat_messages x join chats c on c.id = x.chat_id where c.enquiry_id = any($1) order by x.chat_id, x.seq`,
        ),
        byEnquiry(`select ${visible('x')} as row from email_messages x where x.enquiry_id = any($1) order by x.created_at`),
        byEnquiry(
          `select ${visible('x')} || jsonb_build_object('enquiry_id', e.enquiry_id) as row from email_attachments x join email_messages e on e.id = x.email_message_id where e.enquiry_id = any($1)`,
        ),
        byEnquiry(`select ${visible('x')} as row from social_messages x where x.enquiry_id = any($1) order by x.created_at`),
        byEnquiry(`select ${visible('x')} as row from call_logs x where x.enquiry_id = any($1) order by x.started_at`),
        byEnquiry(
          `select ${visible('x')} || jsonb_build_object('enquiry_id', l.enquiry_id) as row from call_recordings x join call_logs l on l.id = x.call_log_id where l.enquiry_id = any($1)`,
        ),
        byEnquiry(`select ${visible('x')} as row from safeguarding_flags x where x.enquiry_id = any($1) order by x.raised_at`),
        byEnquiry(`select ${visible('x')} - 'recipient_key' as row from replies x where x.enquiry_id = any($1) order by x.created_at`),
      ]);
      result.push({
        subject,
        identifiers: await rows(
          m,
          `select ${visible('x')} as row from data_subject_identifiers x where x.data_subject_id = $1 order by x.created_at`,
          [id],
        ),
        consentRecords: await rows(
          m,
          `select ${visible('x')} as row from consent_records x where x.data_subject_id = $1 order by x.given_at`,
          [id],
        ),
        enquiries: enquiries.map((enquiry) => {
          const of = (groups: Map<string, Row[]>) => groups.get(enquiry.id as string) ?? [];
          return {
            ...enquiry,
            timeline: of(timeline),
            chatMessages: of(chatMessages),
            emailMessages: of(emailMessages),
            emailAttachments: of(emailAttachments),
            socialMessages: of(socialMessages),
            callLogs: of(callLogs),
            callRecordings: of(callRecordings),
            safeguardingFlags: of(safeguardingFlags),
            replies: of(replies),
          };
        }),
        recipients: await rows(
          m,
          `select jsonb_build_object('recipient', d.recipient_name, 'service', s.code, 'fields', d.fields, 'received', e.fields, 'legal_basis', d.legal_basis,
                  'disclosed_at', d.disclosed_at, 'delivery_status', d.delivery_status, 'delivered_at', d.delivered_at, 'enquiry_id', d.enquiry_id) as row
             from disclosures d join services s on s.id = d.recipient_service_id left join escalations e on e.id = d.escalation_id
            where d.data_subject_id = $1 order by d.disclosed_at`,
          [id],
        ),
      });
    }
    return result;
  }
}

async function rows(m: EntityManager, sql: string, parameters: unknown[]): Promise<Row[]> {
  return ((await m.query(sql, parameters)) as { row: Row }[]).map((entry) => entry.row);
}

function group(list: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of list) {
    const key = row.enquiry_id as string;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}
