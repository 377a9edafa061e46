import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { DataSubjectEntity } from '../data-subjects/data-subject.entity.js';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';

/**
 * A legal hold on a person (all their enquiries) or on one enquiry: its records are kept, whatever an erasure
 * request or the retention schedule says, until the hold is released. The reason is free text for the DPO; it
 * should say why (a claim, an investigation), not repeat personal details.
 */
@Entity('legal_holds')
@Unique(['organisationId', 'id'])
@Index(['organisationId', 'releasedAt'])
@Check('ck_legal_holds_one_target', `(data_subject_id is null) <> (enquiry_id is null)`)
export class LegalHoldEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid', { nullable: true }) dataSubjectId: string | null;

  @ManyToOne(() => DataSubjectEntity)
  @JoinColumn([
    { name: 'data_subject_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  dataSubject?: Relation<DataSubjectEntity>;

  @Column('uuid', { nullable: true }) enquiryId: string | null;

  @ManyToOne(() => EnquiryEntity)
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('text') reason: string;
  @Column('uuid', { nullable: true }) placedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) placedAt: Date;
  @Column('timestamptz', { nullable: true }) releasedAt: Date | null;
  @Column('uuid', { nullable: true }) releasedBy: string | null;
  @Column('text', { nullable: true }) releaseReason: string | null;
}
