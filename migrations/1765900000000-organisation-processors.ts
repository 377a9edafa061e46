import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The processors an organisation uses for its contact centre (telephony, online forms, …) and where each holds
 * the data: the record of processing lists them as recipients, and those outside the UK as transfers.
 */
export class OrganisationProcessors1765900000000 implements MigrationInterface {
  name = 'OrganisationProcessors1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table organisations add column processors jsonb not null default '[]'`);
    await db.query(`grant update (processors) on organisations to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table organisations drop column if exists processors`);
  }
}
