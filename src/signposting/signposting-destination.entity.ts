import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';

export const SIGNPOSTING_KINDS = ['district_council', 'nhs', 'police', 'charity', 'government', 'other'] as const;
export type SignpostingKind = (typeof SIGNPOSTING_KINDS)[number];

/** Another organisation an advisor may direct a citizen to, with how to reach it. */
@Entity('signposting_destinations')
@Unique(['organisationId', 'code'])
@Check('ck_signposting_destinations_code', `code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('ck_signposting_destinations_kind', `kind in ('district_council', 'nhs', 'police', 'charity', 'government', 'other')`)
export class SignpostingDestinationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') kind: SignpostingKind;
  /** How the citizen reaches it: a phone number, a web address. */
  @Column('text', { nullable: true }) contact: string | null;
  /** What it deals with, for advisors. */
  @Column('text', { nullable: true }) description: string | null;
  @Column('boolean', { default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
