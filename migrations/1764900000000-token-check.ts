import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account check every authenticated request makes, as one definer function: a single round trip instead
 * of a tenant transaction. It returns only what the check needs, for one account of one organisation.
 */
export class TokenCheck1764900000000 implements MigrationInterface {
  name = 'TokenCheck1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create function staff_token_state(p_user uuid, p_organisation uuid)
      returns table (role text, service_id uuid, disabled boolean, token_version integer)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select role, service_id, disabled, token_version from staff_users where id = p_user and organisation_id = p_organisation $$`);
    await db.query(`revoke all on function staff_token_state(uuid, uuid) from public`);
    await db.query(`grant execute on function staff_token_state(uuid, uuid) to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists staff_token_state(uuid, uuid)`);
  }
}
