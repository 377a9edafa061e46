import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { OrganisationEntity } from '../../tenancy/organisation.entity.js';

/** Which answer of an e-form means which enquiry field, for one form of one organisation. */
export interface FormFieldMapping {
  name: string;
  description: string;
  dateOfBirth?: string;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
  /** An answer saying who is asking (citizen, employee, volunteer, contractor): internal enquiries are recorded as such. */
  requesterType?: string;
}

@Entity('form_mappings')
@Unique(['organisationId', 'formId'])
export class FormMappingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text') formId: string;
  @Column('text') title: string;
  @Column('jsonb') mapping: FormFieldMapping;
  @Column('text', { nullable: true }) topic: string | null;
  /** A website contact form (periodically deleted) rather than a service e-form (kept 2 years). */
  @Column('boolean', { default: false }) websiteContactForm: boolean;
  /** Where the e-form platform holds the submission (a processor): recorded for transfers outside the UK. */
  @Column('text', { default: 'EU' }) processorLocation: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
