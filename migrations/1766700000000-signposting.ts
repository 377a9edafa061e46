import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Signposting elsewhere: the organisations an advisor may direct a citizen to (district councils, the NHS, the police,
 * advice charities), per organisation, and on an enquiry resolved that way, which one it was.
 */
export class Signposting1766700000000 implements MigrationInterface {
  name = 'Signposting1766700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table signposting_destinations (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        code text not null,
        name text not null,
        kind text not null,
        contact text,
        description text,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_signposting_destinations primary key (id),
        constraint uq_signposting_destinations_organisation_id_code unique (organisation_id, code),
        constraint ck_signposting_destinations_code check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        constraint ck_signposting_destinations_kind check (kind in ('district_council', 'nhs', 'police', 'charity', 'government', 'other')),
        constraint fk_signposting_destinations_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade
      )`);
    await enableTenantIsolation(db, 'signposting_destinations');
    await db.query(`grant select, insert, update on signposting_destinations to signpost_runtime`);
    await db.query(`alter table enquiries add column signposted_to text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table enquiries drop column if exists signposted_to`);
    await db.query(`drop table if exists signposting_destinations`);
  }
}
