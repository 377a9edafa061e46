import type { RetentionClass } from './retention-class.js';

/** The event a retention period runs from. Fixed per record type: only the period is the organisation's choice. */
export type RetentionStart = 'recorded' | 'enquiry_finished' | 'submitted' | 'referred' | 'request_closed';

export const RETENTION_STARTS: Record<RetentionStart, string> = {
  recorded: 'the day the recording was made',
  enquiry_finished: 'the day the enquiry was closed, resolved or escalated, whichever came last (open enquiries are kept)',
  submitted: 'the day the form was submitted',
  referred: 'the day the enquiry was passed to the service',
  request_closed: 'the day the subject-rights request was completed or refused',
};

export interface RetentionRuleDefault {
  /** ISO 8601 period: `P2Y`, `P12M`, `P28D`. */
  period: string;
  startsFrom: RetentionStart;
  /** What the record is, for the DPO and the record of processing. */
  description: string;
  /** Where the period comes from. */
  source: string;
  /** What the sweep does when the period has run. */
  erases: string;
}

const LANCASHIRE = 'Lancashire County Council Customer Access Service privacy notice';
const LGSS = 'LGSS privacy notice ("periodically permanently deleted"); period set by Signpost, editable';
const DEFAULT = 'Signpost default, in line with the privacy notice’s 2-year periods; editable';
const ENQUIRY_CONTENT =
  'the enquiry’s personal content in place (description, notes, messages, contact details, attachments); ids, dates, channel and status stay for statistics';

/**
 * The retention schedule every organisation starts with: the periods the seeds name, and sensible defaults for
 * the record types they leave open. An organisation may change a period (never the event it runs from).
 */
export const DEFAULT_SCHEDULE: Record<RetentionClass, RetentionRuleDefault> = {
  call_recording_audio: {
    period: 'P2Y',
    startsFrom: 'recorded',
    description: 'Call recording (audio): calls are recorded for quality and training purposes',
    source: LANCASHIRE,
    erases: 'the recording reference (and the recording, through the recording store)',
  },
  call_recording_video: {
    period: 'P28D',
    startsFrom: 'recorded',
    description: 'Call recording (video): a recording of the advisor’s screen during calls',
    source: LANCASHIRE,
    erases: 'the recording reference (and the recording, through the recording store)',
  },
  referral: {
    period: 'P12M',
    startsFrom: 'referred',
    description: 'Knowledge management: requests the advisor could not handle, passed to a service for follow-up (the referral as sent)',
    source: LANCASHIRE,
    erases: 'the referral’s snapshot of the details shared; the disclosure record keeps field names and dates',
  },
  knowledge_follow_up: {
    period: 'P12M',
    startsFrom: 'enquiry_finished',
    description: 'Knowledge management: requests the advisor could not handle, passed to a service for follow-up from a knowledge article',
    source: `${LANCASHIRE}: “CKS Knowledge Management”, requests passed to a service for follow-up, 12 months`,
    erases: ENQUIRY_CONTENT,
  },
  webchat: {
    period: 'P2Y',
    startsFrom: 'enquiry_finished',
    description: 'Webchat interactions',
    source: LANCASHIRE,
    erases: ENQUIRY_CONTENT,
  },
  online_form: {
    period: 'P2Y',
    startsFrom: 'enquiry_finished',
    description: 'Online forms (e-forms)',
    source: LANCASHIRE,
    erases: ENQUIRY_CONTENT,
  },
  website_contact_form: {
    period: 'P6M',
    startsFrom: 'submitted',
    description: 'Website contact forms',
    source: LGSS,
    erases: ENQUIRY_CONTENT,
  },
  phone_contact: {
    period: 'P2Y',
    startsFrom: 'enquiry_finished',
    description: 'Telephone enquiries: call logs and advisors’ notes',
    source: DEFAULT,
    erases: ENQUIRY_CONTENT,
  },
  email_contact: {
    period: 'P2Y',
    startsFrom: 'enquiry_finished',
    description: 'E-mail enquiries and their attachments',
    source: DEFAULT,
    erases: ENQUIRY_CONTENT,
  },
  social_media_contact: {
    period: 'P2Y',
    startsFrom: 'enquiry_finished',
    description: 'Social media messages',
    source: DEFAULT,
    erases: ENQUIRY_CONTENT,
  },
  internal_enquiry: {
    period: 'P2Y',
    startsFrom: 'enquiry_finished',
    description: 'Enquiries from employees, volunteers and contractors',
    source: DEFAULT,
    erases: ENQUIRY_CONTENT,
  },
  subject_request: {
    period: 'P2Y',
    startsFrom: 'request_closed',
    description: 'Subject-rights request files (who asked, evidence type seen, the clock, the outcome)',
    source: 'Signpost default (ICO: keep request files only as long as needed to show compliance); editable',
    erases: 'the requester’s details, the evidence description and the outcome text; type, dates and clock stay',
  },
};
