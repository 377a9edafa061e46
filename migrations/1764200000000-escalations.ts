import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/** Escalations (the minimised referral and its delivery state) and the ledger of disclosures. */
export class Escalations1764200000000 implements MigrationInterface {
  name = 'Escalations1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // A receiver that answers 410 Gone has retired the endpoint: nothing more is sent until it is re-saved.
    await db.query(`alter table services add column webhook_disabled_at timestamptz`);
    // Art. 18 restriction: while set, nothing but storage happens to the person's data (set by subject rights).
    await db.query(`alter table data_subjects add column processing_restricted_at timestamptz`);

    await db.query(`
      create table escalations (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        service_id uuid not null,
        message_id text not null,
        fields jsonb not null,
        shared_fields text array not null,
        legal_basis text not null,
        status text not null default 'sent',
        delivery_type text not null,
        delivery_status text not null default 'pending',
        attempts integer not null default 0,
        last_attempt_at timestamptz,
        last_error text,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        acknowledged_at timestamptz,
        closed_at timestamptz,
        outcome text,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_escalations primary key (id),
        constraint uq_escalations_organisation_id_id unique (organisation_id, id),
        constraint uq_escalations_message_id unique (message_id),
        constraint ck_escalations_status check (status in ('sent', 'acknowledged', 'closed')),
        constraint ck_escalations_delivery_type check (delivery_type in ('webhook', 'email', 'portal')),
        constraint ck_escalations_delivery_status check (delivery_status in ('pending', 'delivered', 'available', 'dead')),
        constraint fk_escalations_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id),
        constraint fk_escalations_service_id_organisation_id foreign key (service_id, organisation_id)
          references services (id, organisation_id)
      )`);
    await db.query(
      `create index ix_escalations_organisation_id_service_id_created_at on escalations (organisation_id, service_id, created_at)`,
    );
    await db.query(`create index ix_escalations_organisation_id_delivery_status on escalations (organisation_id, delivery_status)`);
    await db.query(`create index ix_escalations_enquiry_id on escalations (enquiry_id)`);

    await db.query(`
      create table disclosures (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        escalation_id uuid not null,
        enquiry_id uuid not null,
        data_subject_id uuid not null,
        recipient_service_id uuid not null,
        recipient_name text not null,
        fields text array not null,
        legal_basis text not null,
        disclosed_by uuid,
        disclosed_at timestamptz not null default now(),
        delivery_status text not null default 'pending',
        delivered_at timestamptz,
        constraint pk_disclosures primary key (id),
        constraint ck_disclosures_delivery_status check (delivery_status in ('pending', 'delivered', 'available', 'dead')),
        constraint fk_disclosures_escalation_id_organisation_id foreign key (escalation_id, organisation_id)
          references escalations (id, organisation_id)
      )`);
    await db.query(`create index ix_disclosures_organisation_id_data_subject_id on disclosures (organisation_id, data_subject_id)`);
    await db.query(`create index ix_disclosures_escalation_id on disclosures (escalation_id)`);

    for (const table of ['escalations', 'disclosures']) await enableTenantIsolation(db, table);
    await db.query(`grant select, insert, update on escalations, disclosures to signpost_runtime`);
    await db.query(`grant update (webhook_disabled_at) on services to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists disclosures, escalations`);
    await db.query(`alter table services drop column if exists webhook_disabled_at`);
    await db.query(`alter table data_subjects drop column if exists processing_restricted_at`);
  }
}
