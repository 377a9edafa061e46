/** What a delivery adapter is asked to send: one referral, already minimised. */
export interface OutboundReferral {
  /** Same on every attempt: the Standard Webhooks `webhook-id`, the e-mail Message-ID. */
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

export type DeliveryOutcome =
  | { kind: 'delivered' }
  /** Worth trying again later: a timeout, a 5xx, a 429 (with the receiver's Retry-After, if any). */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** The receiver retired the endpoint (410 Gone): stop and disable it. */
  | { kind: 'gone'; error: string }
  /** Never worth retrying as configured: a refused target, a missing mailbox. */
  | { kind: 'refused'; error: string };

/** A way of getting a referral to a back-office service. */
export abstract class DeliveryAdapter {
  abstract deliver(referral: OutboundReferral, destination: { url?: string; secret?: string; address?: string }): Promise<DeliveryOutcome>;
}
