/** What a delivery adapter is asked to send: one message, already minimised, in the form each transport needs. */
export interface OutboundMessage {
  /** Same on every attempt: the Standard Webhooks `webhook-id`, the e-mail Message-ID. */
  messageId: string;
  /** The webhook event, as JSON (`{"type", "data"}`). */
  event: string;
  /** The same message for a person reading a mailbox. */
  email: { subject: string; text: string };
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
}

export interface DeliveryDestination {
  url?: string;
  secret?: string;
  address?: string;
}

export type DeliveryOutcome =
  | { kind: 'delivered' }
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
