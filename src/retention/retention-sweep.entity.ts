import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import type { HeldRecord } from './held-record.js';

export type SweepTrigger = 'scheduled' | 'on_demand' | 'offboarding';
export type SweepStatus = 'running' | 'completed' | 'failed';

/**
 * One run of the retention sweep for one organisation: what it erased (or, dry, would erase) by record type, what
 * legal holds kept, and what failed (a recording the store would not delete). Counts and ids only, never values.
 */
@Entity('retention_sweeps')
@Index(['organisationId', 'startedAt'])
@Index('uq_retention_sweeps_running', { synchronize: false })
@Check('ck_retention_sweeps_trigger', `trigger in ('scheduled', 'on_demand', 'offboarding')`)
@Check('ck_retention_sweeps_status', `status in ('running', 'completed', 'failed')`)
export class RetentionSweepEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('boolean') dryRun: boolean;
  @Column('text') trigger: SweepTrigger;
  @Column('text', { default: 'running' }) status: SweepStatus;
  /** The UK date expiry was judged against. */
  @Column('date') asOf: string;
  @Column('jsonb', { default: () => "'{}'" }) erased: Record<string, number>;
  @Column('jsonb', { default: () => "'{}'" }) held: Record<string, number>;
  @Column('jsonb', { default: () => "'[]'" }) heldRecords: HeldRecord[];
  @Column('jsonb', { default: () => "'{}'" }) failed: Record<string, number>;
  @Column('uuid', { nullable: true }) requestedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) startedAt: Date;
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
}
