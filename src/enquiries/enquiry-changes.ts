import type { EntityManager } from 'typeorm';
import { ERASED } from '../common/erased.js';
import { affectedRows } from '../database/affected-rows.js';
import type { SpecialCategory } from '../contracts/special-category.js';
import type { RetentionClass } from '../retention/retention-class.js';
import { EnquiryEntity } from './enquiry.entity.js';
import { requestContext } from '../common/request-context.js';
import { wrapUpOutcome } from '../wrap-up/outcome-reads.js';
import { assertTransition, canTransition } from './enquiry-status.js';
import type { Enquiry } from './enquiry-reads.js';
import { endWaiting } from './citizen-wait.js';

/**
 * The changes other contexts make to an enquiry inside their own transaction (a chat accepted, consent given in a
 * chat, a form's retention class). The enquiries context makes them, checking the status transitions; callers never
 * write the enquiries table themselves.
 */

/**
 * An advisor takes up the enquiry behind a chat they accepted: it becomes theirs, and in progress if it was new
 * (a resolved or escalated one keeps its status: the chat is a follow-up).
 */
export async function takeUpEnquiry(m: EntityManager, enquiryId: string, advisorId: string): Promise<Enquiry> {
  const enquiry = await m.findOneOrFail(EnquiryEntity, { where: { id: enquiryId }, lock: { mode: 'pessimistic_write' } });
  if (enquiry.status === 'new' && canTransition(enquiry.status, 'in_progress')) enquiry.status = 'in_progress';
  enquiry.assigneeId = advisorId;
  return m.save(enquiry);
}

/** Special categories the person has explicitly agreed to share are added to those the enquiry holds. */
export async function addSpecialCategories(m: EntityManager, enquiryId: string, categories: SpecialCategory[]): Promise<Enquiry> {
  const enquiry = await m.findOneOrFail(EnquiryEntity, { where: { id: enquiryId }, lock: { mode: 'pessimistic_write' } });
  enquiry.specialCategories = [...new Set([...enquiry.specialCategories, ...categories])];
  enquiry.specialCategory = true;
  return m.save(enquiry);
}

/** The retention class the channel that received the enquiry decides on (a website form's own period). */
export async function setRetentionClass(m: EntityManager, enquiryId: string, retentionClass: RetentionClass): Promise<void> {
  await m.update(EnquiryEntity, { id: enquiryId }, { retentionClass });
}

/**
 * The citizen was answered (a reply queued to them): the enquiry's first response, for its service level, if it had
 * none yet. Later replies change nothing.
 */
export async function markFirstResponse(m: EntityManager, enquiryId: string): Promise<void> {
  await m.query(`update enquiries set first_responded_at = now() where id = $1 and first_responded_at is null`, [enquiryId]);
}

/**
 * Removes the special category details of these enquiries (their explicit consent was withdrawn): the ids of those
 * that held some. The categories stay, as the record of what was shared.
 */
export async function redactSpecialCategoryDetails(m: EntityManager, enquiryIds: string[]): Promise<string[]> {
  if (enquiryIds.length === 0) return [];
  const redacted: { id: string }[] = await m.query(
    // A data-modifying statement read through a select: TypeORM answers a bare UPDATE with [rows, count].
    `with redacted as (
       update enquiries set special_category_details = null, special_category_redacted_at = coalesce(special_category_redacted_at, now()), updated_at = now()
        where id = any($1) and special_category_details is not null
        returning id
     ) select id from redacted`,
    [enquiryIds],
  );
  return redacted.map((row) => row.id);
}

/**
 * The enquiry was passed to the service that owns it (the escalation's own records are written alongside, in the
 * caller's transaction): escalated, the transition checked here. Passed on following a knowledge article, it names
 * the article and is kept as a knowledge follow-up request (12 months).
 */
export async function markEscalated(m: EntityManager, enquiryId: string, knowledgeArticleId: string | null): Promise<{ outcome?: string }> {
  const [{ status, outcome_code: current, waiting }]: { status: Enquiry['status']; outcome_code: string | null; waiting: boolean }[] =
    await m.query('select status, outcome_code, waiting_since is not null as waiting from enquiries where id = $1 for update', [enquiryId]);
  assertTransition(status, 'escalated');
  if (waiting) {
    // Passed on while waiting for the citizen: the wait ends, the clock still owed runs again from now.
    const enquiry = await m.findOneOrFail(EnquiryEntity, { where: { id: enquiryId } });
    await endWaiting(m, enquiry, 'advisor', null, new Date());
    await m.save(enquiry);
  }
  // Wrap-up: "referred" is recorded by itself when the organisation has that code active (the rule `outcomeFor`).
  const outcome = await wrapUpOutcome(m, 'escalate', undefined, current);
  await m.query(
    `update enquiries set status = 'escalated', escalated_at = now(), updated_at = now(),
            knowledge_article_id = coalesce($2::uuid, knowledge_article_id),
            retention_class = case when $2::uuid is null then retention_class else 'knowledge_follow_up' end,
            outcome_code = coalesce($3, outcome_code),
            outcome_at = case when $3::text is null then outcome_at else now() end,
            outcome_by = case when $3::text is null then outcome_by else $4::uuid end
      where id = $1`,
    [enquiryId, knowledgeArticleId, outcome, requestContext.principal()?.userId ?? null],
  );
  return outcome ? { outcome } : {};
}

/**
 * Erasure of enquiries (an erasure request, or a retention sweep): the description, the advice given, special
 * category details and the source reference go, as do the bodies of timeline entries. Ids, dates, statuses and
 * channels stay, so reports stay true. What an earlier erasure erased is not counted again.
 */
export async function eraseEnquiryRecords(m: EntityManager, enquiryIds: string[]): Promise<{ enquiries: number; timelineEntries: number }> {
  const enquiries = await affectedRows(
    m,
    `update enquiries set description = $2, special_category_details = null, resolution_advice = case when resolution_advice is null then null else $2 end, source_reference = null, erased_at = now(), updated_at = now()
      where id = any($1) and erased_at is null`,
    [enquiryIds, ERASED],
  );
  const timelineEntries = await affectedRows(m, `update enquiry_events set body = null where enquiry_id = any($1) and body is not null`, [
    enquiryIds,
  ]);
  return { enquiries, timelineEntries };
}
