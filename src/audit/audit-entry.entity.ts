import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';

export type AuditActorType = 'staff' | 'citizen' | 'system' | 'channel';

/**
 * One link of an organisation's audit chain. Holds ids and field names, never personal values, so that erasing
 * a person's data never breaks the chain. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_entries')
@Unique(['organisationId', 'seq'])
@Index(['organisationId', 'entityType', 'entityId'])
@Check('ck_audit_entries_actor_type', `actor_type in ('staff', 'citizen', 'system', 'channel')`)
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('bigint')
  seq: string;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('text')
  actorType: AuditActorType;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('uuid', { nullable: true })
  entityId: string | null;

  @Column('text', { array: true, default: () => `'{}'` })
  fields: string[];

  @Column('jsonb', { default: () => `'{}'` })
  details: Record<string, unknown>;

  @Column('text', { nullable: true })
  correlationId: string | null;

  @Column('text')
  prevHash: string;

  @Column('text')
  hash: string;
}

/** The last link of each organisation's chain: locked while appending so the chain never forks. */
@Entity('audit_chain_heads')
export class AuditChainHeadEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity)
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('bigint')
  seq: string;

  @Column('text')
  hash: string;
}
