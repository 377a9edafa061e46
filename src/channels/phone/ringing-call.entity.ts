import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EnquiryEntity } from '../../enquiries/enquiry.entity.js';
import { StaffUserEntity } from '../../identity/staff-user.entity.js';
import { OrganisationEntity } from '../../tenancy/organisation.entity.js';

/**
 * A call that rang at an advisor (the telephony platform's ringing push), and the enquiry the advisor said it is about
 * (one they created or picked while it rang): the call log that follows joins that enquiry. Ids and times only.
 */
@Entity('ringing_calls')
@Index('ix_ringing_calls_rang_at', ['rangAt'])
@Check('ck_ringing_calls_linked', `(enquiry_id is null) = (linked_at is null)`)
export class RingingCallEntity {
  @PrimaryColumn('uuid') organisationId: string;
  @PrimaryColumn('text') callId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('uuid') advisorId: string;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'advisor_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  advisor?: Relation<StaffUserEntity>;

  @Column('timestamptz', { default: () => 'now()' }) rangAt: Date;
  @Column('uuid', { nullable: true }) enquiryId: string | null;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('uuid', { nullable: true }) linkedBy: string | null;
  @Column('timestamptz', { nullable: true }) linkedAt: Date | null;
}
