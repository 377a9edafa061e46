import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';

/** An advisor's confirmation or correction of an enquiry's service, beside what was suggested. */
@Entity('routing_decisions')
@Unique(['enquiryId'])
@Index(['organisationId', 'decidedAt'])
@Check('ck_routing_decisions_source', `source in ('confirmed', 'escalated')`)
export class RoutingDecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  /** The services suggested when the advisor decided, best first. */
  @Column('text', { array: true, default: () => "'{}'" }) suggested: string[];
  @Column('text') chosen: string;
  /** The advisor chose other than the first suggestion. */
  @Column('boolean') corrected: boolean;
  @Column('text') source: 'confirmed' | 'escalated';
  /** The words counted for it (so that a later correction can move them); emptied when the enquiry is erased. */
  @Column('text', { array: true, default: () => "'{}'" }) features: string[];
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) decidedAt: Date;
}

/** The organisation's model: per service, in how many confirmed enquiries each word appeared ('' counts the enquiries). */
@Entity('topic_counts')
export class TopicCountEntity {
  @PrimaryColumn('uuid') organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @PrimaryColumn('text') serviceCode: string;
  @PrimaryColumn('text') token: string;
  @Column('integer') documents: number;
}
