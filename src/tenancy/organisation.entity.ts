import type { SafeguardingContacts } from '../safeguarding/safeguarding-guidance.js';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LegalBasis } from '../contracts/legal-basis.js';

export interface BusinessHours {
  /** IANA zone the hours are read in. */
  timezone: string;
  /** ISO weekday (1 = Monday … 7 = Sunday) → opening intervals "HH:MM-HH:MM". Empty = closed. */
  weekly: Record<string, string[]>;
  /** Observe the UK bank holidays of this region as closed days. */
  bankHolidays: 'england-and-wales' | 'scotland' | 'northern-ireland' | 'none';
}

/** The Notify templates an organisation has set up, by the message they send. */
export interface NotifyTemplates {
  acknowledgementEmail?: string;
  acknowledgementSms?: string;
  /** An advisor's reply by e-mail (personalisation: subject, body, reference, organisation, reply_token). */
  replyEmail?: string;
  /** An advisor's reply by text (personalisation: body, reference, organisation). */
  replySms?: string;
}

/** A processor the organisation uses, and where it holds the data ("UK", "EU", …). */
export interface Processor {
  name: string;
  purpose: string;
  location: string;
  /** For a location outside the UK: the safeguard the transfer relies on (UK adequacy regulations, IDTA, …). */
  safeguard?: string;
}

/** A council or customer organisation: its own data controller, with its own notice, directory and schedule. */
@Entity('organisations')
@Check('ck_organisations_slug', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('ck_organisations_kind', `kind in ('council', 'customer')`)
@Check('ck_organisations_status', `status in ('active', 'offboarding')`)
@Check('ck_organisations_chat_routing', `chat_routing in ('pick', 'auto')`)
@Check('ck_organisations_chat_offer_seconds', `chat_offer_seconds between 1 and 600`)
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
