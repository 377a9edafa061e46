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
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { ServiceEntity } from '../directory/service.entity.js';
import type { DeliveryStatus, DeliveryType, SharedField } from '../contracts/shared-fields.js';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';
import type { LegalBasis } from '../contracts/legal-basis.js';

export type EscalationStatus = 'sent' | 'acknowledged' | 'closed';

/**
 * An enquiry referred to a back-office service: the exact minimised snapshot that leaves the system, the
 * service's handling of it, and the delivery state of the outbox job that carries it.
 */
@Entity('escalations')
@Unique(['organisationId', 'id'])
@Unique(['messageId'])
@Index(['organisationId', 'serviceId', 'createdAt'])
@Index(['organisationId', 'deliveryStatus'])
@Index(['enquiryId'])
@Index(['organisationId', 'createdAt'])
/**
 * Partial indexes: referrals still holding their snapshot (retention sweeps), open Open311 referrals (status polling),
 * referrals awaiting acknowledgement by their due time (the at-risk and breached lists).
 */
@Index('ix_escalations_retention_due', { synchronize: false })
@Index('ix_escalations_open311_open', { synchronize: false })
@Index('ix_escalations_acknowledgement_open', { synchronize: false })
@Check('ck_escalations_status', `status in ('sent', 'acknowledged', 'closed')`)
@Check('ck_escalations_delivery_type', `delivery_type in ('webhook', 'email', 'portal', 'open311')`)
@Check('ck_escalations_delivery_status', `delivery_status in ('pending', 'delivered', 'available', 'dead')`)
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  enquiryId: string;

  @ManyToOne(() => EnquiryEntity)
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('uuid')
  serviceId: string;

  @ManyToOne(() => ServiceEntity)
  @JoinColumn([
    { name: 'service_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  service?: Relation<ServiceEntity>;

  /** The Standard Webhooks `webhook-id`: the same on every retry, so receivers can deduplicate. */
  @Column('text')
  messageId: string;

  /** Exactly what is shared: the permitted fields and nothing else. */
  @Column('jsonb')
  fields: Record<string, string>;

  @Column('text', { array: true })
  sharedFields: SharedField[];

  @Column('text')
  legalBasis: LegalBasis;

  @Column('text', { default: 'sent' })
  status: EscalationStatus;

  @Column('text')
  deliveryType: DeliveryType;

  @Column('text', { default: 'pending' })
  deliveryStatus: DeliveryStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt: Date | null;

  /** Why the last attempt failed: a status code or error kind, never the receiver's body. */
  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  /**
   * While an attempt is in flight, until when it holds the escalation: no other job may attempt it meanwhile,
   * so a duplicated or retried job never sends a second request while the first is still being answered.
   */
  @Column('timestamptz', { nullable: true })
  attemptLeaseUntil: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  /** The receiving system's own reference (Open311: `id:<service_request_id>` or `token:<token>`). */
  @Column('text', { nullable: true })
  externalReference: string | null;

  /** The last status read back from it, and when (Open311: `open`, `closed`). */
  @Column('text', { nullable: true })
  externalStatus: string | null;

  @Column('timestamptz', { nullable: true })
  externalCheckedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt: Date | null;

  /**
   * When the service must acknowledge the referral by, worked out when it was made from the organisation's target for
   * the service in its opening hours (`service-levels/service-level-reads.ts`), and when it becomes at risk (80 %).
   * None on referrals made before acknowledgement targets. Kept after acknowledgement: it tells whether that was on time.
   */
  @Column('timestamptz', { nullable: true })
  acknowledgementDueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  acknowledgementAtRiskAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
