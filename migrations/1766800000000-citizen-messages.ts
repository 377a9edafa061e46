import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Messages to citizens (acknowledgements by e-mail and SMS) sent through GOV.UK Notify when the organisation uses
 * it: its Notify API key (sealed) and template ids, and one row per message with its delivery status.
 */
export class CitizenMessages1766800000000 implements MigrationInterface {
  name = 'CitizenMessages1766800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table organisations add column notify_api_key text, add column notify_templates jsonb not null default '{}'`);
    await db.query(`grant update (notify_api_key, notify_templates) on organisations to signpost_runtime`);
    await db.query(`
      create table citizen_messages (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid,
        kind text not null,
        recipient text not null,
        personalisation jsonb not null default '{}',
        status text not null default 'pending',
        provider_id text,
        attempts integer not null default 0,
        last_error text,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        status_checked_at timestamptz,
        constraint pk_citizen_messages primary key (id),
        constraint ck_citizen_messages_kind check (kind in ('acknowledgement_email', 'acknowledgement_sms')),
        constraint ck_citizen_messages_status check (status in ('pending', 'sending', 'delivered', 'failed', 'dead')),
        constraint fk_citizen_messages_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    await db.query(`create index ix_citizen_messages_enquiry_id on citizen_messages (enquiry_id)`);
    await enableTenantIsolation(db, 'citizen_messages');
    await db.query(`grant select, insert, update on citizen_messages to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists citizen_messages`);
    await db.query(`alter table organisations drop column if exists notify_api_key, drop column if exists notify_templates`);
  }
}
