import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, EnquiryStatus } from '../contracts/enquiry-vocabulary.js';

/** What is held about a person beyond their enquiries' own rows, counted by kind of record. */
export const HOLDING_COUNTS = [
  'timelineEvents',
  'chatMessages',
  'emailMessages',
  'emailAttachments',
  'socialMessages',
  'callLogs',
  'callRecordings',
  'consentRecords',
  'escalations',
  'disclosures',
] as const;
export type HoldingCount = (typeof HOLDING_COUNTS)[number];

export interface HeldEnquiry {
  id: string;
  dataSubjectId: string;
  reference: string;
  channel: Channel;
  status: EnquiryStatus;
  createdAt: Date;
  counts: Record<HoldingCount, number>;
}

/**
 * Everything recorded about data subjects, across channels, read in one statement: their enquiries and, for
 * each, how many records of every kind hang off it. A read model over several contexts' tables, kept in one
 * place so that a new table holding personal data is added here (and to the subject access export) once.
 */
@Injectable()
export class SubjectHoldingsRepository {
  async enquiriesOf(m: EntityManager, organisationId: string, dataSubjectIds: string[]): Promise<HeldEnquiry[]> {
    if (dataSubjectIds.length === 0) return [];
    const { text, values } = subjectHoldingsQuery(organisationId, dataSubjectIds);
    const rows: HoldingRow[] = await m.query(text, values);
    return rows.map((row) => ({
      id: row.id,
      dataSubjectId: row.data_subject_id,
      reference: row.reference,
      channel: row.channel,
      status: row.status,
      createdAt: row.created_at,
      counts: Object.fromEntries(HOLDING_COUNTS.map((kind) => [kind, row[kind]])) as Record<HoldingCount, number>,
    }));
  }
}

type HoldingRow = {
  id: string;
  data_subject_id: string;
  reference: string;
  channel: Channel;
  status: EnquiryStatus;
  created_at: Date;
} & Record<HoldingCount, number>;

// One scalar subquery per kind of record, each an index lookup by enquiry (cheap to plan and to run).
const COUNTED: Record<Exclude<HoldingCount, 'chatMessages'>, string> = {
  timelineEvents: `select count(*) from enquiry_events x where x.organisation_id = $1 and x.enquiry_id = h.id`,
  emailMessages: `select count(*) from email_messages x where x.organisation_id = $1 and x.enquiry_id = h.id`,
  emailAttachments: `select count(*) from email_messages e join email_attachments x on x.email_message_id = e.id and x.organisation_id = $1
      where e.organisation_id = $1 and e.enquiry_id = h.id`,
  socialMessages: `select count(*) from social_messages x where x.organisation_id = $1 and x.enquiry_id = h.id`,
  callLogs: `select count(*) from call_logs x where x.organisation_id = $1 and x.enquiry_id = h.id`,
  callRecordings: `select count(*) from call_logs c join call_recordings x on x.call_log_id = c.id and x.organisation_id = $1
      where c.organisation_id = $1 and c.enquiry_id = h.id`,
  consentRecords: `select count(*) from consent_records x where x.organisation_id = $1 and x.enquiry_id = h.id`,
  escalations: `select count(*) from escalations x where x.organisation_id = $1 and x.enquiry_id = h.id`,
  disclosures: `select count(*) from disclosures x where x.organisation_id = $1 and x.data_subject_id = h.data_subject_id and x.enquiry_id = h.id`,
};

/**
 * The SQL of enquiriesOf (exported so that the benchmark's baseline runs exactly it). Chats have no index on
 * their enquiry, so chat messages are counted once for the whole set of enquiries (one pass over chats per
 * search) rather than once per enquiry.
 */
export function subjectHoldingsQuery(organisationId: string, dataSubjectIds: string[]): { text: string; values: unknown[] } {
  const text = `
    with held as materialized (
      select e.id, e.data_subject_id, e.reference, e.channel, e.status, e.created_at
      from enquiries e
      where e.organisation_id = $1 and e.data_subject_id = any($2::uuid[])
    )
    select h.*, coalesce(chat.n, 0) as "chatMessages",
      ${Object.entries(COUNTED)
        .map(([kind, count]) => `(${count})::int as "${kind}"`)
        .join(',\n      ')}
    from held h
    left join (
      select c.enquiry_id, count(*)::int as n from chats c join chat_messages x on x.chat_id = c.id and x.organisation_id = $1
      where c.organisation_id = $1 and c.enquiry_id in (select id from held) group by c.enquiry_id
    ) chat on chat.enquiry_id = h.id
    order by h.data_subject_id, h.created_at desc, h.id`;
  return { text, values: [organisationId, dataSubjectIds] };
}
