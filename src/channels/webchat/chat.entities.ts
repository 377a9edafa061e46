import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { EnquiryEntity } from '../../enquiries/enquiry.entity.js';
import { StaffUserEntity } from '../../identity/staff-user.entity.js';

export type ChatStatus = 'queued' | 'active' | 'ended';

/** A live chat: queued, with an advisor, or ended. It is the webchat enquiry's conversation. */
@Entity('chats')
@Unique(['organisationId', 'id'])
@Unique(['resumeTokenHash'])
@Index(['organisationId', 'status', 'queuedAt'])
@Check('ck_chats_status', `status in ('queued', 'active', 'ended')`)
export class ChatEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('text', { default: 'queued' }) status: ChatStatus;
  @Column('uuid', { nullable: true }) advisorId: string | null;

  @ManyToOne(() => StaffUserEntity)
  @JoinColumn([
    { name: 'advisor_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  advisor?: Relation<StaffUserEntity>;

  /** SHA-256 of the resume token; the token itself is only ever in the citizen's hands. */
  @Column('text') resumeTokenHash: string;
  @Column('integer', { default: 0 }) lastSeq: number;
  @Column('timestamptz', { default: () => 'now()' }) queuedAt: Date;
  @Column('timestamptz', { nullable: true }) assignedAt: Date | null;
  @Column('timestamptz', { nullable: true }) endedAt: Date | null;
}

/** One chat message, numbered within its chat; stored before it is acknowledged or relayed. */
@Entity('chat_messages')
@Unique(['chatId', 'seq'])
@Check('ck_chat_messages_sender', `sender in ('citizen', 'advisor', 'system')`)
export class ChatMessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') chatId: string;

  @ManyToOne(() => ChatEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'chat_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  chat?: Relation<ChatEntity>;

  @Column('integer') seq: number;
  @Column('text') sender: 'citizen' | 'advisor' | 'system';
  @Column('uuid', { nullable: true }) authorId: string | null;
  @Column('text') text: string;
  @Column('timestamptz', { default: () => 'now()' }) sentAt: Date;
}
