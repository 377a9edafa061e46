import type { Channel, EnquiryStatus } from './enquiry-vocabulary.js';

/**
 * The person at a glance (issue 23): what an advisor opening an enquiry is shown of the person's contact with the
 * organisation. References, channels, dates, statuses and how each ended: never a description.
 */

/** How an enquiry ended, as far as is known: advice given, directed elsewhere, referred to a service, merged into another. */
export const RESOLUTION_KINDS = ['advised', 'signposted', 'referred', 'merged'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** Why an open enquiry is shown: it is about the same person, or about someone at the same address. */
export const OPEN_ENQUIRY_LINKS = ['person', 'address'] as const;
export type OpenEnquiryLink = (typeof OPEN_ENQUIRY_LINKS)[number];

/**
 * Why another person held may be the same one: the kinds of field that agree, never their values. (A union, not a
 * list: most of its words are the subject search's reasons, whose list lives with that search.)
 */
export type PersonMatchReason = 'email' | 'phone' | 'name+dateOfBirth' | 'name+postcode' | 'name+address';

export interface PersonContact {
  enquiryId: string;
  reference: string;
  channel: Channel;
  status: EnquiryStatus;
  topic: string | null;
  createdAt: string;
  /** How it ended, when it did (null while open, or closed without a recorded outcome). */
  resolution: ResolutionKind | null;
  resolvedAt?: string;
  closedAt?: string;
  /** Closed as a duplicate of this enquiry. */
  mergedInto?: { enquiryId: string; reference: string };
}

export interface OpenEnquiry extends PersonContact {
  about: OpenEnquiryLink;
}

export interface PossibleMatch {
  dataSubjectId: string;
  name: string;
  matchedOn: PersonMatchReason[];
  /** How many enquiries are recorded against them, and the latest one's date. */
  enquiries: number;
  lastContactAt?: string;
}

export interface PersonAtAGlance {
  enquiryId: string;
  dataSubjectId: string;
  /** The person's earlier contact with this organisation, newest first, at most 20, this enquiry left out. */
  earlierContact: PersonContact[];
  /** Open enquiries about the same person or the same address, this one left out; newest first, at most 20. */
  openEnquiries: OpenEnquiry[];
  /** Other people held who may be this one: the advisor links one explicitly, never automatically. */
  possibleMatches: PossibleMatch[];
}
