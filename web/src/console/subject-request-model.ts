import {
  SUBJECT_REQUEST_TYPES,
  type RequestAction,
  type RequestedSubject,
  type SubjectRequestType,
  type SubjectRequestView,
} from '../../../src/contracts/subject-requests.js';
import { fieldLabel } from '../shared/fields.js';

export type {
  RecipientNoticeView as RecipientNotice,
  RequestAction,
  RequestedSubject,
  SubjectRequestType as RequestType,
  SubjectRequestView as SubjectRequest,
} from '../../../src/contracts/subject-requests.js';

/** What each right is called, and what it asks for, with the article that grants it. */
const REQUEST_TYPE_TEXT: Record<SubjectRequestType, [name: string, hint: string]> = {
  access: ['Access', 'A copy of everything held about them (Art. 15)'],
  rectification: ['Rectification', 'Correct inaccurate details (Art. 16)'],
  erasure: ['Erasure', 'Erase what is held about them (Art. 17)'],
  restriction: ['Restriction', 'Only store their data, use it no further (Art. 18)'],
  portability: ['Portability', 'Their data in a machine-readable form (Art. 20)'],
  objection: ['Objection', 'Stop processing on public task or legitimate interests (Art. 21)'],
  withdraw_consent: ['Withdraw consent', 'Stop processing that relies on their consent (Art. 7(3))'],
};

/** The rights, in the order the UK GDPR gives them (the API's order), with the article that grants each. */
export const REQUEST_TYPES: [SubjectRequestType, string, string][] = SUBJECT_REQUEST_TYPES.map((type) => [
  type,
  ...REQUEST_TYPE_TEXT[type],
]);

export const typeName = (type: string) => REQUEST_TYPES.find(([value]) => value === type)?.[1] ?? type;
export const words = (value: string) => value.replaceAll('_', ' ');
export const isOpen = (request: { status: string }) => request.status !== 'completed' && request.status !== 'refused';

/** Identity, and the authority of anyone acting for the person, are verified: the API will act on the request. */
export const isVerified = (request: SubjectRequestView) =>
  Boolean(request.identityEvidence) && (!request.representative || Boolean(request.authorityEvidence));

/** Verified, and the DPO has confirmed which records are the requester's. */
export const isReadyToAct = (request: SubjectRequestView) => isVerified(request) && request.dataSubjectIds.length > 0;

/** Who a request is about, in a few words, for the list. */
export const aboutWhom = (subject: RequestedSubject) =>
  subject.name ?? subject.email ?? subject.phone ?? subject.address ?? subject.dateOfBirth ?? '';

/**
 * The services told of a correction, erasure or restriction, when the API says (`recipientsNotified`), as the end
 * of a sentence; nothing when it does not say or none were told.
 */
export const recipientsTold = (count?: number) =>
  count ? `; ${count} service${count === 1 ? '' : 's'} that received their data ${count === 1 ? 'was' : 'were'} told` : '';

/** A field the API names in camelCase (dateOfBirth), as words (date of birth). */
export const fieldName = (field: string) => (fieldLabel(field) ?? field.replace(/([A-Z])/g, ' $1')).toLowerCase();

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
  if (action.recipientsNotified !== undefined)
    parts.push(action.recipientsNotified === 0 ? 'no services to tell' : `${plural(action.recipientsNotified, 'service')} told`);
  if (action.action === 'objection_refused') parts.push('processing continues');
  return parts.join('; ');
}
