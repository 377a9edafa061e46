import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Legal holds: a person or an enquiry whose records must be kept (litigation, an investigation, a complaint to
 * the Ombudsman) whatever an erasure request or the retention schedule says, until the hold is released.
 */
export class LegalHolds1765700000000 implements MigrationInterface {
  name = 'LegalHolds1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table legal_holds (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        data_subject_id uuid,
        enquiry_id uuid,
        reason text not null,
        placed_by uuid,
        placed_at timestamptz not null default now(),
        released_at timestamptz,
        released_by uuid,
        release_reason text,
        constraint pk_legal_holds primary key (id),
        constraint uq_legal_holds_organisation_id_id unique (organisation_id, id),
        constraint ck_legal_holds_one_target check ((data_subject_id is null) <> (enquiry_id is null)),
        constraint fk_legal_holds_data_subject_id_organisation_id foreign key (data_subject_id, organisation_id)
          references data_subjects (id, organisation_id),
        constraint fk_legal_holds_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id)
      )`);
    await db.query(`create index ix_legal_holds_organisation_id_released_at on legal_holds (organisation_id, released_at)`);
    await enableTenantIsolation(db, 'legal_holds');
    await db.query(`grant select, insert, update on legal_holds to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists legal_holds`);
  }
}
