import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Subject-rights requests (UK GDPR Arts. 15–21 and withdrawal of consent) with the statutory clock's facts:
 * when the request, the identity evidence and any proof of authority arrived, clarification pauses, an extension,
 * and the history of every due date it has had. The identity evidence is the type of document seen, never a copy.
 */
export class SubjectRequests1765300000000 implements MigrationInterface {
  name = 'SubjectRequests1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table subject_requests (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        type text not null,
        status text not null default 'awaiting_identity',
        channel text not null default 'internal',
        subject jsonb not null,
        representative jsonb,
        received_on date not null,
        identity_evidence text,
        identity_received_on date,
        authority_evidence text,
        authority_received_on date,
        pauses jsonb not null default '[]',
        extended_on date,
        extension_reason text,
        due_on date not null,
        clock_history jsonb not null default '[]',
        closed_at timestamptz,
        outcome text,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_subject_requests primary key (id),
        constraint uq_subject_requests_organisation_id_id unique (organisation_id, id),
        constraint ck_subject_requests_type check (type in ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdraw_consent')),
        constraint ck_subject_requests_status check (status in ('awaiting_identity', 'awaiting_authority', 'in_progress', 'paused', 'completed', 'refused')),
        constraint fk_subject_requests_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade
      )`);
    await db.query(`create index ix_subject_requests_organisation_id_status_due_on on subject_requests (organisation_id, status, due_on)`);
    await enableTenantIsolation(db, 'subject_requests');
    await db.query(`grant select, insert, update on subject_requests to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists subject_requests`);
  }
}
