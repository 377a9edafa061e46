import { In, type EntityManager } from 'typeorm';
import type { Channel } from '../contracts/enquiry-vocabulary.js';
import { EnquiryEntity } from './enquiry.entity.js';

/**
 * How other contexts read the enquiries table: one enquiry by id, reference or the channel's own id for it, and
 * references by id. Each takes the caller's entity manager, so the read joins the caller's transaction and tenant.
 * Changes go through the enquiries context (EnquiryWorkflowService, or the functions of enquiry-changes.ts for a
 * change another context's transaction makes), which checks the status transitions.
 */

/** An enquiry as other contexts see it: read-only. */
export type Enquiry = Readonly<Omit<EnquiryEntity, 'dataSubject' | 'assignee' | 'mergedInto'>>;

export function findEnquiry(m: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<Enquiry | null> {
  return m.findOne(EnquiryEntity, { where: { id }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

export async function readEnquiry(m: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<Enquiry> {
  const found = await findEnquiry(m, id, options);
  if (!found) throw new Error('An enquiry the caller holds a reference to is not in its tenant');
  return found;
}

export function enquiryByReference(m: EntityManager, reference: string): Promise<Enquiry | null> {
  return m.findOne(EnquiryEntity, { where: { reference } });
}

/** The enquiry a channel created for its own message or call id, if any (intake is idempotent on it). */
export function enquiryFromSource(
  m: EntityManager,
  channel: Channel,
  sourceReference: string,
): Promise<Pick<Enquiry, 'id' | 'reference'> | null> {
  return m.findOne(EnquiryEntity, { where: { channel, sourceReference }, select: { id: true, reference: true } });
}

/** The references of these enquiries, by id. */
export async function enquiryReferences(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = await m.find(EnquiryEntity, { where: { id: In(ids) }, select: { id: true, reference: true } });
  return new Map(rows.map((row) => [row.id, row.reference]));
}

/** Which of these wrap-up outcome codes some enquiry of the organisation carries (a code in use may not be deleted). */
export async function outcomeCodesInUse(m: EntityManager, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows: { code: string }[] = await m.query(
    `select distinct outcome_code as code from enquiries where outcome_code = any($1) order by 1`,
    [codes],
  );
  return rows.map((row) => row.code);
}
