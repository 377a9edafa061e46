import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import type { LegalBasis } from '../contracts/legal-basis.js';
import type { ConsentPurpose } from './consent-purpose.js';

export interface ProcessingState {
  legalBasis: LegalBasis;
  consents: { purpose: ConsentPurpose; withdrawnAt: Date | null }[];
  /** Processing restricted at the data subject's request (UK GDPR Art. 18), or an upheld objection (Art. 21). */
  restricted?: boolean;
}

/**
 * Every use of an enquiry's personal data that needs a live lawful basis. Storing it, closing the enquiry and
 * answering the person's own rights requests are not uses: they go ahead whatever the state.
 */
export const PROCESSING_USES = [
  'escalation',
  'special_category_sharing',
  'export',
  'note',
  'advice',
  'assignment',
  'classification',
  'citizen_message',
] as const;
export type ProcessingUse = (typeof PROCESSING_USES)[number];

export type ProcessingRefusal = { code: 'PROCESSING_RESTRICTED' | 'CONSENT_WITHDRAWN' | 'EXPLICIT_CONSENT_WITHDRAWN'; reason: string };

const active = (state: ProcessingState, purpose: ConsentPurpose) => state.consents.some((c) => c.purpose === purpose && !c.withdrawnAt);
const everGiven = (state: ProcessingState, purpose: ConsentPurpose) => state.consents.some((c) => c.purpose === purpose);

/**
 * The one rule for whether a use of an enquiry's data may go ahead: not while processing is restricted; not,
 * for an enquiry processed on consent, once that consent is withdrawn; and special category details are not
 * shared once the explicit consent they rest on is withdrawn. Undefined when the use may go ahead.
 */
export function processingRefusal(state: ProcessingState, use: ProcessingUse): ProcessingRefusal | undefined {
  if (state.restricted) {
    return {
      code: 'PROCESSING_RESTRICTED',
      reason: 'Processing of this enquiry is restricted at the data subject’s request: it is only stored until the restriction is lifted',
    };
  }
  if (state.legalBasis === 'consent' && !active(state, 'processing')) {
    return {
      code: 'CONSENT_WITHDRAWN',
      reason: 'This enquiry is processed on consent, and the consent has been withdrawn: its data may only be kept, not used',
    };
  }
  if (use === 'special_category_sharing' && everGiven(state, 'special_category') && !active(state, 'special_category')) {
    return { code: 'EXPLICIT_CONSENT_WITHDRAWN', reason: 'Explicit consent to special category data has been withdrawn' };
  }
  return undefined;
}

export function assertProcessingAllowed(state: ProcessingState, use: ProcessingUse): void {
  const refusal = processingRefusal(state, use);
  if (refusal) throw new DomainError(409, refusal.code, refusal.reason);
}

/**
 * What `processingRefusal` decides on, for one enquiry, in one statement inside the caller's tenant transaction.
 * A named cross-context read (enquiries, their data subject's restriction, consent records), kept here beside the rule.
 */
export async function processingStateOf(m: EntityManager, enquiryId: string): Promise<ProcessingState | undefined> {
  const [row]: { legal_basis: LegalBasis; restricted: boolean; consents: { purpose: ConsentPurpose; withdrawn_at: string | null }[] }[] =
    await m.query(
      `select e.legal_basis, s.processing_restricted_at is not null as restricted,
            array(select json_build_object('purpose', c.purpose, 'withdrawn_at', c.withdrawn_at) from consent_records c where c.enquiry_id = e.id) as consents
       from enquiries e join data_subjects s on s.id = e.data_subject_id
      where e.id = $1`,
      [enquiryId],
    );
  return row && toProcessingState(row);
}

/** The state from a row that already holds `legal_basis`, `restricted` and `consents` (escalation reads them with its source). */
export function toProcessingState(row: {
  legal_basis: LegalBasis;
  restricted: boolean;
  consents: { purpose: ConsentPurpose; withdrawn_at: string | null }[];
}): ProcessingState {
  return {
    legalBasis: row.legal_basis,
    consents: row.consents.map((c) => ({ purpose: c.purpose, withdrawnAt: c.withdrawn_at ? new Date(c.withdrawn_at) : null })),
    restricted: row.restricted,
  };
}

/** Refuses the use when the rule says so (409 with the reason); nothing when the enquiry is not found (the caller answers 404). */
export async function assertEnquiryMayBeUsed(m: EntityManager, enquiryId: string, use: ProcessingUse): Promise<void> {
  const state = await processingStateOf(m, enquiryId);
  if (state) assertProcessingAllowed(state, use);
}
