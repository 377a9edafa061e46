import { DomainError } from '../common/errors/domain-error.js';
import type { EnquiryStatus } from '../contracts/enquiry-vocabulary.js';

/**
 * The lifecycle: new → in_progress → resolved | escalated → closed. Resolve and escalate are allowed from
 * new or in_progress; a resolved or escalated enquiry is closed once nothing remains to do. A resolved one is
 * reopened (in_progress) when the citizen answers the reply that resolved it.
 */
const TRANSITIONS: Record<EnquiryStatus, readonly EnquiryStatus[]> = {
  new: ['in_progress', 'resolved', 'escalated'],
  in_progress: ['resolved', 'escalated'],
  // A citizen's answer to a reply reopens a resolved enquiry (EnquiryWorkflowService.citizenAnswered).
  resolved: ['in_progress', 'closed'],
  escalated: ['closed'],
  closed: [],
};

export function canTransition(from: EnquiryStatus, to: EnquiryStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: EnquiryStatus, to: EnquiryStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError(409, 'ILLEGAL_STATUS_TRANSITION', `An enquiry that is ${from} cannot become ${to}`);
  }
}
