import { DomainError } from '../common/errors/domain-error.js';
import type { LegalBasis } from '../tenancy/legal-basis.js';
import type { ConsentPurpose } from './consent-record.entity.js';

export interface ProcessingState {
  legalBasis: LegalBasis;
  consents: { purpose: ConsentPurpose; withdrawnAt: Date | null }[];
  /** Processing restricted at the data subject's request (UK GDPR Art. 18). */
  restricted?: boolean;
}

/** Uses of an enquiry's data that need a live lawful basis. */
export type ProcessingUse = 'escalation' | 'export' | 'special_category_sharing';

export type ProcessingRefusal = { code: 'PROCESSING_RESTRICTED' | 'CONSENT_WITHDRAWN' | 'EXPLICIT_CONSENT_WITHDRAWN'; reason: string };

const active = (state: ProcessingState, purpose: ConsentPurpose) => state.consents.some((c) => c.purpose === purpose && !c.withdrawnAt);
const everGiven = (state: ProcessingState, purpose: ConsentPurpose) => state.consents.some((c) => c.purpose === purpose);

/** Why this use of an enquiry's data may not go ahead, or undefined when it may. */
export function processingRefusal(state: ProcessingState, use: ProcessingUse): ProcessingRefusal | undefined {
  if (state.restricted) {
    return { code: 'PROCESSING_RESTRICTED', reason: 'Processing of this enquiry is restricted at the data subject’s request' };
  }
  if (state.legalBasis === 'consent' && !active(state, 'processing')) {
    return { code: 'CONSENT_WITHDRAWN', reason: 'This enquiry is processed on consent, and the consent has been withdrawn' };
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
