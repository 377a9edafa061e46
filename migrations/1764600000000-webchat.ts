import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/** Live chats and their messages, each stored with a per-chat sequence number before it is relayed. */
export class Webchat1764600000000 implements MigrationInterface {
  name = 'Webchat1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table chats (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        status text not null default 'queued',
        advisor_id uuid,
        resume_token_hash text not null,
        last_seq integer not null default 0,
        queued_at timestamptz not null default now(),
        assigned_at timestamptz,
        ended_at timestamptz,
        constraint pk_chats primary key (id),
        constraint uq_chats_organisation_id_id unique (organisation_id, id),
        constraint uq_chats_resume_token_hash unique (resume_token_hash),
        constraint ck_chats_status check (status in ('queued', 'active', 'ended')),
        constraint fk_chats_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade,
        constraint fk_chats_advisor_id_organisation_id foreign key (advisor_id, organisation_id)
          references staff_users (id, organisation_id)
      )`);
    await db.query(`create index ix_chats_organisation_id_status_queued_at on chats (organisation_id, status, queued_at)`);
    await db.query(`
      create table chat_messages (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        chat_id uuid not null,
        seq integer not null,
        sender text not null,
        author_id uuid,
        text text not null,
        sent_at timestamptz not null default now(),
        constraint pk_chat_messages primary key (id),
        constraint uq_chat_messages_chat_id_seq unique (chat_id, seq),
        constraint ck_chat_messages_sender check (sender in ('citizen', 'advisor', 'system')),
        constraint fk_chat_messages_chat_id_organisation_id foreign key (chat_id, organisation_id)
          references chats (id, organisation_id) on delete cascade
      )`);
    for (const table of ['chats', 'chat_messages']) await enableTenantIsolation(db, table);
    await db.query(`grant select, insert, update on chats, chat_messages to signpost_runtime`);
    await db.query(`grant delete on chat_messages to signpost_runtime`);
    // A citizen resuming a chat is not logged in: one definer function finds a chat by its token's hash.
    await db.query(`create policy chats_resume_lookup on chats for select to current_user using (true)`);
    await db.query(`
      create function chat_resume_lookup(p_token_hash text)
      returns table (id uuid, organisation_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id, organisation_id from chats where resume_token_hash = p_token_hash and status <> 'ended' $$`);
    await db.query(`revoke all on function chat_resume_lookup(text) from public`);
    await db.query(`grant execute on function chat_resume_lookup(text) to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists chat_resume_lookup(text)`);
    await db.query(`drop table if exists chat_messages, chats`);
  }
}
