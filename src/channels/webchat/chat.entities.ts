import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { EnquiryEntity } from '../../enquiries/enquiry.entity.js';
import { StaffUserEntity } from '../../identity/staff-user.entity.js';

export type ChatStatus = 'queued' | 'active' | 'ended';

/** A live chat: queued, with an advisor, or ended. It is the webchat enquiry's conversation. */
@Entity('chats')
@Unique(['organisationId', 'id'])
@Unique(['resumeTokenHash'])
@Index(['organisationId', 'status', 'queuedAt'])
@Index(['organisationId', 'enquiryId'])
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
  /** The skill (service code or topic) the chat needs, when the citizen chose one. */
  @Column('text', { nullable: true }) skill: string | null;
  @Column('uuid', { nullable: true }) offeredTo: string | null;
  @Column('timestamptz', { nullable: true }) offeredAt: Date | null;
  /** Advisors who let an offer of this chat time out: not offered it again. */
  @Column('uuid', { array: true, default: () => `'{}'` }) skipped: string[];
}

/** Whether an advisor is taking chats; a row exists while they have the console open. */
@Entity('advisor_presence')
@Check('ck_advisor_presence_status', `status in ('available', 'away')`)
export class AdvisorPresenceEntity {
  @PrimaryColumn('uuid') organisationId: string;
  @PrimaryColumn('uuid') userId: string;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'user_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  user?: Relation<StaffUserEntity>;

  @Column('text') status: 'available' | 'away';
  @Column('integer', { default: 0 }) connections: number;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
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
