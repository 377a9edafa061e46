import { Injectable } from '@nestjs/common';
import { MailTransport } from '../../mail/mail-transport.js';
import { DeliveryAdapter, type DeliveryDestination, type DeliveryOutcome, type OutboundMessage } from './delivery-adapter.js';

/** Delivery to the service's mailbox over SMTP (nodemailer): the message's plain-text form. */
@Injectable()
export class EmailDeliveryAdapter extends DeliveryAdapter {
  constructor(private readonly mail: MailTransport) {
    super();
  }

  async deliver(message: OutboundMessage, destination: DeliveryDestination): Promise<DeliveryOutcome> {
    if (!destination.address) return { kind: 'refused', error: 'service mailbox missing' };
    if (!this.mail.configured) return { kind: 'retry', error: 'no mail transport configured' };
    try {
      await this.mail.send({
        to: destination.address,
        subject: message.email.subject,
        text: message.email.text,
        messageId: `<${message.messageId}@signpost>`,
      });
      return { kind: 'delivered' };
    } catch (error) {
      return { kind: 'retry', error: (error as NodeJS.ErrnoException).code ?? 'SMTP error' };
    }
  }
}
