import type { SafeguardingContacts } from '../safeguarding/safeguarding-guidance.js';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LegalBasis } from '../contracts/legal-basis.js';
import type { BusinessHours, NotifyTemplates, Processor } from './organisation-settings.js';

/** A council or customer organisation: its own data controller, with its own notice, directory and schedule. */
@Entity('organisations')
@Check('ck_organisations_slug', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('ck_organisations_kind', `kind in ('council', 'customer')`)
@Check('ck_organisations_status', `status in ('active', 'offboarding')`)
@Check('ck_organisations_chat_routing', `chat_routing in ('pick', 'auto')`)
@Check('ck_organisations_chat_offer_seconds', `chat_offer_seconds between 1 and 600`)
@Check('ck_organisations_work_routing', `work_routing in ('pick', 'auto')`)
@Check('ck_organisations_work_reclaim_minutes', `work_reclaim_minutes between 5 and 1440`)
@Check('ck_organisations_enquiries_email_lower', `enquiries_email = lower(enquiries_email)`)
@Check('ck_organisations_inbound_domains_lower', `inbound_domains::text = lower(inbound_domains::text)`)
// Unique case-insensitively across the deployment (an expression index, migration 1766900000000).
@Index('uq_organisations_enquiries_email', { synchronize: false })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  slug: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: 'council' | 'customer';

  @Column('text')
  defaultLegalBasis: LegalBasis;

  @Column('text')
  dpoName: string;

  @Column('text')
  dpoEmail: string;

  @Column('text', { nullable: true })
  dpoPostalAddress: string | null;

  /** Where citizens' e-mail to this organisation arrives; no other organisation may hold it. */
  @Column('text', { nullable: true })
  enquiriesEmail: string | null;

  /** The mail domains the operator routes to this organisation: its administrators choose an inbound address within them. */
  @Column('text', { array: true, default: () => "'{}'" })
  inboundDomains: string[];

  @Column('jsonb')
  businessHours: BusinessHours;

  /** GOV.UK Notify: the organisation's API key (sealed; never returned or logged). Set: citizens' messages go by Notify. */
  @Column('text', { nullable: true })
  notifyApiKey: string | null;

  /** Notify template ids by message: `acknowledgementEmail`, `acknowledgementSms`. */
  @Column('jsonb', { default: () => "'{}'" })
  notifyTemplates: NotifyTemplates;

  /** Processors of the contact centre's data (telephony, forms, …): the record of processing's recipients and transfers. */
  @Column('jsonb', { default: () => "'[]'" })
  processors: Processor[];

  /** The council's own out-of-hours numbers for a child or an adult at risk, given to a citizen in danger. */
  @Column('jsonb', { default: () => "'{}'" })
  safeguardingContacts: Partial<SafeguardingContacts>;

  @Column('text', { default: 'active' })
  status: 'active' | 'offboarding';

  /** Webchat routing: advisors pick from the queue, or chats are offered to the least-busy advisor with the skill. */
  @Column('text', { default: 'pick' })
  chatRouting: 'pick' | 'auto';

  /** How long an offered chat waits for the advisor before it goes to the next one. */
  @Column('integer', { default: 30 })
  chatOfferSeconds: number;

  /**
   * E-mail, form and social enquiries: advisors pick from the queue, or each new one is assigned to the least-busy
   * available advisor with the skill (`work-queues/`).
   */
  @Column('text', { default: 'pick' })
  workRouting: 'pick' | 'auto';

  /** How long an automatically assigned enquiry may go untouched by its advisor before it returns to the queue. */
  @Column('integer', { default: 60 })
  workReclaimMinutes: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
