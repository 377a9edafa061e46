import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { EnquiryEntity } from '../../enquiries/enquiry.entity.js';

/** One e-mail of an enquiry, with what the receiving server said about its authenticity (SPF, DKIM). */
@Entity('email_messages')
@Unique(['organisationId', 'messageId'])
@Unique(['organisationId', 'id'])
@Index(['enquiryId'])
@Check('ck_email_messages_direction', `direction in ('inbound', 'outbound')`)
export class EmailMessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('text') messageId: string;
  @Column('text') direction: 'inbound' | 'outbound';
  @Column('text') fromAddress: string;
  @Column('text', { nullable: true }) subject: string | null;
  @Column('jsonb', { default: () => `'{}'` }) authentication: Record<string, string>;
  /** SPF or DKIM failed: kept for the advisor to judge, never threaded into an existing enquiry. */
  @Column('boolean', { default: false }) flagged: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
