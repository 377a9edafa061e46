import type { EntityManager } from 'typeorm';
import type { ConsentMethod, SpecialCategory } from '../contracts/special-category.js';
import { affectedRows } from '../database/affected-rows.js';
import { insertRow } from '../database/insert-row.js';
import { ConsentRecordEntity } from './consent-record.entity.js';
import type { ConsentPurpose } from './consent-purpose.js';

/**
 * How other contexts record and read consent: the consent context owns consent_records. Each function takes the
 * caller's entity manager, so the record is written in the same transaction as the enquiry it belongs to.
 * Withdrawal is its own rule (consent-withdrawal.ts).
 */

/** A consent record as other contexts see it: read-only. */
export type ConsentRecord = Readonly<Omit<ConsentRecordEntity, 'enquiry' | 'dataSubject'>>;

export interface NewConsent {
  organisationId: string;
  enquiryId: string;
  dataSubjectId: string;
  purpose: ConsentPurpose;
  method: ConsentMethod;
  /** The privacy notice the person was shown (its version), or "unrecorded". */
  privacyNoticeVersion: string;
  specialCategories?: SpecialCategory[];
  /** The member of staff who recorded it; null when the person gave it themselves (a form, a chat). */
  recordedBy?: string | null;
}

export function recordConsent(m: EntityManager, consent: NewConsent): Promise<ConsentRecord> {
  return insertRow(m, ConsentRecordEntity, {
    ...consent,
    specialCategories: consent.specialCategories ?? [],
    recordedBy: consent.recordedBy ?? null,
  });
}

/**
 * Explicit consent to special category data that the person gives themselves (in a chat): recorded against the
 * privacy notice they accepted for processing.
 */
export async function recordExplicitConsent(
  m: EntityManager,
  consent: Omit<NewConsent, 'purpose' | 'privacyNoticeVersion'> & { specialCategories: SpecialCategory[] },
): Promise<ConsentRecord> {
  const processing = await m.findOne(ConsentRecordEntity, { where: { enquiryId: consent.enquiryId, purpose: 'processing' } });
  return recordConsent(m, {
    ...consent,
    purpose: 'special_category',
    privacyNoticeVersion: processing?.privacyNoticeVersion ?? 'unrecorded',
  });
}

/** The consents recorded for an enquiry, oldest first. */
export function consentsFor(m: EntityManager, enquiryId: string): Promise<ConsentRecord[]> {
  return m.find(ConsentRecordEntity, { where: { enquiryId }, order: { givenAt: 'ASC' } });
}

/**
 * The enquiry was linked to the person it is really about (an advisor's explicit act): its consent records follow
 * it, since the person who gave them is that person, so their access request finds them and their withdrawal
 * reaches them. How many moved.
 */
export function moveEnquiryConsents(m: EntityManager, enquiryId: string, dataSubjectId: string): Promise<number> {
  return affectedRows(m, `update consent_records set data_subject_id = $2 where enquiry_id = $1 and data_subject_id <> $2`, [
    enquiryId,
    dataSubjectId,
  ]);
}
