import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports read a period of enquiries, referrals and calls by date: an index each, so a month is not a scan of years. */
export class ReportIndexes1766300000000 implements MigrationInterface {
  name = 'ReportIndexes1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`create index ix_enquiries_organisation_id_created_at on enquiries (organisation_id, created_at)`);
    await db.query(`create index ix_escalations_organisation_id_created_at on escalations (organisation_id, created_at)`);
    await db.query(`create index ix_call_logs_organisation_id_started_at on call_logs (organisation_id, started_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'ix_call_logs_organisation_id_started_at',
      'ix_escalations_organisation_id_created_at',
      'ix_enquiries_organisation_id_created_at',
    ])
      await db.query(`drop index if exists ${index}`);
  }
}
