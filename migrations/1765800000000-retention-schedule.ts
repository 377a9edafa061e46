import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * An organisation's changes to the default retention schedule: one period per record type it has changed. The
 * default (src/retention/retention-schedule.ts) holds for the rest.
 */
export class RetentionSchedule1765800000000 implements MigrationInterface {
  name = 'RetentionSchedule1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table retention_rules (
        organisation_id uuid not null,
        record_type text not null,
        period text not null,
        reason text not null,
        updated_by uuid,
        updated_at timestamptz not null default now(),
        constraint pk_retention_rules primary key (organisation_id, record_type),
        constraint ck_retention_rules_record_type check (record_type in ('call_recording_audio', 'call_recording_video', 'phone_contact', 'email_contact', 'social_media_contact', 'webchat', 'online_form', 'website_contact_form', 'internal_enquiry', 'referral', 'subject_request')),
        constraint fk_retention_rules_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade
      )`);
    await enableTenantIsolation(db, 'retention_rules');
    await db.query(`grant select, insert, update, delete on retention_rules to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists retention_rules`);
  }
}
