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
import type { DeliveryStatus, DeliveryType } from '../contracts/shared-fields.js';
import type { NoticeKind } from '../contracts/subject-requests.js';
import { EscalationEntity } from '../escalations/escalation.entity.js';
import { SubjectRequestEntity } from './subject-request.entity.js';

/**
 * One notice to a service that received a person's data (Art. 19): which request, which referral, what kind,
 * and for a rectification the corrected values of the fields that service received. Delivered through the
 * same outbox as referrals; the row is the record that the recipient was told.
 */
@Entity('recipient_notices')
@Unique(['messageId'])
@Index(['subjectRequestId'])
@Index(['escalationId'])
@Check('ck_recipient_notices_kind', `kind in ('rectification', 'erasure', 'restriction', 'restriction_lifted')`)
@Check('ck_recipient_notices_delivery_type', `delivery_type in ('webhook', 'email', 'portal', 'open311')`)
@Check('ck_recipient_notices_delivery_status', `delivery_status in ('pending', 'delivered', 'available', 'dead')`)
export class RecipientNoticeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') subjectRequestId: string;

  @ManyToOne(() => SubjectRequestEntity)
  @JoinColumn([
    { name: 'subject_request_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  subjectRequest?: Relation<SubjectRequestEntity>;

  @Column('uuid') escalationId: string;

  @ManyToOne(() => EscalationEntity)
  @JoinColumn([
    { name: 'escalation_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  escalation?: Relation<EscalationEntity>;

  @Column('uuid') serviceId: string;
  /** The service's name when told, so the record reads true after renames. */
  @Column('text') recipientName: string;
  @Column('text') kind: NoticeKind;
  /** The Standard Webhooks `webhook-id`: the same on every retry. */
  @Column('text') messageId: string;
  /** Rectification: the corrected values of the fields this recipient received. Otherwise empty. */
  @Column('jsonb', { default: () => "'{}'" }) fields: Record<string, string>;
  @Column('text') deliveryType: DeliveryType;
  @Column('text', { default: 'pending' }) deliveryStatus: DeliveryStatus;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('timestamptz', { nullable: true }) lastAttemptAt: Date | null;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('timestamptz', { nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { nullable: true }) attemptLeaseUntil: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
