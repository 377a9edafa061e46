import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Safeguarding flags (issue 20): one row per message that suggested someone was in immediate danger, with its
 * kinds and a supervisor's review (handled or a false alarm, who and when). Kinds and ids only: the words stay on
 * the enquiry's timeline. Organisations gain their own emergency duty numbers for the guidance citizens are given.
 */
export class SafeguardingFlags1767300000000 implements MigrationInterface {
  name = 'SafeguardingFlags1767300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table organisations add column safeguarding_contacts jsonb not null default '{}'`);
    await db.query(`grant update (safeguarding_contacts) on organisations to signpost_runtime`);
    await db.query(`
      create table safeguarding_flags (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        chat_id uuid,
        channel text not null,
        kinds text array not null,
        status text not null default 'open',
        raised_at timestamptz not null default now(),
        reviewed_by uuid,
        reviewed_at timestamptz,
        review_note text,
        constraint pk_safeguarding_flags primary key (id),
        constraint fk_safeguarding_flags_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade,
        constraint fk_safeguarding_flags_reviewed_by foreign key (reviewed_by) references staff_users (id) on delete set null,
        constraint ck_safeguarding_flags_status check (status in ('open', 'handled', 'false_alarm')),
        constraint ck_safeguarding_flags_reviewed check ((status = 'open') = (reviewed_at is null)),
        constraint ck_safeguarding_flags_review_note check (char_length(review_note) <= 500)
      )`);
    await db.query(
      `create index ix_safeguarding_flags_organisation_id_status_raised_at on safeguarding_flags (organisation_id, status, raised_at)`,
    );
    await db.query(`create index ix_safeguarding_flags_organisation_id_enquiry_id on safeguarding_flags (organisation_id, enquiry_id)`);
    await enableTenantIsolation(db, 'safeguarding_flags');
    await db.query(`grant select, insert, update, delete on safeguarding_flags to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists safeguarding_flags`);
    await db.query(`alter table organisations drop column if exists safeguarding_contacts`);
  }
}
