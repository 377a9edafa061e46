import type { EntityManager } from 'typeorm';
import { redactSpecialCategoryDetails } from '../enquiries/enquiry-changes.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import type { ConsentPurpose } from './consent-purpose.js';
import type { ConsentMethod } from '../contracts/special-category.js';

/** Which consents a withdrawal covers: one record (an advisor recording what the caller said), or every consent some people gave (a subject request). */
export type WithdrawalScope = { consentId: string } | { dataSubjectIds: string[] };

export interface WithdrawalBy {
  userId: string | null;
  method: ConsentMethod;
  /** When the withdrawal answers a subject request: named on each enquiry's timeline. */
  subjectRequestId?: string;
}

export interface Withdrawal {
  consents: { id: string; enquiryId: string; purpose: ConsentPurpose }[];
  /** Enquiries whose special category details this withdrawal removed. */
  redactedEnquiries: string[];
}

/**
 * The one rule for withdrawing consent (UK GDPR Art. 7(3), Art. 9(2)(a)): the consent records stay, as history,
 * marked withdrawn by whom, when and how; special category details given under explicit consent are removed at
 * once from every enquiry whose explicit consent is withdrawn; and each enquiry's timeline says so. What may no
 * longer happen afterwards is `processingRefusal`'s to decide. Consents already withdrawn are left as they are.
 * Runs inside the caller's tenant transaction; the caller audits, naming its own request.
 */
export async function withdrawConsent(m: EntityManager, scope: WithdrawalScope, by: WithdrawalBy): Promise<Withdrawal> {
  const [where, key] = 'consentId' in scope ? ['id = $1', scope.consentId] : ['data_subject_id = any($1)', scope.dataSubjectIds];
  const withdrawn: { id: string; enquiry_id: string; purpose: ConsentPurpose; organisation_id: string }[] = await m.query(
    // A data-modifying statement read through a select: TypeORM answers a bare UPDATE with [rows, count].
    `with withdrawn as (
       update consent_records set withdrawn_at = now(), withdrawn_by = $2, withdrawal_method = $3
        where ${where} and withdrawn_at is null
        returning id, enquiry_id, purpose, organisation_id
     ) select * from withdrawn`,
    [key, by.userId, by.method],
  );
  const explicit = [...new Set(withdrawn.filter((record) => record.purpose === 'special_category').map((record) => record.enquiry_id))];
  const redactedEnquiries = new Set(await redactSpecialCategoryDetails(m, explicit));
  for (const record of withdrawn) {
    await appendTimelineEvent(m, {
      organisationId: record.organisation_id,
      enquiryId: record.enquiry_id,
      kind: 'system',
      authorType: 'staff',
      authorId: by.userId,
      metadata: {
        event: 'consent_withdrawn',
        consentId: record.id,
        purpose: record.purpose,
        redactedSpecialCategoryDetails: record.purpose === 'special_category' && redactedEnquiries.has(record.enquiry_id),
        ...(by.subjectRequestId ? { subjectRequestId: by.subjectRequestId } : {}),
      },
    });
  }
  return {
    consents: withdrawn.map((record) => ({ id: record.id, enquiryId: record.enquiry_id, purpose: record.purpose })),
    redactedEnquiries: [...redactedEnquiries],
  };
}
