import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Waiting for the citizen (issue 23): an enquiry's service-level clock stops while the advisor waits for the citizen
 * to answer a question, from `waiting_since` until they answer (or the advisor stops waiting). The working time it
 * stood still is added to the due times the enquiry still has to meet, and summed in `waited_working_ms`; each wait
 * is on the enquiry's timeline.
 */
export class CitizenWait1767740000000 implements MigrationInterface {
  name = 'CitizenWait1767740000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table enquiries
        add column waiting_since timestamptz,
        add column waited_working_ms bigint not null default 0,
        add constraint ck_enquiries_waited_working_ms check (waited_working_ms >= 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table enquiries
        drop constraint if exists ck_enquiries_waited_working_ms,
        drop column if exists waiting_since,
        drop column if exists waited_working_ms`);
  }
}
