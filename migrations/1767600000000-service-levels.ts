import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Service levels (issue 23): each organisation's targets (one row, none until it sets any: the defaults apply), and on
 * each enquiry the due times worked out at intake in the organisation's opening hours, when each becomes at risk
 * (80 % of its working time), and when the first response was given. The state is read from these and the clock.
 */
export class ServiceLevels1767600000000 implements MigrationInterface {
  name = 'ServiceLevels1767600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table service_levels (
        organisation_id uuid not null,
        targets jsonb not null,
        updated_by uuid,
        updated_at timestamptz not null default now(),
        constraint pk_service_levels primary key (organisation_id),
        constraint fk_service_levels_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade
      )`);
    await enableTenantIsolation(db, 'service_levels');
    await db.query(`grant select, insert, update on service_levels to signpost_runtime`);
    await db.query(`
      alter table enquiries
        add column first_response_due_at timestamptz,
        add column first_response_at_risk_at timestamptz,
        add column first_responded_at timestamptz,
        add column resolution_due_at timestamptz,
        add column resolution_at_risk_at timestamptz`);
    // The at-risk and breached lists read only enquiries still open (a partial index kept out of TypeORM's synchronisation).
    await db.query(`
      create index ix_enquiries_sla_open on enquiries (organisation_id, resolution_due_at)
      where status not in ('resolved', 'closed') and resolution_due_at is not null`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists ix_enquiries_sla_open`);
    await db.query(`
      alter table enquiries
        drop column if exists first_response_due_at,
        drop column if exists first_response_at_risk_at,
        drop column if exists first_responded_at,
        drop column if exists resolution_due_at,
        drop column if exists resolution_at_risk_at`);
    await db.query(`drop table if exists service_levels`);
  }
}
