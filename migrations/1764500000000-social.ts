import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/** Social media conversations (direct messages, comment threads) and the platform messages received. */
export class Social1764500000000 implements MigrationInterface {
  name = 'Social1764500000000';

  async up(db: QueryRunner): Promise<void> {
    // The page access token used to reply (sealed like every stored secret).
    await db.query(`alter table channel_credentials add column access_token text`);
    await db.query(`
      create table social_conversations (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        conversation_key text not null,
        platform_user_id text not null,
        enquiry_id uuid not null,
        created_at timestamptz not null default now(),
        constraint pk_social_conversations primary key (id),
        constraint uq_social_conversations_organisation_id_conversation_key unique (organisation_id, conversation_key),
        constraint fk_social_conversations_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    await db.query(`
      create table social_messages (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        platform_message_id text not null,
        enquiry_id uuid not null,
        direction text not null,
        created_at timestamptz not null default now(),
        constraint pk_social_messages primary key (id),
        constraint uq_social_messages_organisation_id_platform_message_id unique (organisation_id, platform_message_id),
        constraint ck_social_messages_direction check (direction in ('inbound', 'outbound')),
        constraint fk_social_messages_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    for (const table of ['social_conversations', 'social_messages']) await enableTenantIsolation(db, table);
    await db.query(`grant select, insert, update, delete on social_conversations, social_messages to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists social_messages, social_conversations`);
    await db.query(`alter table channel_credentials drop column if exists access_token`);
  }
}
