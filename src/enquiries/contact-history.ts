import type { EntityManager } from 'typeorm';
import type { EarlierContact } from '../contracts/calls.js';

/** Statuses of an enquiry still being worked on: by an advisor, or by the service it was referred to. */
const OPEN_STATUSES = ['new', 'in_progress', 'escalated'];

interface ContactRow {
  id: string;
  reference: string;
  channel: EarlierContact['channel'];
  status: EarlierContact['status'];
  topic: string | null;
  created_at: Date;
}

const toContact = (row: ContactRow): EarlierContact => ({
  enquiryId: row.id,
  reference: row.reference,
  channel: row.channel,
  status: row.status,
  topic: row.topic,
  createdAt: row.created_at.toISOString(),
});

/**
 * Some people's contact with the caller's organisation (row-level security keeps it to the tenant): their
 * enquiries newest first, at most `limit`, and those still open (also at most `limit`, newest first). References,
 * channels, statuses, topics and dates only: never a description or a name.
 */
export async function contactHistory(
  m: EntityManager,
  dataSubjectIds: string[],
  limit = 20,
): Promise<{ earlierContact: EarlierContact[]; openEnquiries: EarlierContact[] }> {
  if (dataSubjectIds.length === 0) return { earlierContact: [], openEnquiries: [] };
  const rows: (ContactRow & { open: boolean; recent: boolean })[] = await m.query(
    `with ranked as (
       select id, reference, channel, status, topic, created_at, status = any($2) as open,
              row_number() over (order by created_at desc, id desc) as recent_rank,
              row_number() over (partition by status = any($2) order by created_at desc, id desc) as open_rank
         from enquiries where data_subject_id = any($1)
     )
     select id, reference, channel, status, topic, created_at, open, recent_rank <= $3 as recent
       from ranked where recent_rank <= $3 or (open and open_rank <= $3)
      order by created_at desc, id desc`,
    [dataSubjectIds, OPEN_STATUSES, limit],
  );
  return {
    earlierContact: rows.filter((row) => row.recent).map(toContact),
    openEnquiries: rows.filter((row) => row.open).map(toContact),
  };
}
