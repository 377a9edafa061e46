import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One acknowledgement of a new e-mail enquiry sent in the last hour, for the backscatter limits: whom to (a keyed
 * hash of the sender's mailbox, never the address) and when. Rows older than the hour are forgotten.
 */
@Entity('email_acknowledgements')
@Index(['organisationId', 'sentAt'])
@Index(['senderKey', 'sentAt'])
@Index(['sentAt'])
export class EmailAcknowledgementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  /** HMAC-SHA256 (hex) of the lower-cased mailbox without its +tag, with a key derived from SIGNPOST_SECRET_KEY. */
  @Column('text') senderKey: string;
  @CreateDateColumn({ type: 'timestamptz' }) sentAt: Date;
}
