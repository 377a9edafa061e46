import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * The ringing phone remembered (issue 23): which advisor a call rang at and, once they say so, the enquiry the call is
 * about (one they created or picked while it rang), so that the call log the telephony platform sends when the call
 * ends joins that enquiry. Ids and times only: the caller's number is not kept here.
 */
export class RingingCalls1767750000000 implements MigrationInterface {
  name = 'RingingCalls1767750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table ringing_calls (
        organisation_id uuid not null,
        call_id text not null,
        advisor_id uuid not null,
        rang_at timestamptz not null default now(),
        enquiry_id uuid,
        linked_by uuid,
        linked_at timestamptz,
        constraint pk_ringing_calls primary key (organisation_id, call_id),
        constraint fk_ringing_calls_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade,
        constraint fk_ringing_calls_advisor_id_organisation_id foreign key (advisor_id, organisation_id) references staff_users (id, organisation_id) on delete cascade,
        constraint fk_ringing_calls_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id) references enquiries (id, organisation_id) on delete cascade,
        constraint ck_ringing_calls_linked check ((enquiry_id is null) = (linked_at is null))
      )`);
    await db.query(`create index ix_ringing_calls_rang_at on ringing_calls (rang_at)`);
    await enableTenantIsolation(db, 'ringing_calls');
    await db.query(`grant select, insert, update, delete on ringing_calls to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists ringing_calls`);
  }
}
