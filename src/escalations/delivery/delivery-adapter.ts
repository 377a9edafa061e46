/** What a delivery adapter is asked to send: one message, already minimised, in the form each transport needs. */
export interface OutboundMessage {
  /** Same on every attempt: the Standard Webhooks `webhook-id`, the e-mail Message-ID. */
  messageId: string;
  /** The webhook event, as JSON (`{"type", "data"}`). */
  event: string;
  /** The same message for a person reading a mailbox. */
  email: { subject: string; text: string };
  /** A referral's reference and minimised fields, for adapters that map fields to a standard (Open311). */
  referral?: { reference: string; fields: Record<string, string> };
}

/** A referral, already minimised: what an `escalation.created` message is built from. */
export interface OutboundReferral {
  messageId: string;
  escalationId: string;
  reference: string;
  /** The organisation's slug (as in the webhook contract) and its name (for people). */
  organisation: string;
  organisationName: string;
  service: { code: string; name: string };
  fields: Record<string, string>;
  createdAt: Date;
  /** When the service must acknowledge it by (none on referrals made before acknowledgement targets). */
  acknowledgementDueAt: Date | null;
}

export interface DeliveryDestination {
  url?: string;
  secret?: string;
  address?: string;
  /** Open311 GeoReport v2: the endpoint's key and the service code (and jurisdiction) it files requests under. */
  open311?: { apiKey: string; serviceCode: string; jurisdictionId?: string };
}

export type DeliveryOutcome =
  /** `externalReference`: the receiving system's own id for it (an Open311 service_request_id or token). */
  | { kind: 'delivered'; externalReference?: string }
  /** Worth trying again later: a timeout, a 5xx, a 429 (with the receiver's Retry-After, if any). */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** The receiver retired the endpoint (410 Gone): stop and disable it. */
  | { kind: 'gone'; error: string }
  /** Never worth retrying as configured: a refused target, a missing mailbox. */
  | { kind: 'refused'; error: string };

/** A way of getting a message to a back-office service. */
export abstract class DeliveryAdapter {
  abstract deliver(message: OutboundMessage, destination: DeliveryDestination): Promise<DeliveryOutcome>;
}
