import type { EntityManager } from 'typeorm';
import type { EarlierContact } from '../contracts/calls.js';
import type { OpenEnquiry, PersonContact } from '../contracts/person.js';

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

interface PersonContactRow extends ContactRow {
  data_subject_id: string;
  resolution: PersonContact['resolution'];
  resolved_at: Date | null;
  closed_at: Date | null;
  merged_into_id: string | null;
  merged_into_reference: string | null;
}

/** How an enquiry ended, as far as its record says (a merged one was closed as a duplicate, whatever it was before). */
const RESOLUTION_SQL = `case when e.merged_into_id is not null then 'merged' when e.signposted_to is not null then 'signposted'
  when e.escalated_at is not null then 'referred' when e.resolved_at is not null then 'advised' end`;

const PERSON_CONTACT_COLUMNS = `e.id, e.reference, e.channel, e.status, e.topic, e.created_at, e.data_subject_id, ${RESOLUTION_SQL} as resolution,
  e.resolved_at, e.closed_at, e.merged_into_id, target.reference as merged_into_reference`;

const toPersonContact = (row: PersonContactRow): PersonContact => ({
  ...toContact(row),
  resolution: row.resolution,
  ...(row.resolved_at ? { resolvedAt: row.resolved_at.toISOString() } : {}),
  ...(row.closed_at ? { closedAt: row.closed_at.toISOString() } : {}),
  ...(row.merged_into_id && row.merged_into_reference
    ? { mergedInto: { enquiryId: row.merged_into_id, reference: row.merged_into_reference } }
    : {}),
});

/**
 * The person at a glance, for one enquiry (row-level security keeps it to the tenant): the person's other
 * enquiries, newest first, at most `limit`; and the open ones about the person or anyone at the same address
 * (`sameAddressIds`), newest first, at most `limit`. The enquiry itself is left out of both. References,
 * channels, statuses, topics, dates and how each ended: never a description or a name.
 */
export async function personContact(
  m: EntityManager,
  about: { enquiryId: string; dataSubjectId: string; sameAddressIds: string[] },
  limit = 20,
): Promise<{ earlierContact: PersonContact[]; openEnquiries: OpenEnquiry[] }> {
  const earlier: PersonContactRow[] = await m.query(
    `select ${PERSON_CONTACT_COLUMNS}
       from enquiries e left join enquiries target on target.id = e.merged_into_id
      where e.data_subject_id = $1 and e.id <> $2
      order by e.created_at desc, e.id desc
      limit $3`,
    [about.dataSubjectId, about.enquiryId, limit],
  );
  const open: PersonContactRow[] = await m.query(
    `select ${PERSON_CONTACT_COLUMNS}
       from enquiries e left join enquiries target on target.id = e.merged_into_id
      where (e.data_subject_id = $1 or e.data_subject_id = any($2)) and e.id <> $3 and e.status = any($4)
      order by e.created_at desc, e.id desc
      limit $5`,
    [about.dataSubjectId, about.sameAddressIds, about.enquiryId, OPEN_STATUSES, limit],
  );
  return {
    earlierContact: earlier.map(toPersonContact),
    openEnquiries: open.map((row) => ({
      ...toPersonContact(row),
      about: row.data_subject_id === about.dataSubjectId ? 'person' : 'address',
    })),
  };
}

/** For each of these people: how many enquiries are recorded against them, and when the latest was made. */
export async function contactCounts(
  m: EntityManager,
  dataSubjectIds: string[],
): Promise<Map<string, { enquiries: number; lastContactAt: Date }>> {
  if (dataSubjectIds.length === 0) return new Map();
  const rows: { id: string; n: number; last: Date }[] = await m.query(
    `select data_subject_id as id, count(*)::int as n, max(created_at) as last from enquiries where data_subject_id = any($1) group by data_subject_id`,
    [dataSubjectIds],
  );
  return new Map(rows.map((row) => [row.id, { enquiries: row.n, lastContactAt: row.last }]));
}
