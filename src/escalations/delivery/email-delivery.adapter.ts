import { Injectable } from '@nestjs/common';
import { MailTransport } from '../../mail/mail-transport.js';
import { DeliveryAdapter, type DeliveryOutcome, type OutboundReferral } from './delivery-adapter.js';

const LABELS: Record<string, string> = {
  name: 'Name',
  dateOfBirth: 'Date of birth',
  contactNumber: 'Contact number',
  address: 'Address',
  specialRequirements: 'Special requirements',
  reasonForReferral: 'Reason for referral',
  actionsAlreadyTaken: 'Actions already taken',
};

/** The referral as plain text: the permitted fields, labelled, and nothing else. */
export function referralEmailText(referral: OutboundReferral): string {
  const lines = Object.entries(referral.fields).map(([field, value]) => `${LABELS[field] ?? field}: ${value}`);
  return [
    `A referral from the customer contact service of ${referral.organisationName} for ${referral.service.name}.`,
    `Reference: ${referral.reference}`,
    '',
    ...lines,
    '',
    'This message holds only the details your service is permitted to receive. Handle it under your data protection policy.',
  ].join('\n');
}

/** Delivery to the service's mailbox over SMTP (nodemailer). */
@Injectable()
export class EmailDeliveryAdapter extends DeliveryAdapter {
  constructor(private readonly mail: MailTransport) {
    super();
  }

  async deliver(referral: OutboundReferral, destination: { address?: string }): Promise<DeliveryOutcome> {
    if (!destination.address) return { kind: 'refused', error: 'service mailbox missing' };
    if (!this.mail.configured) return { kind: 'retry', error: 'no mail transport configured' };
    try {
      await this.mail.send({
        to: destination.address,
        subject: `Referral ${referral.reference} for ${referral.service.name}`,
        text: referralEmailText(referral),
        messageId: `<${referral.messageId}@signpost>`,
      });
      return { kind: 'delivered' };
    } catch (error) {
      return { kind: 'retry', error: (error as NodeJS.ErrnoException).code ?? 'SMTP error' };
    }
  }
}
