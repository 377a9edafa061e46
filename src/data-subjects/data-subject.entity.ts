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
import { OrganisationEntity } from '../tenancy/organisation.entity.js';

/**
 * The person an enquiry is about. Normalised keys (`name_key`, `address_key`, `postcode_key`, and the identifiers' keys)
 * let a subject access request find everything held about one person, whatever channel it came by.
 */
@Entity('data_subjects')
@Unique(['organisationId', 'id'])
@Index(['organisationId', 'nameKey'])
@Index(['organisationId', 'postcodeKey'])
@Index(['organisationId', 'dateOfBirth'])
@Index(['organisationId', 'addressKey'])
@Check('ck_data_subjects_preferred_language', `preferred_language in ('en', 'cy')`)
export class DataSubjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text')
  name: string;

  @Column('text')
  nameKey: string;

  @Column('date', { nullable: true })
  dateOfBirth: string | null;

  @Column('text', { nullable: true })
  postalAddress: string | null;

  /** The address as words (see addressKey), byte-ordered ("C") so that a word-prefix search can use the index. */
  @Column({ type: 'text', nullable: true, collation: 'C' })
  addressKey: string | null;

  @Column('text', { nullable: true })
  postcode: string | null;

  @Column('text', { nullable: true })
  postcodeKey: string | null;

  /** The language the person asked to be answered in: English, or Welsh (`cy`); saved replies use their Welsh text. */
  @Column('text', { default: 'en' })
  preferredLanguage: 'en' | 'cy';

  /** UK GDPR Art. 18: while set, the data is only stored, never escalated or otherwise used. */
  @Column('timestamptz', { nullable: true })
  processingRestrictedAt: Date | null;

  /** When the person's details were erased (nothing held about them needed them any more). */
  @Column('timestamptz', { nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
