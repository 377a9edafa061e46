import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EmailMessageEntity } from './email-message.entity.js';

/** An attachment of an inbound e-mail of an accepted type and size. */
@Entity('email_attachments')
@Index(['organisationId', 'emailMessageId'])
export class EmailAttachmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') emailMessageId: string;

  @ManyToOne(() => EmailMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'email_message_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  emailMessage?: Relation<EmailMessageEntity>;

  @Column('text') filename: string;
  @Column('text') contentType: string;
  @Column('integer') size: number;
  @Column('bytea') content: Buffer;
}
