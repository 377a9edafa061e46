import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An attempt in flight holds the escalation until it has recorded its outcome (or the lease runs out). */
export class DeliveryLease1765200000000 implements MigrationInterface {
  name = 'DeliveryLease1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table escalations add column attempt_lease_until timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table escalations drop column if exists attempt_lease_until`);
  }
}
