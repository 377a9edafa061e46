import { SHARED_FIELD_LABELS, type SharedField } from '../../contracts/shared-fields.js';
import type { OutboundMessage, OutboundReferral } from './delivery-adapter.js';

/** Shared fields as labelled lines of text, in the order given. */
export function labelledLines(fields: Record<string, string>): string[] {
  return Object.entries(fields).map(([field, value]) => `${SHARED_FIELD_LABELS[field as SharedField] ?? field}: ${value}`);
}

const ukDateTime = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' }).format(instant);

/**
 * An `escalation.created` message: the contract's webhook body, the minimised fields only, and the same
 * referral as plain text for a mailbox.
 */
export function referralMessage(referral: OutboundReferral): OutboundMessage {
  return {
    messageId: referral.messageId,
    referral: { reference: referral.reference, fields: referral.fields },
    event: JSON.stringify({
      type: 'escalation.created',
      data: {
        escalationId: referral.escalationId,
        reference: referral.reference,
        organisation: referral.organisation,
        service: referral.service.code,
        fields: referral.fields,
        createdAt: referral.createdAt.toISOString(),
        ...(referral.acknowledgementDueAt ? { acknowledgementDueAt: referral.acknowledgementDueAt.toISOString() } : {}),
      },
    }),
    email: {
      subject: `Referral ${referral.reference} for ${referral.service.name}`,
      text: [
        `A referral from the customer contact service of ${referral.organisationName} for ${referral.service.name}.`,
        `Reference: ${referral.reference}`,
        ...(referral.acknowledgementDueAt
          ? [`The council expects your service to acknowledge it by ${ukDateTime(referral.acknowledgementDueAt)} (UK time).`]
          : []),
        '',
        ...labelledLines(referral.fields),
        '',
        'This message holds only the details your service is permitted to receive. Handle it under your data protection policy.',
      ].join('\n'),
    },
  };
}
