import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import type { RetentionClass } from './retention-class.js';

/** An organisation's own period for one record type, replacing the default. */
@Entity('retention_rules')
@Check(
  'ck_retention_rules_record_type',
  `record_type in ('call_recording_audio', 'call_recording_video', 'phone_contact', 'email_contact', 'social_media_contact', 'webchat', 'online_form', 'website_contact_form', 'internal_enquiry', 'referral', 'subject_request', 'knowledge_follow_up')`,
)
export class RetentionRuleEntity {
  @PrimaryColumn('uuid') organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @PrimaryColumn('text') recordType: RetentionClass;
  /** ISO 8601 period: `P2Y`, `P12M`, `P28D`. */
  @Column('text') period: string;
  /** Why the organisation chose it (a statute, a policy, a records-management decision). */
  @Column('text') reason: string;
  @Column('uuid', { nullable: true }) updatedBy: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
