import type { DeliveryStatus, DeliveryType } from './shared-fields.js';

/** The rights a subject request exercises, in the order the UK GDPR gives them. */
export const SUBJECT_REQUEST_TYPES = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'withdraw_consent',
] as const;
export type SubjectRequestType = (typeof SUBJECT_REQUEST_TYPES)[number];

export const SUBJECT_REQUEST_STATUSES = [
  'awaiting_identity',
  'awaiting_authority',
  'in_progress',
  'paused',
  'completed',
  'refused',
] as const;
export type SubjectRequestStatus = (typeof SUBJECT_REQUEST_STATUSES)[number];

/** Who the request is about, as the requester described them (personal data). */
export interface RequestedSubject {
  name?: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
  address?: string;
}

/** Someone acting for the person (a solicitor, a parent, an attorney) and what they rely on. */
export interface Representative {
  name: string;
  relationship: string;
}

/** A clarification asked for: the clock stops from asking to the answer. */
export interface ClockPause {
  from: string;
  to?: string | null;
  reason: string;
}

export const CLOCK_EVENTS = ['received', 'identity_verified', 'authority_received', 'paused', 'resumed', 'extended'] as const;

/** A due date the request has had, and why it moved. */
export interface ClockEvent {
  at: string;
  event: (typeof CLOCK_EVENTS)[number];
  dueOn: string;
}

export const REQUEST_ACTIONS = [
  'exported',
  'rectified',
  'erased',
  'restricted',
  'restriction_lifted',
  'consent_withdrawn',
  'objection_upheld',
  'objection_refused',
] as const;

/** Something a request did to the person's data: counts and field names only, never values. */
export interface RequestAction {
  at: string;
  action: (typeof REQUEST_ACTIONS)[number];
  counts?: Record<string, number>;
  fields?: string[];
  kept?: number;
  recipientsNotified?: number;
}

/** A subject request as the API answers it (SubjectRequestDto). */
export interface SubjectRequestView {
  id: string;
  type: SubjectRequestType;
  status: SubjectRequestStatus;
  /** When the response is due (UK date). */
  dueAt: string;
  /** Days until the due date, negative when overdue. */
  daysLeft: number;
  receivedOn: string;
  /** The latest of receipt, identity evidence and proof of authority. */
  clockStartsOn: string;
  subject: RequestedSubject;
  representative?: Representative;
  identityEvidence?: string;
  identityReceivedOn?: string;
  authorityEvidence?: string;
  authorityReceivedOn?: string;
  pauses: ClockPause[];
  extendedOn?: string;
  extensionReason?: string;
  /** The data subjects confirmed as the requester. */
  dataSubjectIds: string[];
  outcome?: string;
  clockHistory: ClockEvent[];
  /** What the request did to the data, oldest first. */
  actions: RequestAction[];
  /** The request keeps the people's data restricted now (a restriction, or an upheld objection, not lifted). */
  restricted: boolean;
  channel: string;
  createdAt: string;
}

/** What a service that received a person's data is told of (Art. 19). */
export const NOTICE_KINDS = ['rectification', 'erasure', 'restriction', 'restriction_lifted'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One entry of a request's notice ledger as the API answers it (RecipientNoticeDto). */
export interface RecipientNoticeView {
  id: string;
  kind: NoticeKind;
  /** The referral whose recipient was told. */
  escalationId: string;
  /** The service told, by its name at the time. */
  recipient: string;
  /** Rectification: the names of the corrected fields sent (their values are in the notice, not here). */
  fields: string[];
  deliveryType: DeliveryType;
  deliveryStatus: DeliveryStatus;
  attempts: number;
  createdAt: string;
  deliveredAt?: string;
  lastError?: string;
}
