import type { EntityManager } from 'typeorm';
import { WORK_CHANNELS } from '../contracts/enquiry-vocabulary.js';
import { ENQUIRY_SLA_SQL } from './enquiry-sla.js';
import { appendTimelineEvent } from './timeline.js';

/**
 * The work queue's reads and changes (e-mail, form and social enquiries), for the work router (`work-queues/`)
 * inside its tenant transaction. Only this context writes the enquiries table.
 */

/** An unassigned new enquiry waiting in the work queue. */
export interface WaitingEnquiry {
  id: string;
  reference: string;
  topic: string | null;
  /** Advisors who left it untouched when it was assigned to them automatically. */
  skipped: string[];
}

/** An automatically assigned enquiry given back to the queue. */
export interface ReturnedEnquiry {
  id: string;
  reference: string;
  advisorId: string;
}

/** The waiting enquiries, soonest due first (the running service-level target), then oldest first. */
export async function waitingWork(m: EntityManager, limit: number): Promise<WaitingEnquiry[]> {
  const rows: { id: string; reference: string; topic: string | null; work_skipped: string[] }[] = await m.query(
    `select e.id, e.reference, e.topic, e.work_skipped from enquiries e
      where e.status = 'new' and e.assignee_id is null and e.channel = any($1)
      order by ${ENQUIRY_SLA_SQL.dueAt('e')} asc nulls last, e.created_at asc, e.id asc
      limit $2`,
    [WORK_CHANNELS, limit],
  );
  return rows.map((row) => ({ id: row.id, reference: row.reference, topic: row.topic, skipped: row.work_skipped }));
}

/** Each advisor's open assigned work: new and in-progress enquiries assigned to them, on any channel. */
export async function openAssignedWork(m: EntityManager, advisorIds: string[]): Promise<Map<string, number>> {
  if (advisorIds.length === 0) return new Map();
  const rows: { assignee_id: string; n: number }[] = await m.query(
    `select assignee_id, count(*)::int as n from enquiries
      where assignee_id = any($1) and status in ('new', 'in_progress') group by assignee_id`,
    [advisorIds],
  );
  return new Map(rows.map((row) => [row.assignee_id, row.n]));
}

/**
 * Gives a waiting enquiry to an advisor, recorded as assigned automatically at `now` and on its timeline. False when
 * it is no longer waiting (taken in the meantime): nothing changes.
 */
export async function assignAutomatically(m: EntityManager, enquiryId: string, advisorId: string, now: Date): Promise<boolean> {
  const rows: { organisation_id: string }[] = await m.query(
    // As a select over the update: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    `with assigned as (
       update enquiries set assignee_id = $2, assigned_automatically_at = $3, updated_at = now()
        where id = $1 and status = 'new' and assignee_id is null
        returning organisation_id)
     select organisation_id from assigned`,
    [enquiryId, advisorId, now],
  );
  if (rows.length === 0) return false;
  await appendTimelineEvent(m, {
    organisationId: rows[0].organisation_id,
    enquiryId,
    kind: 'system',
    authorType: 'system',
    metadata: { event: 'assigned_automatically', assigneeId: advisorId },
  });
  return true;
}

/**
 * Automatically assigned enquiries, still new, that their advisor has not touched (no timeline entry of theirs: a
 * reply, a note, a status change, taking it) since `before`'s assignment go back to the queue: unassigned, the advisor
 * skipped for it next time, and "returned to the queue" on the timeline. One statement decides, so an advisor's touch
 * committed first (which locks the row) keeps the enquiry.
 */
export async function returnUntouchedWork(m: EntityManager, assignedBefore: Date): Promise<ReturnedEnquiry[]> {
  const rows: { id: string; reference: string; organisation_id: string; advisor_id: string }[] = await m.query(
    `with returned as (
       update enquiries e
          set assignee_id = null, assigned_automatically_at = null,
              work_skipped = array_append(e.work_skipped, e.assignee_id), updated_at = now()
        where e.assigned_automatically_at is not null and e.assigned_automatically_at <= $1
          and e.status = 'new' and e.assignee_id is not null
          and not exists (
            select 1 from enquiry_events ev
             where ev.enquiry_id = e.id and ev.author_type = 'staff' and ev.author_id = e.assignee_id
               and ev.created_at >= e.assigned_automatically_at)
        returning e.id, e.reference, e.organisation_id, e.work_skipped[cardinality(e.work_skipped)] as advisor_id)
     select * from returned order by reference`,
    [assignedBefore],
  );
  for (const row of rows) {
    await appendTimelineEvent(m, {
      organisationId: row.organisation_id,
      enquiryId: row.id,
      kind: 'system',
      authorType: 'system',
      metadata: { event: 'returned_to_queue', reason: 'untouched', advisorId: row.advisor_id },
    });
  }
  return rows.map((row) => ({ id: row.id, reference: row.reference, advisorId: row.advisor_id }));
}
