import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DataSubjectEntity } from '../data-subjects/data-subject.entity.js';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';
import type { ConsentMethod, SpecialCategory } from '../contracts/special-category.js';
import type { ConsentPurpose } from './consent-purpose.js';

/**
 * Consent given for an enquiry: to the processing itself (Art. 6(1)(a)) or explicit consent to special category
 * data (Art. 9(2)(a)); when, how, by whom recorded, the privacy-notice version shown, and any withdrawal.
 * Withdrawal is recorded on the row; the row is never deleted while the enquiry exists.
 */
@Entity('consent_records')
@Index(['enquiryId'])
@Check('ck_consent_records_purpose', `purpose in ('processing', 'special_category')`)
@Check('ck_consent_records_method', `method in ('verbal', 'written', 'checkbox', 'electronic')`)
@Check(
  'ck_consent_records_withdrawal_method',
  `withdrawal_method is null or withdrawal_method in ('verbal', 'written', 'checkbox', 'electronic')`,
)
export class ConsentRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('uuid')
  dataSubjectId: string;

  @ManyToOne(() => DataSubjectEntity)
  @JoinColumn([
    { name: 'data_subject_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  dataSubject?: Relation<DataSubjectEntity>;

  @Column('text')
  purpose: ConsentPurpose;

  @Column('text', { array: true, default: () => `'{}'` })
  specialCategories: SpecialCategory[];

  @Column('text')
  method: ConsentMethod;

  @Column('text')
  privacyNoticeVersion: string;

  @Column('timestamptz', { default: () => 'now()' })
  givenAt: Date;

  @Column('uuid', { nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Column('uuid', { nullable: true })
  withdrawnBy: string | null;

  @Column('text', { nullable: true })
  withdrawalMethod: ConsentMethod | null;
}
