import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { suffix } from '../support/security.js';
import { startTestApp, testDatabase, withClient } from '../support/test-app.js';

/** The same server and database as the owner's URL, as another login. */
function urlAs(login: string, password: string): string {
  const url = new URL(testDatabase().ownerUrl);
  url.username = login;
  url.password = password;
  return url.toString();
}

/**
 * The embedded test server's superuser (the global setup's generated password): since PostgreSQL 16 only a role
 * with ADMIN OPTION on the owner role, which the owner itself lacks, may grant it to another. Absent when the
 * suite runs against a DATABASE_URL of its own.
 */
function superuserUrl(): string | undefined {
  const file = path.join(process.env.SIGNPOST_TEST_DATA_DIR ?? '', 'local-secrets.json');
  if (process.env.DATABASE_URL || !existsSync(file)) return undefined;
  const url = new URL(testDatabase().ownerUrl);
  url.username = 'postgres';
  url.password = (JSON.parse(readFileSync(file, 'utf8')) as { superuserPassword: string }).superuserPassword;
  return url.toString();
}

/**
 * The start-up check of the runtime login looks through role membership: a login that is a member, directly or
 * through other roles, of the owner role, of a role owning a table of the application, or of a BYPASSRLS role,
 * could step around row-level security, and the service refuses to start with it.
 */
describe('the runtime database login is confined, whatever roles it is a member of', () => {
  const tag = suffix();
  const password = `pw-${suffix()}${suffix()}`;
  const roles = {
    ownerMember: `rt_owner_member_${tag}`,
    tableOwner: `rt_table_owner_${tag}`,
    middle: `rt_middle_${tag}`,
    indirect: `rt_indirect_${tag}`,
    bypassGroup: `rt_bypass_group_${tag}`,
    bypassMember: `rt_bypass_member_${tag}`,
  };
  const table = `zz_runtime_role_probe_${tag}`;
  const admin = superuserUrl();

  beforeAll(async () => {
    const { ownerUrl } = testDatabase();
    await withClient(ownerUrl, async (owner) => {
      const login = (role: string) =>
        owner.query(`create role ${role} login nosuperuser nobypassrls inherit password '${password}' in role signpost_runtime`);
      // A role owning a table of the application, reached through another role: login → middle → table owner.
      await owner.query(`create role ${roles.tableOwner} nologin`);
      await owner.query(`grant ${roles.tableOwner} to current_user with set true`);
      await owner.query(`grant create on schema public to ${roles.tableOwner}`);
      await owner.query(`create table ${table} (id int)`);
      await owner.query(`alter table ${table} owner to ${roles.tableOwner}`);
      await owner.query(`create role ${roles.middle} nologin in role ${roles.tableOwner}`);
      await login(roles.indirect);
      await owner.query(`grant ${roles.middle} to ${roles.indirect}`);
    });
    if (admin) {
      await withClient(admin, async (superuser) => {
        // A login granted the owner role. Since PostgreSQL 16 the owner cannot grant itself (no ADMIN OPTION on
        // itself), and a role it created already has the owner as a member, so the superuser makes this one.
        await superuser.query(
          `create role ${roles.ownerMember} login nosuperuser nobypassrls inherit password '${password}' in role signpost_runtime, signpost_owner`,
        );
        await superuser.query(`create role ${roles.bypassGroup} nologin bypassrls`);
        await superuser.query(
          `create role ${roles.bypassMember} login nosuperuser nobypassrls password '${password}' in role signpost_runtime, ${roles.bypassGroup}`,
        );
      });
    }
  });

  afterAll(async () => {
    if (admin)
      await withClient(admin, (c) =>
        c.query(`drop role if exists ${roles.bypassMember}, ${roles.bypassGroup}, ${roles.ownerMember}`),
      ).catch(() => undefined);
    await withClient(testDatabase().ownerUrl, async (owner) => {
      await owner.query(`drop table if exists ${table}`);
      await owner.query(`revoke create on schema public from ${roles.tableOwner}`);
      await owner.query(`drop role if exists ${roles.indirect}, ${roles.middle}, ${roles.tableOwner}`);
    });
  });

  // These two need the embedded server's superuser (the global setup's); against a DATABASE_URL of the suite's own they are skipped.
  (admin ? it : it.skip)(
    'refuses to start with a login that is a member of the owner role, naming the role, never the password',
    async () => {
      const started = startTestApp({ DATABASE_RUNTIME_URL: urlAs(roles.ownerMember, password) });
      await expect(started).rejects.toThrow(/exited with 1 before listening/);
      const message = String(await started.catch((error: Error) => error.message));
      expect(message).toContain('Signpost could not start: The runtime database role ');
      expect(message).toContain(`is a member of "signpost_owner", which owns tables or schemas of the application (public, pgboss)`);
      expect(message).toContain('row-level security would not hold');
      expect(message).not.toContain(password);
    },
  );

  it('refuses a login that owns tables of the application through a chain of roles', async () => {
    const message = await startTestApp({ DATABASE_RUNTIME_URL: urlAs(roles.indirect, password) }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(message).toContain(
      `The runtime database role is a member of "${roles.tableOwner}", which owns tables or schemas of the application (public, pgboss)`,
    );
    expect(message).not.toContain(password);
  });

  (admin ? it : it.skip)('refuses a login that is a member of a BYPASSRLS role', async () => {
    const message = await startTestApp({ DATABASE_RUNTIME_URL: urlAs(roles.bypassMember, password) }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(message).toContain(`The runtime database role is a member of "${roles.bypassGroup}", which has BYPASSRLS`);
  });

  it('starts with the runtime login the service manages (a member of signpost_runtime only)', async () => {
    const app = await startTestApp();
    try {
      await request(app.url).get('/health').expect(200);
      expect(app.output()).not.toContain('row-level security would not hold');
    } finally {
      await app.stop();
    }
  });
});
