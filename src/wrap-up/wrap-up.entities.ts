import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';

/** One of an organisation's wrap-up outcome codes (none stored until it sets its own: the defaults apply). */
@Entity('outcome_codes')
export class OutcomeCodeEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn('text')
  code: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text')
  label: string;

  @Column('boolean', { default: true })
  active: boolean;

  /** Order in the list the console offers. */
  @Column('int')
  position: number;
}

/** Whether an outcome is required when resolving or closing; the row's presence means the organisation set its codes. */
@Entity('wrap_up_settings')
export class WrapUpSettingEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('boolean', { default: false })
  outcomeRequired: boolean;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
