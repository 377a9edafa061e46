import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import type { DeliveryType, SharedField } from '../contracts/shared-fields.js';

/** A back-office service of one organisation, the fields it may receive and how referrals reach it. */
@Entity('services')
@Unique(['organisationId', 'code'])
@Unique(['organisationId', 'id'])
@Check('ck_services_code', `code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check(
  'ck_services_permitted_fields',
  `permitted_fields <@ array['name','dateOfBirth','contactNumber','address','specialRequirements','reasonForReferral','actionsAlreadyTaken']::text[]`,
)
@Check(
  'ck_services_delivery',
  `(delivery_type = 'webhook' and webhook_url is not null and webhook_secret is not null)
   or (delivery_type = 'email' and email_address is not null)
   or (delivery_type = 'open311' and open311_url is not null and open311_api_key is not null and open311_service_code is not null)
   or delivery_type = 'portal'`,
)
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text', { array: true })
  permittedFields: SharedField[];

  /** Words and phrases that suggest this service for an enquiry (topic suggestion; an advisor decides). */
  @Column('text', { array: true, default: () => "'{}'" })
  routingKeywords: string[];

  /** Whether special category details (health, ...) may go to this service under explicit consent. */
  @Column('boolean', { default: false })
  receivesSpecialCategory: boolean;

  @Column('text', { default: 'portal' })
  deliveryType: DeliveryType;

  @Column('text', { nullable: true })
  webhookUrl: string | null;

  @Column('text', { nullable: true })
  webhookSecret: string | null;

  @Column('text', { nullable: true })
  emailAddress: string | null;

  /** Open311 GeoReport v2: the endpoint's base URL (requests go to {url}/requests.json). */
  @Column('text', { nullable: true })
  open311Url: string | null;

  /** The endpoint's API key, sealed like the webhook secrets; never returned. */
  @Column('text', { nullable: true })
  open311ApiKey: string | null;

  /** The endpoint's service code the referrals are filed under (its "pothole", "street light"…). */
  @Column('text', { nullable: true })
  open311ServiceCode: string | null;

  @Column('text', { nullable: true })
  open311JurisdictionId: string | null;

  /** Set when the receiver answered 410 Gone; cleared when the delivery settings are saved again. */
  @Column('timestamptz', { nullable: true })
  webhookDisabledAt: Date | null;

  @Column('boolean', { default: true })
  active: boolean;

  /** A statutory function of the council: legitimate interests is then the wrong lawful basis. */
  @Column('boolean', { default: false })
  statutory: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
