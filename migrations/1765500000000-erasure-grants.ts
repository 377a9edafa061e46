import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Erasure overwrites an e-mail's sender and subject in place (the runtime role could only insert and delete). */
export class ErasureGrants1765500000000 implements MigrationInterface {
  name = 'ErasureGrants1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`grant update (from_address, subject) on email_messages to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`revoke update (from_address, subject) on email_messages from signpost_runtime`);
  }
}
