import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { OrganisationEntity } from './organisation.entity.js';

/** One published version of an organisation's privacy notice; consent records name the version shown. */
@Entity('privacy_notices')
@Unique(['organisationId', 'version'])
@Check('ck_privacy_notices_text_or_url', `body is not null or url is not null`)
export class PrivacyNoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text')
  version: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  url: string | null;

  @Column('text', { nullable: true })
  body: string | null;

  /** First day the version applies (UK date). */
  @Column('date')
  effectiveFrom: string;

  @Column('timestamptz', { default: () => 'now()' })
  publishedAt: Date;
}
