import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';

export type CitizenMessageKind = 'acknowledgement_email' | 'acknowledgement_sms';
export type CitizenMessageStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'dead';

/** A message to a citizen sent through GOV.UK Notify, and what became of it. */
@Entity('citizen_messages')
@Index(['enquiryId'])
@Check('ck_citizen_messages_kind', `kind in ('acknowledgement_email', 'acknowledgement_sms')`)
@Check('ck_citizen_messages_status', `status in ('pending', 'sending', 'delivered', 'failed', 'dead')`)
export class CitizenMessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid', { nullable: true }) enquiryId: string | null;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('text') kind: CitizenMessageKind;
  /** The e-mail address or phone number (personal data: erased with the enquiry). */
  @Column('text') recipient: string;
  /** The template's personalisation: the reference and the organisation's name. */
  @Column('jsonb', { default: () => "'{}'" }) personalisation: Record<string, string>;
  /** pending → sending (Notify accepted it) → delivered or failed; dead when Notify kept refusing. */
  @Column('text', { default: 'pending' }) status: CitizenMessageStatus;
  /** Notify's notification id. */
  @Column('text', { nullable: true }) providerId: string | null;
  @Column('integer', { default: 0 }) attempts: number;
  /** A status code and Notify's error type, never its message (which can quote the recipient). */
  @Column('text', { nullable: true }) lastError: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { nullable: true }) statusCheckedAt: Date | null;
}
