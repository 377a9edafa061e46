import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Wrap-up outcome codes (issue 23): each organisation's codes and whether resolving or closing needs one (no rows
 * until it sets its own: the defaults apply), and on each enquiry the outcome recorded, when and by whom.
 */
export class OutcomeCodes1767710000000 implements MigrationInterface {
  name = 'OutcomeCodes1767710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table outcome_codes (
        organisation_id uuid not null,
        code text not null,
        label text not null,
        active boolean not null default true,
        position int not null,
        constraint pk_outcome_codes primary key (organisation_id, code),
        constraint fk_outcome_codes_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade
      )`);
    await enableTenantIsolation(db, 'outcome_codes');
    await db.query(`grant select, insert, update, delete on outcome_codes to signpost_runtime`);
    await db.query(`
      create table wrap_up_settings (
        organisation_id uuid not null,
        outcome_required boolean not null default false,
        updated_by uuid,
        updated_at timestamptz not null default now(),
        constraint pk_wrap_up_settings primary key (organisation_id),
        constraint fk_wrap_up_settings_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade
      )`);
    await enableTenantIsolation(db, 'wrap_up_settings');
    await db.query(`grant select, insert, update on wrap_up_settings to signpost_runtime`);
    await db.query(`
      alter table enquiries
        add column outcome_code text,
        add column outcome_at timestamptz,
        add column outcome_by uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table enquiries
        drop column if exists outcome_code,
        drop column if exists outcome_at,
        drop column if exists outcome_by`);
    await db.query(`drop table if exists wrap_up_settings`);
    await db.query(`drop table if exists outcome_codes`);
  }
}
