import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Retention sweeps: when an enquiry's or a person's personal data was erased (by a sweep or an erasure request),
 * the record of every sweep with its counts, and the indexes that let a sweep find what has expired without
 * reading everything: partial indexes over records still holding personal data, so they shrink as sweeps work.
 * The expression and partial indexes are declared to TypeORM as not synchronised (see the entities).
 */
export class RetentionSweeps1766100000000 implements MigrationInterface {
  name = 'RetentionSweeps1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table enquiries add column erased_at timestamptz`);
    await db.query(`alter table data_subjects add column erased_at timestamptz`);
    // Enquiries erased by requests before this migration are marked, so sweeps do not count them again.
    await db.query(`update enquiries set erased_at = updated_at where description = '[erased]'`);
    await db.query(`update data_subjects set erased_at = updated_at where name = '[erased]'`);
    await db.query(`
      create index ix_enquiries_retention_due on enquiries (organisation_id, retention_class, (greatest(resolved_at, escalated_at, closed_at)))
      where erased_at is null`);
    await db.query(
      `create index ix_enquiries_retention_submitted on enquiries (organisation_id, retention_class, created_at) where erased_at is null`,
    );
    await db.query(`create index ix_escalations_retention_due on escalations (organisation_id, created_at) where fields <> '{}'::jsonb`);
    await db.query(
      `create index ix_call_recordings_organisation_id_kind_recorded_at on call_recordings (organisation_id, kind, recorded_at)`,
    );
    await db.query(`create index ix_social_conversations_enquiry_id on social_conversations (enquiry_id)`);
    await db.query(`
      create table retention_sweeps (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        dry_run boolean not null,
        trigger text not null,
        status text not null default 'running',
        as_of date not null,
        erased jsonb not null default '{}',
        held jsonb not null default '{}',
        held_records jsonb not null default '[]',
        failed jsonb not null default '{}',
        requested_by uuid,
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        constraint pk_retention_sweeps primary key (id),
        constraint ck_retention_sweeps_trigger check (trigger in ('scheduled', 'on_demand', 'offboarding')),
        constraint ck_retention_sweeps_status check (status in ('running', 'completed', 'failed')),
        constraint fk_retention_sweeps_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade
      )`);
    await db.query(`create index ix_retention_sweeps_organisation_id_started_at on retention_sweeps (organisation_id, started_at)`);
    // One real sweep at a time per organisation (dry runs only read).
    await db.query(
      `create unique index uq_retention_sweeps_running on retention_sweeps (organisation_id) where status = 'running' and not dry_run`,
    );
    await enableTenantIsolation(db, 'retention_sweeps');
    await db.query(`grant select, insert, update on retention_sweeps to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists retention_sweeps`);
    for (const index of [
      'ix_social_conversations_enquiry_id',
      'ix_call_recordings_organisation_id_kind_recorded_at',
      'ix_escalations_retention_due',
      'ix_enquiries_retention_submitted',
      'ix_enquiries_retention_due',
    ]) {
      await db.query(`drop index if exists ${index}`);
    }
    await db.query(`alter table data_subjects drop column if exists erased_at`);
    await db.query(`alter table enquiries drop column if exists erased_at`);
  }
}
