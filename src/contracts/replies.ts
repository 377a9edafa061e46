/**
 * Replies to citizens and saved replies, as the API and the console share them (issue 22).
 */
export const REPLY_CHANNELS = ['email', 'sms', 'social'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const REPLY_TRANSPORTS = ['smtp', 'notify', 'social'] as const;
export type ReplyTransport = (typeof REPLY_TRANSPORTS)[number];

/** queued → sent → delivered | failed. A reply given up after its retries is failed, with `deadLettered`. */
export const REPLY_STATUSES = ['queued', 'sent', 'delivered', 'failed'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** The variables a saved reply may use, filled when it is sent. */
export const REPLY_VARIABLES = ['name', 'reference', 'advisor', 'organisation'] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];

/** A reply as the console shows it beside what the citizen wrote. */
export interface ReplyView {
  id: string;
  enquiryId: string;
  channel: ReplyChannel;
  transport: ReplyTransport;
  status: ReplyStatus;
  deadLettered: boolean;
  /** Where it went, as sent. */
  recipient: string;
  subject: string | null;
  text: string;
  language: 'en' | 'cy';
  resolves: boolean;
  authorId: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

/** What the composer offers: the channels allowed for the enquiry and which one a reply goes by when none is chosen. */
export interface ReplyOptions {
  defaultChannel: ReplyChannel | null;
  channels: { channel: ReplyChannel; recipient: string; needsAgreement: boolean }[];
  /** Why nothing can be sent, when nothing can. */
  refusal?: { code: string; reason: string };
  language: 'en' | 'cy';
}

/** `/console` event: a citizen answered a reply (ids and facts only, never the words), to the advisor who answered. */
export interface ReplyAnswered {
  enquiryId: string;
  reference: string;
  channel: 'email' | 'sms';
  reopened: boolean;
}
