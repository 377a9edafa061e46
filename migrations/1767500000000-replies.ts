import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Replies to citizens (issue 22): one row per answer an advisor sends on an enquiry (e-mail, text or social), with
 * its delivery status read back from the transport; saved replies per organisation with an optional Welsh text;
 * the person's language preference; and a channel secret for Notify's signed inbound-text callback.
 */
export class Replies1767500000000 implements MigrationInterface {
  name = 'Replies1767500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table replies (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        author_id uuid,
        channel text not null,
        transport text not null,
        recipient text not null,
        recipient_key text,
        subject text,
        text text not null,
        language text not null default 'en',
        saved_reply_id uuid,
        knowledge_article_id uuid,
        resolves boolean not null default false,
        status text not null default 'queued',
        message_id text,
        in_reply_to text,
        provider_id text,
        attempts integer not null default 0,
        last_error text,
        dead_lettered_at timestamptz,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        delivered_at timestamptz,
        status_checked_at timestamptz,
        constraint pk_replies primary key (id),
        constraint ck_replies_channel check (channel in ('email', 'sms', 'social')),
        constraint ck_replies_transport check (transport in ('smtp', 'notify', 'social')),
        constraint ck_replies_status check (status in ('queued', 'sent', 'delivered', 'failed')),
        constraint ck_replies_language check (language in ('en', 'cy')),
        constraint fk_replies_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    await db.query(`create index ix_replies_enquiry_id_created_at on replies (enquiry_id, created_at)`);
    await db.query(`create index ix_replies_organisation_id_created_at on replies (organisation_id, created_at)`);
    await db.query(`create index ix_replies_organisation_id_recipient_key on replies (organisation_id, recipient_key)`);
    await enableTenantIsolation(db, 'replies');
    await db.query(`grant select, insert, update on replies to signpost_runtime`);

    await db.query(`
      create table inbound_texts (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        provider_id text not null,
        received_at timestamptz not null default now(),
        constraint pk_inbound_texts primary key (id),
        constraint uq_inbound_texts_organisation_id_provider_id unique (organisation_id, provider_id),
        constraint fk_inbound_texts_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    await enableTenantIsolation(db, 'inbound_texts');
    await db.query(`grant select, insert on inbound_texts to signpost_runtime`);

    await db.query(`
      create table saved_replies (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        title text not null,
        text text not null,
        text_welsh text,
        service_code text,
        tags text array not null default '{}',
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_saved_replies primary key (id),
        constraint uq_saved_replies_organisation_id_title unique (organisation_id, title)
      )`);
    await enableTenantIsolation(db, 'saved_replies');
    await db.query(`grant select, insert, update, delete on saved_replies to signpost_runtime`);

    await db.query(`alter table data_subjects add column preferred_language text not null default 'en'`);
    await db.query(
      `alter table data_subjects add constraint ck_data_subjects_preferred_language check (preferred_language in ('en', 'cy'))`,
    );

    await db.query(`alter table channel_credentials drop constraint ck_channel_credentials_channel`);
    await db.query(
      `alter table channel_credentials add constraint ck_channel_credentials_channel check (channel in ('phone', 'forms', 'email', 'social', 'sms'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`delete from channel_credentials where channel = 'sms'`);
    await db.query(`alter table channel_credentials drop constraint ck_channel_credentials_channel`);
    await db.query(
      `alter table channel_credentials add constraint ck_channel_credentials_channel check (channel in ('phone', 'forms', 'email', 'social'))`,
    );
    await db.query(`alter table data_subjects drop constraint if exists ck_data_subjects_preferred_language`);
    await db.query(`alter table data_subjects drop column if exists preferred_language`);
    await db.query(`drop table if exists saved_replies`);
    await db.query(`drop table if exists inbound_texts`);
    await db.query(`drop table if exists replies`);
  }
}
