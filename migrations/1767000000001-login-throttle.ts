import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins per e-mail address as typed, shared by every instance: keyed by an HMAC of the address (no
 * address is stored, and unknown addresses are counted exactly as known ones). Not an organisation's data, so
 * no row-level security; the runtime role may read and write it and nothing more.
 */
export class LoginThrottle1767000000001 implements MigrationInterface {
  name = 'LoginThrottle1767000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table login_throttle (
        email_key bytea not null,
        failures integer not null,
        blocked_until timestamptz,
        forget_after timestamptz not null,
        constraint pk_login_throttle primary key (email_key),
        constraint ck_login_throttle_failures check (failures > 0)
      )`);
    await db.query(`create index ix_login_throttle_forget_after on login_throttle (forget_after)`);
    await db.query(`grant select, insert, update, delete on login_throttle to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists login_throttle`);
  }
}
