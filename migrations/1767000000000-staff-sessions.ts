import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Sign-ins held by the server: one row per sign-in, naming the one access token of it that currently stands
 * (renewal swaps it, sign-out ends the row). The per-request account check becomes `staff_access_state`, which
 * answers for the account and its sign-in in the same single round trip as before.
 */
export class StaffSessions1767000000000 implements MigrationInterface {
  name = 'StaffSessions1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table staff_sessions (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        user_id uuid not null,
        token_id uuid not null,
        auth_time timestamptz not null,
        expires_at timestamptz not null,
        ended_at timestamptz,
        constraint pk_staff_sessions primary key (id),
        constraint fk_staff_sessions_user_id_organisation_id foreign key (user_id, organisation_id)
          references staff_users (id, organisation_id) on delete cascade
      )`);
    await db.query(`create index ix_staff_sessions_user_id on staff_sessions (user_id)`);
    await enableTenantIsolation(db, 'staff_sessions');
    await db.query(`grant select, insert, update, delete on staff_sessions to signpost_runtime`);

    // The check runs before a tenant is set, as the schema owner: this policy (and only this one) lets the owner
    // read sign-ins across tenants, as staff_users_login_lookup does for accounts.
    await db.query(`create policy staff_sessions_access_check on staff_sessions for select to current_user using (true)`);
    await db.query(`
      create function staff_access_state(p_user uuid, p_organisation uuid, p_session uuid)
      returns table (role text, service_id uuid, disabled boolean, token_version integer, session_token_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select u.role, u.service_id, u.disabled, u.token_version,
               (select s.token_id from staff_sessions s
                 where s.id = p_session and s.user_id = p_user and s.organisation_id = p_organisation and s.ended_at is null)
          from staff_users u
         where u.id = p_user and u.organisation_id = p_organisation
      $$`);
    await db.query(`revoke all on function staff_access_state(uuid, uuid, uuid) from public`);
    await db.query(`grant execute on function staff_access_state(uuid, uuid, uuid) to signpost_runtime`);
    // Tokens without a sign-in are refused from now on: the account-only check goes.
    await db.query(`drop function if exists staff_token_state(uuid, uuid)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      create function staff_token_state(p_user uuid, p_organisation uuid)
      returns table (role text, service_id uuid, disabled boolean, token_version integer)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select role, service_id, disabled, token_version from staff_users where id = p_user and organisation_id = p_organisation $$`);
    await db.query(`revoke all on function staff_token_state(uuid, uuid) from public`);
    await db.query(`grant execute on function staff_token_state(uuid, uuid) to signpost_runtime`);
    await db.query(`drop function if exists staff_access_state(uuid, uuid, uuid)`);
    await db.query(`drop table if exists staff_sessions`);
  }
}
