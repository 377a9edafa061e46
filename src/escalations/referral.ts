import type { SubjectContact } from '../data-subjects/subject-contact.js';
import { SHARED_FIELDS, type SharedField } from '../contracts/shared-fields.js';

/** What an enquiry holds that could be shared: the person's contact row (`subjectContactOf`). */
export type ReferralSource = SubjectContact;

/** What the advisor adds when escalating. */
export interface ReferralInput {
  reasonForReferral: string;
  actionsAlreadyTaken: string;
  specialRequirements?: string;
}

/**
 * The one place that decides what personal data leaves the system: the fields a service may receive, and
 * no others. The preview calls it without the advisor's input; escalation calls it with, and stores exactly
 * what it returns.
 */
export function buildReferral(
  source: ReferralSource,
  permitted: readonly SharedField[],
  input?: ReferralInput,
): Partial<Record<SharedField, string>> {
  const address = [source.address, source.postcode].filter((part): part is string => Boolean(part && part.trim())).join(', ');
  const candidates: Record<SharedField, string | undefined> = {
    name: source.name,
    dateOfBirth: source.dateOfBirth ?? undefined,
    contactNumber: source.phones[0],
    address: address || undefined,
    specialRequirements: input?.specialRequirements?.trim() || undefined,
    reasonForReferral: input?.reasonForReferral,
    actionsAlreadyTaken: input?.actionsAlreadyTaken,
  };
  const referral: Partial<Record<SharedField, string>> = {};
  for (const field of SHARED_FIELDS) {
    const value = candidates[field];
    if (permitted.includes(field) && value !== undefined && value !== '') referral[field] = value;
  }
  return referral;
}
