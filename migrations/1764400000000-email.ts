import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/** E-mail messages of enquiries (in and out) and their stored attachments. */
export class Email1764400000000 implements MigrationInterface {
  name = 'Email1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table email_messages (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        message_id text not null,
        direction text not null,
        from_address text not null,
        subject text,
        authentication jsonb not null default '{}',
        flagged boolean not null default false,
        created_at timestamptz not null default now(),
        constraint pk_email_messages primary key (id),
        constraint uq_email_messages_organisation_id_message_id unique (organisation_id, message_id),
        constraint uq_email_messages_organisation_id_id unique (organisation_id, id),
        constraint ck_email_messages_direction check (direction in ('inbound', 'outbound')),
        constraint fk_email_messages_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    await db.query(`create index ix_email_messages_enquiry_id on email_messages (enquiry_id)`);
    await db.query(`
      create table email_attachments (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        email_message_id uuid not null,
        filename text not null,
        content_type text not null,
        size integer not null,
        content bytea not null,
        constraint pk_email_attachments primary key (id),
        constraint fk_email_attachments_email_message_id_organisation_id foreign key (email_message_id, organisation_id)
          references email_messages (id, organisation_id) on delete cascade
      )`);
    for (const table of ['email_messages', 'email_attachments']) await enableTenantIsolation(db, table);
    await db.query(`grant select, insert on email_messages, email_attachments to signpost_runtime`);
    await db.query(`grant delete on email_messages, email_attachments to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists email_attachments, email_messages`);
  }
}
