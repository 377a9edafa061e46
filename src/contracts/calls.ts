import type { Channel, EnquiryStatus } from './enquiry-vocabulary.js';

/** One of the caller's earlier contacts with this organisation, as the answering advisor sees it: no free text. */
export interface EarlierContact {
  enquiryId: string;
  reference: string;
  channel: Channel;
  status: EnquiryStatus;
  topic: string | null;
  createdAt: string;
}

/**
 * A call ringing at an advisor's phone (the telephony platform's push): who is calling, their earlier contact with
 * this organisation (newest first, at most 20) and which of it is still open. Empty lists for an unknown number.
 */
export interface CallRinging {
  callId: string;
  callerNumber: string;
  earlierContact: EarlierContact[];
  openEnquiries: EarlierContact[];
}
