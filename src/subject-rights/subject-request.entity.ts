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
import type {
  ClockEvent,
  ClockPause,
  Representative,
  RequestAction,
  RequestedSubject,
  SubjectRequestStatus,
  SubjectRequestType,
} from '../contracts/subject-requests.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';

@Entity('subject_requests')
@Unique(['organisationId', 'id'])
@Index(['organisationId', 'status', 'dueOn'])
@Check(
  'ck_subject_requests_type',
  `type in ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdraw_consent')`,
)
@Check(
  'ck_subject_requests_status',
  `status in ('awaiting_identity', 'awaiting_authority', 'in_progress', 'paused', 'completed', 'refused')`,
)
export class SubjectRequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text') type: SubjectRequestType;
  @Column('text', { default: 'awaiting_identity' }) status: SubjectRequestStatus;
  @Column('text', { default: 'internal' }) channel: string;
  @Column('jsonb') subject: RequestedSubject;
  @Column('jsonb', { nullable: true }) representative: Representative | null;
  @Column('date') receivedOn: string;
  /** The type of document seen ("passport", "utility bill and council tax bill"): never a copy. */
  @Column('text', { nullable: true }) identityEvidence: string | null;
  @Column('date', { nullable: true }) identityReceivedOn: string | null;
  @Column('text', { nullable: true }) authorityEvidence: string | null;
  @Column('date', { nullable: true }) authorityReceivedOn: string | null;
  @Column('jsonb', { default: () => "'[]'" }) pauses: ClockPause[];
  @Column('date', { nullable: true }) extendedOn: string | null;
  @Column('text', { nullable: true }) extensionReason: string | null;
  @Column('date') dueOn: string;
  @Column('jsonb', { default: () => "'[]'" }) clockHistory: ClockEvent[];
  /** The records the DPO confirmed are the requester's: what an export, rectification or erasure acts on. */
  @Column('uuid', { array: true, default: () => "'{}'" }) dataSubjectIds: string[];
  /** What the request has done so far, oldest first. */
  @Column('jsonb', { default: () => "'[]'" }) actions: RequestAction[];
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
