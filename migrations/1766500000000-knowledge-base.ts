import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * The generated column's expression, exactly as the entity declares it (TypeORM compares the two through its
 * typeorm_metadata table, since PostgreSQL reformats the expression it stores).
 */
const SEARCH_EXPRESSION = `setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', knowledge_tags_text(tags)), 'B') || setweight(to_tsvector('english', body), 'C')`;

const CLASSES_BEFORE = `'call_recording_audio', 'call_recording_video', 'phone_contact', 'email_contact', 'social_media_contact', 'webchat', 'online_form', 'website_contact_form', 'internal_enquiry', 'referral', 'subject_request'`;
const CLASSES_AFTER = `${CLASSES_BEFORE}, 'knowledge_follow_up'`;

/**
 * The knowledge base: articles advisors search to resolve at first contact. PostgreSQL keeps each article's
 * full-text vector (English stemming; title weighted above tags above body) and searches it through a GIN index.
 * Requests passed to a service from an article's guidance get a retention class of their own (12 months).
 */
export class KnowledgeBase1766500000000 implements MigrationInterface {
  name = 'KnowledgeBase1766500000000';

  async up(db: QueryRunner): Promise<void> {
    // array_to_string is only STABLE (element output functions may depend on settings); for text[] it is immutable,
    // which a generated column needs.
    await db.query(`
      create function knowledge_tags_text(tags text[]) returns text
        language sql immutable strict parallel safe
        as $$ select array_to_string(tags, ' ') $$`);
    await db.query(`
      create table knowledge_articles (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        title text not null,
        body text not null,
        service_code text,
        tags text array not null default '{}',
        review_on date not null,
        created_by uuid,
        updated_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        archived_at timestamptz,
        search tsvector not null generated always as (${SEARCH_EXPRESSION}) stored,
        constraint pk_knowledge_articles primary key (id),
        constraint uq_knowledge_articles_organisation_id_id unique (organisation_id, id),
        constraint fk_knowledge_articles_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade,
        constraint fk_knowledge_articles_service_code_organisation_id foreign key (service_code, organisation_id)
          references services (code, organisation_id)
      )`);
    await db.query(`create index ix_knowledge_articles_search on knowledge_articles using gin (search)`);
    await db.query(`create index ix_knowledge_articles_organisation_id_review_on on knowledge_articles (organisation_id, review_on)`);
    await db.query(`create index ix_knowledge_articles_organisation_id_updated_at on knowledge_articles (organisation_id, updated_at)`);
    await enableTenantIsolation(db, 'knowledge_articles');
    await db.query(`grant select, insert, update on knowledge_articles to signpost_runtime`);

    // TypeORM reads a generated column's expression from here (as its own migrations would have written it), so
    // that comparing the entities with the schema finds no drift. The runtime role never reads it.
    await db.query(`
      create table if not exists typeorm_metadata (
        "type" varchar not null, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`);
    await db.query(
      `insert into typeorm_metadata ("type", "database", "schema", "table", "name", "value")
       values ('GENERATED_COLUMN', current_database(), current_schema(), 'knowledge_articles', 'search', $1)`,
      [SEARCH_EXPRESSION],
    );

    // Requests passed from an article to a service for follow-up: a record type of their own.
    await db.query(`alter table retention_rules drop constraint ck_retention_rules_record_type`);
    await db.query(`alter table retention_rules add constraint ck_retention_rules_record_type check (record_type in (${CLASSES_AFTER}))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Row-level security binds the owner too: each organisation's rows are reached under its own tenant. Enquiries
    // kept as knowledge follow-ups go back to their channel's class (a website contact form to online_form).
    const organisations: { id: string }[] = await db.query(`select id from organisations`);
    for (const { id } of organisations) {
      await db.query(`select set_config('app.current_tenant', $1, true)`, [id]);
      await db.query(`delete from retention_rules where record_type = 'knowledge_follow_up'`);
      await db.query(`
        update enquiries set retention_class = case channel
            when 'phone' then 'phone_contact' when 'email' then 'email_contact' when 'social' then 'social_media_contact'
            when 'webchat' then 'webchat' when 'form' then 'online_form' else 'internal_enquiry' end
         where retention_class = 'knowledge_follow_up'`);
    }
    await db.query(`select set_config('app.current_tenant', '', true)`);
    await db.query(`alter table retention_rules drop constraint ck_retention_rules_record_type`);
    await db.query(`alter table retention_rules add constraint ck_retention_rules_record_type check (record_type in (${CLASSES_BEFORE}))`);
    await db.query(`delete from typeorm_metadata where "type" = 'GENERATED_COLUMN' and "table" = 'knowledge_articles'`);
    await db.query(`drop table if exists knowledge_articles`);
    await db.query(`drop function if exists knowledge_tags_text(text[])`);
  }
}
