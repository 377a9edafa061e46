import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The citizen's side of an enquiry's e-mail thread: where to answer, and what the answer replies to. */
export interface EmailThread {
  /** The address the citizen last wrote from (a message that failed SPF or DKIM is not trusted for this). */
  address: string;
  /** The Message-ID of their last message: the answer's In-Reply-To. */
  inReplyTo: string;
  /** Every Message-ID of the thread, oldest first: the answer's References. */
  references: string[];
}

/**
 * The e-mail channel's thread of an enquiry, for the replies context: read and written here, inside the caller's
 * tenant transaction, so that no other context touches `email_messages`.
 */
@Injectable()
export class EmailThreads {
  async of(m: EntityManager, enquiryId: string): Promise<EmailThread | undefined> {
    const rows: { message_id: string; direction: string; from_address: string; flagged: boolean }[] = await m.query(
      `select message_id, direction, from_address, flagged from email_messages where enquiry_id = $1 order by created_at, id`,
      [enquiryId],
    );
    const last = rows.filter((row) => row.direction === 'inbound' && !row.flagged).at(-1);
    if (!last) return undefined;
    const ids = (id: string) => (id.startsWith('<') ? id : `<${id}>`);
    return {
      address: last.from_address,
      inReplyTo: ids(last.message_id),
      references: rows
        .filter((row) => !row.message_id.startsWith('sha256:'))
        .map((row) => ids(row.message_id))
        .slice(-20),
    };
  }

  /** Records an answer sent on the thread, so that a reply to it threads by its Message-ID too. */
  async recordOutbound(
    m: EntityManager,
    message: { organisationId: string; enquiryId: string; messageId: string; fromAddress: string; subject: string },
  ): Promise<void> {
    await m.query(
      `insert into email_messages (organisation_id, enquiry_id, message_id, direction, from_address, subject) values ($1, $2, $3, 'outbound', $4, $5)
       on conflict do nothing`,
      [message.organisationId, message.enquiryId, message.messageId, message.fromAddress, message.subject],
    );
  }
}
