import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Organisations (tenants), their privacy notices and channel credentials, the services directory and staff
 * accounts; the runtime role; row-level security on every tenant-owned table.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    // The role the application's runtime login is a member of: owns nothing, never bypasses RLS.
    await db.query(`
      do $$ begin
        if not exists (select from pg_roles where rolname = 'signpost_runtime') then
          create role signpost_runtime nologin nosuperuser nobypassrls nocreatedb nocreaterole;
        end if;
      end $$`);
    await db.query(`grant usage on schema public to signpost_runtime`);

    await db.query(`
      create table organisations (
        id uuid not null default gen_random_uuid(),
        slug text not null,
        name text not null,
        kind text not null,
        default_legal_basis text not null,
        dpo_name text not null,
        dpo_email text not null,
        dpo_postal_address text,
        enquiries_email text,
        business_hours jsonb not null,
        status text not null default 'active',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_organisations primary key (id),
        constraint uq_organisations_slug unique (slug),
        constraint ck_organisations_slug check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        constraint ck_organisations_kind check (kind in ('council', 'customer')),
        constraint ck_organisations_status check (status in ('active', 'offboarding'))
      )`);

    await db.query(`
      create table privacy_notices (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        version text not null,
        title text not null,
        url text,
        body text,
        effective_from date not null,
        published_at timestamptz not null default now(),
        constraint pk_privacy_notices primary key (id),
        constraint uq_privacy_notices_organisation_id_version unique (organisation_id, version),
        constraint ck_privacy_notices_text_or_url check (body is not null or url is not null),
        constraint fk_privacy_notices_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade
      )`);

    await db.query(`
      create table channel_credentials (
        organisation_id uuid not null,
        channel text not null,
        secret text not null,
        previous_secret text,
        verify_token text,
        rotated_at timestamptz not null default now(),
        constraint pk_channel_credentials primary key (organisation_id, channel),
        constraint ck_channel_credentials_channel check (channel in ('phone', 'forms', 'email', 'social')),
        constraint fk_channel_credentials_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade
      )`);

    await db.query(`
      create table services (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        code text not null,
        name text not null,
        permitted_fields text array not null,
        receives_special_category boolean not null default false,
        delivery_type text not null default 'portal',
        webhook_url text,
        webhook_secret text,
        email_address text,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_services primary key (id),
        constraint uq_services_organisation_id_code unique (organisation_id, code),
        constraint uq_services_organisation_id_id unique (organisation_id, id),
        constraint ck_services_code check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        constraint ck_services_permitted_fields check (permitted_fields <@ array['name','dateOfBirth','contactNumber','address','specialRequirements','reasonForReferral','actionsAlreadyTaken']::text[]),
        constraint ck_services_delivery check ((delivery_type = 'webhook' and webhook_url is not null and webhook_secret is not null)
   or (delivery_type = 'email' and email_address is not null)
   or delivery_type = 'portal'),
        constraint fk_services_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade
      )`);

    await db.query(`
      create table staff_users (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        email text not null,
        display_name text not null,
        password_hash text not null,
        role text not null,
        service_id uuid,
        disabled boolean not null default false,
        token_version integer not null default 0,
        last_login_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint pk_staff_users primary key (id),
        constraint uq_staff_users_email unique (email),
        constraint ck_staff_users_role check (role in ('advisor', 'supervisor', 'service', 'dpo', 'admin')),
        constraint ck_staff_users_service_binding check ((role = 'service') = (service_id is not null)),
        constraint ck_staff_users_email_lower check (email = lower(email)),
        constraint fk_staff_users_organisation_id foreign key (organisation_id)
          references organisations (id) on delete cascade,
        constraint fk_staff_users_service_id_organisation_id foreign key (service_id, organisation_id)
          references services (id, organisation_id)
      )`);

    // Organisations: the tenant registry. Everyone may resolve a slug (public chat and channel routes do);
    // an organisation's own staff may update its row; rows are created by provisioning with the tenant set.
    await db.query(`alter table organisations enable row level security`);
    await db.query(`alter table organisations force row level security`);
    await db.query(`create policy organisations_resolvable on organisations for select using (true)`);
    await db.query(`
      create policy organisations_own_row_update on organisations for update
        using (id = nullif(current_setting('app.current_tenant', true), '')::uuid)
        with check (id = nullif(current_setting('app.current_tenant', true), '')::uuid)`);
    await db.query(`
      create policy organisations_provisioning on organisations for insert
        with check (id = nullif(current_setting('app.current_tenant', true), '')::uuid)`);
    await db.query(`grant select on organisations to signpost_runtime`);
    await db.query(`
      grant update (name, default_legal_basis, dpo_name, dpo_email, dpo_postal_address, enquiries_email,
                    business_hours, updated_at) on organisations to signpost_runtime`);

    for (const table of ['privacy_notices', 'channel_credentials', 'services', 'staff_users']) {
      await enableTenantIsolation(db, table);
    }
    await db.query(`grant select, insert, update on privacy_notices, channel_credentials, services, staff_users to signpost_runtime`);

    // Login happens before the tenant is known: one definer function finds one account by e-mail. It runs as
    // the schema owner, whom this policy (and only this policy) lets read staff accounts across tenants.
    await db.query(`create policy staff_users_login_lookup on staff_users for select to current_user using (true)`);
    await db.query(`
      create function staff_login_lookup(p_email text)
      returns table (id uuid, organisation_id uuid, password_hash text, disabled boolean)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id, organisation_id, password_hash, disabled from staff_users where email = lower(p_email) $$`);
    await db.query(`revoke all on function staff_login_lookup(text) from public`);
    await db.query(`grant execute on function staff_login_lookup(text) to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists staff_login_lookup(text)`);
    await db.query(`drop table if exists staff_users, services, channel_credentials, privacy_notices, organisations`);
  }
}
