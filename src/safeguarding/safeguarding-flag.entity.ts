import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';
import { StaffUserEntity } from '../identity/staff-user.entity.js';
import type { DangerKind, FlagStatus } from '../contracts/safeguarding.js';

/**
 * A message that suggested someone is in immediate danger: which enquiry (and chat), the kinds of danger, and a
 * supervisor's review of it (handled, or a false alarm) with who and when. Never the words: they stay on the
 * enquiry's timeline, where erasure and retention already reach them.
 */
@Entity('safeguarding_flags')
@Index(['organisationId', 'status', 'raisedAt'])
@Index(['organisationId', 'enquiryId'])
@Check('ck_safeguarding_flags_status', `status in ('open', 'handled', 'false_alarm')`)
@Check('ck_safeguarding_flags_reviewed', `(status = 'open') = (reviewed_at is null)`)
@Check('ck_safeguarding_flags_review_note', `char_length(review_note) <= 500`)
export class SafeguardingFlagEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  /** The live chat the message was in, when it came by webchat. */
  @Column('uuid', { nullable: true }) chatId: string | null;
  /** The channel the message came by (webchat, email, web_form, social, …). */
  @Column('text') channel: string;
  @Column('text', { array: true }) kinds: DangerKind[];
  @Column('text', { default: 'open' }) status: FlagStatus;
  @Column('timestamptz', { default: () => 'now()' }) raisedAt: Date;
  @Column('uuid', { nullable: true }) reviewedBy: string | null;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewed_by', referencedColumnName: 'id' })
  reviewer?: Relation<StaffUserEntity>;

  @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
  /** What the supervisor did or why it was no danger; cleared when the person's details are erased. */
  @Column('text', { nullable: true }) reviewNote: string | null;
}
