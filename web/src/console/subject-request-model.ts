import { FIELD_LABELS } from '../shared/fields.js';

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
  /** What the request did to the data, oldest first: counts and field names, never values. */
  actions: RequestAction[];
  /** The request keeps the people's data restricted now (a restriction, or an upheld objection, not lifted). */
  restricted: boolean;
  channel: string;
}

export interface RequestAction {
  at: string;
  action: 'exported' | 'rectified' | 'erased' | 'restricted' | 'restriction_lifted' | 'consent_withdrawn' | 'objection_upheld' | 'objection_refused';
  counts?: Record<string, number>;
  fields?: string[];
  kept?: number;
  recipientsNotified?: number;
}

/** One entry of a request's notice ledger (RecipientNoticeDto): a service told of a change, and whether it got it. */
export interface RecipientNotice {
  id: string;
  kind: 'rectification' | 'erasure' | 'restriction' | 'restriction_lifted';
  escalationId: string;
  recipient: string;
  fields: string[];
  deliveryType: 'webhook' | 'email' | 'portal';
  deliveryStatus: 'pending' | 'delivered' | 'available' | 'dead';
  attempts: number;
  createdAt: string;
  deliveredAt?: string;
  lastError?: string;
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

/** A field the API names in camelCase (dateOfBirth), as words (date of birth). */
export const fieldName = (field: string) => (FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, ' $1')).toLowerCase();

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The kinds of record the API counts (erasure, export, consent withdrawal), singular and plural. */
const COUNTED: Record<string, [string, string]> = {
  enquiries: ['enquiry', 'enquiries'],
  timelineEntries: ['timeline entry', 'timeline entries'],
  chatMessages: ['chat message', 'chat messages'],
  emailMessages: ['email', 'emails'],
  emailAttachments: ['email attachment', 'email attachments'],
  socialConversations: ['social media conversation', 'social media conversations'],
  callLogs: ['call', 'calls'],
  callRecordings: ['call recording', 'call recordings'],
  escalationSnapshots: ['referral sent to a service', 'referrals sent to services'],
  routingWords: ['set of words learnt for routing', 'sets of words learnt for routing'],
  subjects: ['person’s own record', 'people’s own records'],
  identifiers: ['phone number or email address', 'phone numbers and email addresses'],
  recipients: ['recipient', 'recipients'],
  consents: ['consent record', 'consent records'],
  redactedEnquiries: ['enquiry redacted', 'enquiries redacted'],
};

/** Counts in a fixed order (the API's own order is lost where they are stored), known kinds first. */
export function inOrder(counts: Record<string, number> = {}): [string, number][] {
  const known = Object.keys(COUNTED);
  const rank = (kind: string) => (known.includes(kind) ? known.indexOf(kind) : known.length);
  return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b));
}

/** "1 enquiry, 3 chat messages": the counts that are not zero, in words; `none` when all are. */
export function countsInWords(counts: Record<string, number> = {}, none = 'nothing'): string {
  const shown = inOrder(counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => (COUNTED[kind] ? plural(count, ...COUNTED[kind]) : `${count} ${words(kind)}`));
  return shown.length > 0 ? shown.join(', ') : none;
}

const ACTION_NAMES: Record<RequestAction['action'], string> = {
  exported: 'Exported',
  rectified: 'Corrected',
  erased: 'Erased',
  restricted: 'Restricted',
  restriction_lifted: 'Restriction lifted',
  consent_withdrawn: 'Consent withdrawn',
  objection_upheld: 'Objection upheld',
  objection_refused: 'Objection not upheld',
};

export const actionName = (action: RequestAction) => ACTION_NAMES[action.action] ?? words(action.action);

/** What an action did, in words: "1 enquiry, 3 chat messages; 1 kept; 2 services told". */
export function actionDetail(action: RequestAction): string {
  const parts: string[] = [];
  if (action.action === 'exported') {
    // An export counts people held, not their own records.
    const { subjects = 0, ...rest } = action.counts ?? {};
    parts.push([plural(subjects, 'person', 'people'), countsInWords(rest, '')].filter(Boolean).join(', '));
  } else if (action.counts) parts.push(countsInWords(action.counts, action.action === 'erased' ? 'nothing left to erase' : 'nothing'));
  if (action.fields) parts.push(action.fields.length > 0 ? action.fields.map(fieldName).join(', ') : 'no details changed');
  if (action.kept) parts.push(`${action.kept} kept`);
  if (action.recipientsNotified !== undefined) parts.push(action.recipientsNotified === 0 ? 'no services to tell' : `${plural(action.recipientsNotified, 'service')} told`);
  if (action.action === 'objection_refused') parts.push('processing continues');
  return parts.join('; ');
}
