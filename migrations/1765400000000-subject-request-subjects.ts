import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The records the DPO confirmed are the requester's (found by the subject search), which the request acts on. */
export class SubjectRequestSubjects1765400000000 implements MigrationInterface {
  name = 'SubjectRequestSubjects1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table subject_requests add column data_subject_ids uuid array not null default '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table subject_requests drop column if exists data_subject_ids`);
  }
}
