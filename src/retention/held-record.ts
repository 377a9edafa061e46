/** A record a sweep did not erase although its period had run, and why: ids only. */
export interface HeldRecord {
  recordType: string;
  id: string;
  /** A legal hold (its id), or an open subject-rights request about the person (erasing then could defeat it). */
  reason: 'legal_hold' | 'open_subject_request';
  legalHoldId?: string;
}
