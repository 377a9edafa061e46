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
import type { SpecialCategory } from '../contracts/special-category.js';
import { DataSubjectEntity } from '../data-subjects/data-subject.entity.js';
import { StaffUserEntity } from '../identity/staff-user.entity.js';
import type { RetentionClass } from '../retention/retention-class.js';
import type { LegalBasis } from '../contracts/legal-basis.js';
import type { Channel, EnquiryStatus, RequesterType } from '../contracts/enquiry-vocabulary.js';

/** One contact, whatever the channel, with the legal basis it is processed under. */
@Entity('enquiries')
@Unique(['organisationId', 'reference'])
@Unique(['organisationId', 'id'])
@Index('uq_enquiries_source', ['organisationId', 'channel', 'sourceReference'], { unique: true, where: 'source_reference IS NOT NULL' })
@Index(['organisationId', 'status', 'createdAt'])
@Index(['organisationId', 'dataSubjectId'])
@Index(['organisationId', 'createdAt'])
// Partial and expression indexes for retention sweeps (migration 1766100000000), kept out of TypeORM's synchronisation.
@Index('ix_enquiries_retention_due', { synchronize: false })
@Index('ix_enquiries_retention_submitted', { synchronize: false })
// The open enquiries the service-level lists read (migration 1767600000000).
@Index('ix_enquiries_sla_open', { synchronize: false })
// The work router's reads (migration 1767700000000).
@Index('ix_enquiries_work_waiting', { synchronize: false })
@Index('ix_enquiries_work_assigned', { synchronize: false })
// The enquiries merged into one (migration 1767720000000).
@Index('ix_enquiries_merged_into', { synchronize: false })
@Check('ck_enquiries_channel', `channel in ('phone', 'email', 'webchat', 'social', 'form', 'internal')`)
@Check('ck_enquiries_requester_type', `requester_type in ('citizen', 'employee', 'volunteer', 'contractor')`)
@Check('ck_enquiries_status', `status in ('new', 'in_progress', 'resolved', 'escalated', 'closed')`)
@Check(
  'ck_enquiries_legal_basis',
  `legal_basis in ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')`,
)
@Check('ck_enquiries_special_category', `special_category = (cardinality(special_categories) > 0)`)
@Check('ck_enquiries_waited_working_ms', `waited_working_ms >= 0`)
@Check('ck_enquiries_merged', `merged_into_id is null or (merged_into_id <> id and status = 'closed' and merged_at is not null)`)
export class EnquiryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  /** Given to the citizen; unique per organisation; never a credential. */
  @Column('text')
  reference: string;

  @Column('text')
  channel: Channel;

  /** The outside system's id (call id, Message-ID, submission id): one enquiry per delivery. */
  @Column('text', { nullable: true })
  sourceReference: string | null;

  @Column('text')
  requesterType: RequesterType;

  @Column('uuid')
  dataSubjectId: string;

  @ManyToOne(() => DataSubjectEntity)
  @JoinColumn([
    { name: 'data_subject_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  dataSubject?: Relation<DataSubjectEntity>;

  @Column('text', { nullable: true })
  topic: string | null;

  @Column('text')
  description: string;

  @Column('text', { default: 'new' })
  status: EnquiryStatus;

  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => StaffUserEntity)
  @JoinColumn([
    { name: 'assignee_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  assignee?: Relation<StaffUserEntity>;

  /** When automatic assignment (`work-queues/`) gave it to its assignee; null when it was taken or assigned by hand. */
  @Column('timestamptz', { nullable: true })
  assignedAutomaticallyAt: Date | null;

  /** Advisors it was automatically assigned to who left it untouched: not chosen for it again. */
  @Column('uuid', { array: true, default: () => `'{}'` })
  workSkipped: string[];

  @Column('text')
  legalBasis: LegalBasis;

  @Column('boolean', { default: false })
  specialCategory: boolean;

  @Column('text', { array: true, default: () => `'{}'` })
  specialCategories: SpecialCategory[];

  /** The special category details themselves; redacted when the explicit consent is withdrawn. */
  @Column('text', { nullable: true })
  specialCategoryDetails: string | null;

  @Column('timestamptz', { nullable: true })
  specialCategoryRedactedAt: Date | null;

  @Column('text')
  retentionClass: RetentionClass;

  /** When its personal content was erased (a retention sweep or an erasure request); ids, dates and status stay. */
  @Column('timestamptz', { nullable: true })
  erasedAt: Date | null;

  @Column('text', { nullable: true })
  resolutionAdvice: string | null;

  @Column('uuid', { nullable: true })
  knowledgeArticleId: string | null;

  /** Resolved by directing the citizen to another organisation: its code in the signposting list. */
  @Column('text', { nullable: true })
  signpostedTo: string | null;

  /** The wrap-up outcome, one of the organisation's outcome codes (src/wrap-up): what came of the enquiry. */
  @Column('text', { nullable: true })
  outcomeCode: string | null;

  @Column('timestamptz', { nullable: true })
  outcomeAt: Date | null;

  /** The member of staff who recorded the outcome (null: recorded by the system). */
  @Column('uuid', { nullable: true })
  outcomeBy: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  escalatedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  /**
   * Service levels, worked out at intake from the organisation's targets and opening hours (`enquiryDueTimes`):
   * when the first response and the resolution fall due, and when each becomes at risk (80 % of its working time).
   * Null on enquiries received before service levels.
   */
  @Column('timestamptz', { nullable: true })
  firstResponseDueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  firstResponseAtRiskAt: Date | null;

  /** The first response: the first reply queued to the citizen, or the contact itself when the target is 0. */
  @Column('timestamptz', { nullable: true })
  firstRespondedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  resolutionDueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  resolutionAtRiskAt: Date | null;

  /** Waiting for the citizen to answer since: the service-level clock stands still (`clockAfterWait`). */
  @Column('timestamptz', { nullable: true })
  waitingSince: Date | null;

  /** The working time the clock has stood still over all waits, in milliseconds. */
  @Column('bigint', { default: 0, transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  waitedWorkingMs: number;

  /** Closed as a duplicate of another enquiry of the organisation (`mergeEnquiry`): which, when and by whom. */
  @Column('uuid', { nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => EnquiryEntity)
  @JoinColumn([
    { name: 'merged_into_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  mergedInto?: Relation<EnquiryEntity>;

  @Column('timestamptz', { nullable: true })
  mergedAt: Date | null;

  @Column('uuid', { nullable: true })
  mergedBy: string | null;
}
