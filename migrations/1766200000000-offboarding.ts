import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Off-boarding an organisation: its status changes, its channel credentials are revoked. */
export class Offboarding1766200000000 implements MigrationInterface {
  name = 'Offboarding1766200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`grant update (status) on organisations to signpost_runtime`);
    await db.query(`grant delete on channel_credentials to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`revoke delete on channel_credentials from signpost_runtime`);
    await db.query(`revoke update (status) on organisations from signpost_runtime`);
  }
}
