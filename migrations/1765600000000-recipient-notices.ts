import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * The notice ledger (UK GDPR Art. 19): every rectification, erasure or restriction told to a service that received
 * the person's data, as an outbox row delivered like an escalation (same adapters, lease, backoff and dead letter).
 * A rectification notice carries the corrected values of the fields that service received, nothing more.
 */
export class RecipientNotices1765600000000 implements MigrationInterface {
  name = 'RecipientNotices1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table recipient_notices (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        subject_request_id uuid not null,
        escalation_id uuid not null,
        service_id uuid not null,
        recipient_name text not null,
        kind text not null,
        message_id text not null,
        fields jsonb not null default '{}',
        delivery_type text not null,
        delivery_status text not null default 'pending',
        attempts integer not null default 0,
        last_attempt_at timestamptz,
        last_error text,
        next_attempt_at timestamptz,
        attempt_lease_until timestamptz,
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        constraint pk_recipient_notices primary key (id),
        constraint uq_recipient_notices_message_id unique (message_id),
        constraint ck_recipient_notices_kind check (kind in ('rectification', 'erasure', 'restriction', 'restriction_lifted')),
        constraint ck_recipient_notices_delivery_type check (delivery_type in ('webhook', 'email', 'portal')),
        constraint ck_recipient_notices_delivery_status check (delivery_status in ('pending', 'delivered', 'available', 'dead')),
        constraint fk_recipient_notices_subject_request_id_organisation_id foreign key (subject_request_id, organisation_id)
          references subject_requests (id, organisation_id),
        constraint fk_recipient_notices_escalation_id_organisation_id foreign key (escalation_id, organisation_id)
          references escalations (id, organisation_id)
      )`);
    await db.query(`create index ix_recipient_notices_subject_request_id on recipient_notices (subject_request_id)`);
    await db.query(`create index ix_recipient_notices_escalation_id on recipient_notices (escalation_id)`);
    await enableTenantIsolation(db, 'recipient_notices');
    await db.query(`grant select, insert, update on recipient_notices to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists recipient_notices`);
  }
}
