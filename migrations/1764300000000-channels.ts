import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/** Telephony call logs and their recording references; online-form field mappings. */
export class Channels1764300000000 implements MigrationInterface {
  name = 'Channels1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table call_logs (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        call_id text not null,
        enquiry_id uuid not null,
        direction text not null,
        caller_number text not null,
        queue text,
        agent text,
        disposition text,
        started_at timestamptz not null,
        ended_at timestamptz not null,
        created_at timestamptz not null default now(),
        constraint pk_call_logs primary key (id),
        constraint uq_call_logs_organisation_id_call_id unique (organisation_id, call_id),
        constraint uq_call_logs_organisation_id_id unique (organisation_id, id),
        constraint ck_call_logs_direction check (direction in ('inbound', 'outbound')),
        constraint ck_call_logs_times check (ended_at >= started_at),
        constraint fk_call_logs_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id)
      )`);
    await db.query(`create index ix_call_logs_enquiry_id on call_logs (enquiry_id)`);
    await db.query(`
      create table call_recordings (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        call_log_id uuid not null,
        kind text not null,
        ref text not null,
        recorded_at timestamptz not null,
        retention_class text not null,
        constraint pk_call_recordings primary key (id),
        constraint uq_call_recordings_call_log_id_kind_ref unique (call_log_id, kind, ref),
        constraint ck_call_recordings_kind check (kind in ('audio', 'video')),
        constraint ck_call_recordings_retention_class check (
          (kind = 'audio' and retention_class = 'call_recording_audio') or (kind = 'video' and retention_class = 'call_recording_video')),
        constraint fk_call_recordings_call_log_id_organisation_id foreign key (call_log_id, organisation_id)
          references call_logs (id, organisation_id) on delete cascade
      )`);
    await db.query(`
      create table form_mappings (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        form_id text not null,
        title text not null,
        mapping jsonb not null,
        topic text,
        website_contact_form boolean not null default false,
        processor_location text not null default 'EU',
        created_at timestamptz not null default now(),
        constraint pk_form_mappings primary key (id),
        constraint uq_form_mappings_organisation_id_form_id unique (organisation_id, form_id),
        constraint fk_form_mappings_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade
      )`);
    for (const table of ['call_logs', 'call_recordings', 'form_mappings']) await enableTenantIsolation(db, table);
    await db.query(`grant select, insert, update on call_logs, call_recordings, form_mappings to signpost_runtime`);
    await db.query(`grant delete on call_recordings to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists call_recordings, call_logs, form_mappings`);
  }
}
