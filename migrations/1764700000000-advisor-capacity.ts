import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many chats an advisor may hold at once. */
export class AdvisorCapacity1764700000000 implements MigrationInterface {
  name = 'AdvisorCapacity1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table staff_users add column max_concurrent_chats integer not null default 2`);
    await db.query(
      `alter table staff_users add constraint ck_staff_users_max_concurrent_chats check (max_concurrent_chats between 0 and 20)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table staff_users drop column if exists max_concurrent_chats`);
  }
}
