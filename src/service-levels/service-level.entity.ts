import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import type { StoredServiceLevels } from './service-level-targets.js';

/** An organisation's service-level targets (one row, written when it first sets any; none means the defaults). */
@Entity('service_levels')
export class ServiceLevelEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('jsonb')
  targets: StoredServiceLevels;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
