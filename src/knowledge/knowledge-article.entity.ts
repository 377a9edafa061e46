import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { ServiceEntity } from '../directory/service.entity.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';

/**
 * The full-text vector PostgreSQL keeps for an article: English stemming, title (A) above tags (B) above body (C).
 * Written exactly as in migration 1766500000000, which records it for TypeORM's schema comparison.
 */
export const SEARCH_EXPRESSION = `setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', knowledge_tags_text(tags)), 'B') || setweight(to_tsvector('english', body), 'C')`;

/**
 * A knowledge article: guidance an advisor reads to answer at first contact, optionally about one of the
 * organisation's services, with the date by which its owner should check it is still right. Plain text, written
 * by staff; archived rather than deleted, so that enquiries resolved with it still name it.
 */
@Entity('knowledge_articles')
@Unique(['organisationId', 'id'])
@Index(['organisationId', 'reviewOn'])
@Index(['organisationId', 'updatedAt'])
// GIN over the generated vector (migration 1766500000000): TypeORM cannot declare the access method.
@Index('ix_knowledge_articles_search', { synchronize: false })
export class KnowledgeArticleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text') title: string;
  @Column('text') body: string;
  /** A service of the organisation's directory the article is about, if any. */
  @Column('text', { nullable: true }) serviceCode: string | null;

  @ManyToOne(() => ServiceEntity)
  @JoinColumn([
    { name: 'service_code', referencedColumnName: 'code' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  service?: Relation<ServiceEntity>;

  @Column('text', { array: true, default: () => "'{}'" }) tags: string[];
  /** When the article should next be checked (UK calendar date); past it, the article is flagged. */
  @Column('date') reviewOn: string;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('uuid', { nullable: true }) updatedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column('timestamptz', { nullable: true }) archivedAt: Date | null;

  /** Kept by PostgreSQL; never read or written by the application. */
  @Column({ type: 'tsvector', generatedType: 'STORED', asExpression: SEARCH_EXPRESSION, select: false, insert: false, update: false })
  search?: string;
}
