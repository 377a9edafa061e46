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

/** A direct-message conversation or a comment thread, continuing in one enquiry. */
@Entity('social_conversations')
@Unique(['organisationId', 'conversationKey'])
@Index(['enquiryId'])
export class SocialConversationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('text') conversationKey: string;
  /** The platform's id for the person (page-scoped): where replies go. */
  @Column('text') platformUserId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A platform message seen (its id only), so that a repeated delivery is ignored. */
@Entity('social_messages')
@Unique(['organisationId', 'platformMessageId'])
@Index(['organisationId', 'enquiryId'])
@Check('ck_social_messages_direction', `direction in ('inbound', 'outbound')`)
export class SocialMessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('text') platformMessageId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('text') direction: 'inbound' | 'outbound';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
