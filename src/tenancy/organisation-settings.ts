/** The shapes of an organisation's settings, shared with the contexts that read them through the tenancy service. */

export interface BusinessHours {
  /** IANA zone the hours are read in. */
  timezone: string;
  /** ISO weekday (1 = Monday … 7 = Sunday) → opening intervals "HH:MM-HH:MM". Empty = closed. */
  weekly: Record<string, string[]>;
  /** Observe the UK bank holidays of this region as closed days. */
  bankHolidays: 'england-and-wales' | 'scotland' | 'northern-ireland' | 'none';
}

/** The Notify templates an organisation has set up, by the message they send. */
export interface NotifyTemplates {
  acknowledgementEmail?: string;
  acknowledgementSms?: string;
  /** An advisor's reply by e-mail (personalisation: subject, body, reference, organisation, reply_token). */
  replyEmail?: string;
  /** An advisor's reply by text (personalisation: body, reference, organisation). */
  replySms?: string;
}

/** A processor the organisation uses, and where it holds the data ("UK", "EU", …). */
export interface Processor {
  name: string;
  purpose: string;
  location: string;
  /** For a location outside the UK: the safeguard the transfer relies on (UK adequacy regulations, IDTA, …). */
  safeguard?: string;
}
