import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Data subjects with normalised search keys, enquiries and their timeline, consent records, and the
 * append-only audit log with one hash chain per organisation.
 */
export class EnquiriesConsentAudit1764100000000 implements MigrationInterface {
  name = 'EnquiriesConsentAudit1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // Statutory services should not rely on legitimate interests (UK GDPR Art. 6(1), last paragraph).
    await db.query(`alter table services add column statutory boolean not null default false`);

    await db.query(`
      create table data_subjects (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        name text not null,
        name_key text not null,
        date_of_birth date,
        postal_address text,
        postcode text,
        postcode_key text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_data_subjects primary key (id),
        constraint uq_data_subjects_organisation_id_id unique (organisation_id, id),
        constraint fk_data_subjects_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade
      )`);
    await db.query(`create index ix_data_subjects_organisation_id_name_key on data_subjects (organisation_id, name_key)`);
    await db.query(`create index ix_data_subjects_organisation_id_postcode_key on data_subjects (organisation_id, postcode_key)`);
    await db.query(`create index ix_data_subjects_organisation_id_date_of_birth on data_subjects (organisation_id, date_of_birth)`);

    await db.query(`
      create table data_subject_identifiers (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        data_subject_id uuid not null,
        kind text not null,
        value text not null,
        key text not null,
        created_at timestamptz not null default now(),
        constraint pk_data_subject_identifiers primary key (id),
        constraint uq_data_subject_identifiers_data_subject_id_kind_key unique (data_subject_id, kind, key),
        constraint ck_data_subject_identifiers_kind check (kind in ('phone', 'email')),
        constraint fk_data_subject_identifiers_data_subject_id_organisation_id foreign key (data_subject_id, organisation_id)
          references data_subjects (id, organisation_id) on delete cascade
      )`);
    await db.query(
      `create index ix_data_subject_identifiers_organisation_id_kind_key on data_subject_identifiers (organisation_id, kind, key)`,
    );

    await db.query(`alter table staff_users add constraint uq_staff_users_id_organisation_id unique (id, organisation_id)`);
    await db.query(`
      create table enquiries (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        reference text not null,
        channel text not null,
        source_reference text,
        requester_type text not null,
        data_subject_id uuid not null,
        topic text,
        description text not null,
        status text not null default 'new',
        assignee_id uuid,
        legal_basis text not null,
        special_category boolean not null default false,
        special_categories text array not null default '{}',
        special_category_details text,
        special_category_redacted_at timestamptz,
        retention_class text not null,
        resolution_advice text,
        knowledge_article_id uuid,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        resolved_at timestamptz,
        escalated_at timestamptz,
        closed_at timestamptz,
        constraint pk_enquiries primary key (id),
        constraint uq_enquiries_organisation_id_reference unique (organisation_id, reference),
        constraint uq_enquiries_organisation_id_id unique (organisation_id, id),
        constraint ck_enquiries_channel check (channel in ('phone', 'email', 'webchat', 'social', 'form', 'internal')),
        constraint ck_enquiries_requester_type check (requester_type in ('citizen', 'employee', 'volunteer', 'contractor')),
        constraint ck_enquiries_status check (status in ('new', 'in_progress', 'resolved', 'escalated', 'closed')),
        constraint ck_enquiries_legal_basis check (legal_basis in ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
        constraint ck_enquiries_special_category check (special_category = (cardinality(special_categories) > 0)),
        constraint fk_enquiries_data_subject_id_organisation_id foreign key (data_subject_id, organisation_id)
          references data_subjects (id, organisation_id),
        constraint fk_enquiries_assignee_id_organisation_id foreign key (assignee_id, organisation_id)
          references staff_users (id, organisation_id)
      )`);
    await db.query(
      `create unique index uq_enquiries_source on enquiries (organisation_id, channel, source_reference) where source_reference is not null`,
    );
    await db.query(`create index ix_enquiries_organisation_id_status_created_at on enquiries (organisation_id, status, created_at)`);
    await db.query(`create index ix_enquiries_organisation_id_data_subject_id on enquiries (organisation_id, data_subject_id)`);

    await db.query(`
      create table enquiry_events (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        kind text not null,
        author_type text not null,
        author_id uuid,
        body text,
        metadata jsonb not null default '{}',
        created_at timestamptz not null default now(),
        constraint pk_enquiry_events primary key (id),
        constraint ck_enquiry_events_kind check (kind in ('message', 'call_note', 'note', 'email', 'advice', 'system')),
        constraint ck_enquiry_events_author_type check (author_type in ('staff', 'citizen', 'system', 'service')),
        constraint fk_enquiry_events_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    await db.query(`create index ix_enquiry_events_enquiry_id_created_at on enquiry_events (enquiry_id, created_at)`);

    await db.query(`
      create table consent_records (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        data_subject_id uuid not null,
        purpose text not null,
        special_categories text array not null default '{}',
        method text not null,
        privacy_notice_version text not null,
        given_at timestamptz not null default now(),
        recorded_by uuid,
        withdrawn_at timestamptz,
        withdrawn_by uuid,
        withdrawal_method text,
        constraint pk_consent_records primary key (id),
        constraint ck_consent_records_purpose check (purpose in ('processing', 'special_category')),
        constraint ck_consent_records_method check (method in ('verbal', 'written', 'checkbox', 'electronic')),
        constraint ck_consent_records_withdrawal_method check (withdrawal_method is null or withdrawal_method in ('verbal', 'written', 'checkbox', 'electronic')),
        constraint fk_consent_records_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade,
        constraint fk_consent_records_data_subject_id_organisation_id foreign key (data_subject_id, organisation_id)
          references data_subjects (id, organisation_id)
      )`);
    await db.query(`create index ix_consent_records_enquiry_id on consent_records (enquiry_id)`);

    for (const table of ['data_subjects', 'data_subject_identifiers', 'enquiries', 'enquiry_events', 'consent_records']) {
      await enableTenantIsolation(db, table);
    }
    await db.query(
      `grant select, insert, update on data_subjects, data_subject_identifiers, enquiries, enquiry_events, consent_records to signpost_runtime`,
    );
    // Erasure and retention (later) delete these rows; the runtime role may delete only within its tenant.
    await db.query(`grant delete on data_subject_identifiers, enquiry_events to signpost_runtime`);

    // The audit log: ids and field names only, never personal values, so erasure never breaks the chain.
    await db.query(`
      create table audit_entries (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        seq bigint not null,
        occurred_at timestamptz not null,
        actor_type text not null,
        actor_id uuid,
        action text not null,
        entity_type text not null,
        entity_id uuid,
        fields text array not null default '{}',
        details jsonb not null default '{}',
        correlation_id text,
        prev_hash text not null,
        hash text not null,
        constraint pk_audit_entries primary key (id),
        constraint uq_audit_entries_organisation_id_seq unique (organisation_id, seq),
        constraint ck_audit_entries_actor_type check (actor_type in ('staff', 'citizen', 'system', 'channel')),
        constraint fk_audit_entries_organisation_id foreign key (organisation_id) references organisations (id)
      )`);
    await db.query(
      `create index ix_audit_entries_organisation_id_entity_type_entity_id on audit_entries (organisation_id, entity_type, entity_id)`,
    );
    await db.query(`
      create table audit_chain_heads (
        organisation_id uuid not null,
        seq bigint not null,
        hash text not null,
        constraint pk_audit_chain_heads primary key (organisation_id),
        constraint fk_audit_chain_heads_organisation_id foreign key (organisation_id) references organisations (id)
      )`);
    for (const table of ['audit_entries', 'audit_chain_heads']) await enableTenantIsolation(db, table);
    await db.query(`grant select, insert on audit_entries to signpost_runtime`);
    await db.query(`grant select, insert, update (seq, hash) on audit_chain_heads to signpost_runtime`);
    // Append-only, whoever asks: rows can be added, never changed or removed.
    await db.query(`
      create function audit_entries_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit entries are append-only' using errcode = 'insufficient_privilege';
      end $$`);
    await db.query(`
      create trigger audit_entries_append_only before update or delete on audit_entries
      for each row execute function audit_entries_append_only()`);
    await db.query(`
      create trigger audit_entries_no_truncate before truncate on audit_entries
      for each statement execute function audit_entries_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `drop table if exists audit_chain_heads, audit_entries, consent_records, enquiry_events, enquiries, data_subject_identifiers, data_subjects`,
    );
    await db.query(`drop function if exists audit_entries_append_only()`);
    await db.query(`alter table staff_users drop constraint if exists uq_staff_users_id_organisation_id`);
    await db.query(`alter table services drop column if exists statutory`);
  }
}
