import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What each subject-rights request has done (erased, corrected, restricted, exported…), with counts, never values. */
export class SubjectRequestActions1766000000000 implements MigrationInterface {
  name = 'SubjectRequestActions1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table subject_requests add column actions jsonb not null default '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table subject_requests drop column if exists actions`);
  }
}
