import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/** Advisor presence and skills; per-organisation routing (pick from the queue, or offered automatically). */
export class ChatRouting1764800000000 implements MigrationInterface {
  name = 'ChatRouting1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table staff_users add column skills text array not null default '{}'`);
    await db.query(`alter table organisations add column chat_routing text not null default 'pick'`);
    await db.query(`alter table organisations add constraint ck_organisations_chat_routing check (chat_routing in ('pick', 'auto'))`);
    await db.query(`alter table organisations add column chat_offer_seconds integer not null default 30`);
    await db.query(
      `alter table organisations add constraint ck_organisations_chat_offer_seconds check (chat_offer_seconds between 1 and 600)`,
    );
    await db.query(`grant update (chat_routing, chat_offer_seconds) on organisations to signpost_runtime`);
    await db.query(`alter table chats add column skill text`);
    await db.query(`alter table chats add column offered_to uuid`);
    await db.query(`alter table chats add column offered_at timestamptz`);
    await db.query(`alter table chats add column skipped uuid array not null default '{}'`);
    await db.query(`
      create table advisor_presence (
        organisation_id uuid not null,
        user_id uuid not null,
        status text not null,
        connections integer not null default 0,
        updated_at timestamptz not null default now(),
        constraint pk_advisor_presence primary key (organisation_id, user_id),
        constraint ck_advisor_presence_status check (status in ('available', 'away')),
        constraint fk_advisor_presence_user_id_organisation_id foreign key (user_id, organisation_id)
          references staff_users (id, organisation_id) on delete cascade
      )`);
    await enableTenantIsolation(db, 'advisor_presence');
    await db.query(`grant select, insert, update, delete on advisor_presence to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists advisor_presence`);
    for (const column of ['skill', 'offered_to', 'offered_at', 'skipped'])
      await db.query(`alter table chats drop column if exists ${column}`);
    await db.query(`alter table organisations drop column if exists chat_routing, drop column if exists chat_offer_seconds`);
    await db.query(`alter table staff_users drop column if exists skills`);
  }
}
