/** A subject-rights request as the API answers it (SubjectRequestDto). */
export interface SubjectRequest {
  id: string;
  type: RequestType;
  status: string;
  dueAt: string;
  daysLeft: number;
  receivedOn: string;
  clockStartsOn: string;
  subject: RequestedSubject;
  representative?: { name: string; relationship: string };
  identityEvidence?: string;
  identityReceivedOn?: string;
  authorityEvidence?: string;
  authorityReceivedOn?: string;
  extendedOn?: string;
  extensionReason?: string;
  pauses: { from: string; to?: string | null; reason: string }[];
  dataSubjectIds: string[];
  clockHistory: { at: string; event: string; dueOn: string }[];
  outcome?: string;
}

export interface RequestedSubject {
  name?: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
  address?: string;
}

export type RequestType = 'access' | 'rectification' | 'erasure' | 'restriction' | 'portability' | 'objection' | 'withdraw_consent';

/** The rights, in the order the UK GDPR gives them, with the article that grants each. */
export const REQUEST_TYPES: [RequestType, string, string][] = [
  ['access', 'Access', 'A copy of everything held about them (Art. 15)'],
  ['rectification', 'Rectification', 'Correct inaccurate details (Art. 16)'],
  ['erasure', 'Erasure', 'Erase what is held about them (Art. 17)'],
  ['restriction', 'Restriction', 'Only store their data, use it no further (Art. 18)'],
  ['portability', 'Portability', 'Their data in a machine-readable form (Art. 20)'],
  ['objection', 'Objection', 'Stop processing on public task or legitimate interests (Art. 21)'],
  ['withdraw_consent', 'Withdraw consent', 'Stop processing that relies on their consent (Art. 7(3))'],
];

export const typeName = (type: string) => REQUEST_TYPES.find(([value]) => value === type)?.[1] ?? type;
export const words = (value: string) => value.replaceAll('_', ' ');
export const isOpen = (request: { status: string }) => request.status !== 'completed' && request.status !== 'refused';

/** Identity, and the authority of anyone acting for the person, are verified: the API will act on the request. */
export const isVerified = (request: SubjectRequest) => Boolean(request.identityEvidence) && (!request.representative || Boolean(request.authorityEvidence));

/** Verified, and the DPO has confirmed which records are the requester's. */
export const isReadyToAct = (request: SubjectRequest) => isVerified(request) && request.dataSubjectIds.length > 0;

/** Who a request is about, in a few words, for the list. */
export const aboutWhom = (subject: RequestedSubject) => subject.name ?? subject.email ?? subject.phone ?? subject.address ?? subject.dateOfBirth ?? '';

/**
 * The services told of a correction, erasure or restriction, when the API says (`recipientsNotified`), as the end
 * of a sentence; nothing when it does not say or none were told.
 */
export const recipientsTold = (count?: number) => (count ? `; ${count} service${count === 1 ? '' : 's'} that received their data ${count === 1 ? 'was' : 'were'} told` : '');
