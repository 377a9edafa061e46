import { describe, expect, it } from '@jest/globals';
import { asTenant, testDatabase, withClient } from './support/test-app.js';

const TENANT_TABLES = ['services', 'staff_users', 'privacy_notices', 'channel_credentials'];

/** Row-level security, checked below the API with the runtime role the application uses. */
describe('tenant separation in the database', () => {
  it('shows the runtime role nothing of any tenant table when no tenant is set', async () => {
    await withClient(testDatabase().runtimeUrl, async (client) => {
      for (const table of TENANT_TABLES) {
        const { rows } = await client.query(`select count(*)::int as n from ${table}`);
        expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
      }
    });
    // The same tables do hold rows: a tenant sees its own.
    const seen = await asTenant(testDatabase().runtimeUrl, 'lancashire', (client) =>
      client.query(`select count(*)::int as n from services`),
    );
    expect(seen.rows[0].n).toBe(17);
  });

  it('refuses to write a row for another tenant, or for none', async () => {
    const { runtimeUrl } = testDatabase();
    const cambridgeshire = await withClient(runtimeUrl, (client) =>
      client.query(`select id from organisations where slug = 'cambridgeshire'`),
    );
    const otherId = cambridgeshire.rows[0].id as string;
    await expect(
      asTenant(runtimeUrl, 'lancashire', (client) =>
        client.query(`insert into services (organisation_id, code, name, permitted_fields) values ($1, 'planted', 'Planted', '{name}')`, [
          otherId,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withClient(runtimeUrl, (client) =>
        client.query(`insert into services (organisation_id, code, name, permitted_fields) values ($1, 'planted', 'Planted', '{name}')`, [
          otherId,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot read, change or delete another tenant's rows even by naming them", async () => {
    const { runtimeUrl } = testDatabase();
    const result = await asTenant(runtimeUrl, 'cambridgeshire', async (client) => {
      const read = await client.query(`select id from services where code = 'becon'`);
      const updated = await client.query(`update staff_users set disabled = true where email = 'advisor@lancashire.demo'`);
      const deleted = await client
        .query(`delete from privacy_notices where organisation_id <> nullif(current_setting('app.current_tenant', true), '')::uuid`)
        .catch((e: Error) => e);
      return { read: read.rowCount, updated: updated.rowCount, deleted };
    });
    expect(result.read).toBe(0);
    expect(result.updated).toBe(0);
    expect(result.deleted).toBeInstanceOf(Error); // the runtime role has no DELETE on notices at all
  });

  it('cannot bind a user to a service of another organisation (composite key)', async () => {
    const { runtimeUrl } = testDatabase();
    const foreignServiceId = await asTenant(runtimeUrl, 'cambridgeshire', async (client) => {
      const { rows } = await client.query(`select id from services where code = 'highways'`);
      return rows[0].id as string;
    });
    await expect(
      asTenant(runtimeUrl, 'lancashire', (client) =>
        client.query(
          `insert into staff_users (organisation_id, email, display_name, role, service_id, password_hash)
           values (nullif(current_setting('app.current_tenant', true), '')::uuid, 'cross@lancashire.demo', 'Cross', 'service', $1, 'x')`,
          [foreignServiceId],
        ),
      ),
    ).rejects.toThrow(/fk_staff_users_service_id_organisation_id/);
  });

  it('runs requests as a role that is no superuser, has no BYPASSRLS and owns nothing', async () => {
    const role = await withClient(testDatabase().runtimeUrl, async (client) => {
      const { rows } = await client.query(`
        select r.rolsuper, r.rolbypassrls,
               (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
        from pg_roles r where r.rolname = current_user`);
      return rows[0];
    });
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
    await expect(withClient(testDatabase().runtimeUrl, (client) => client.query('create table planted (id int)'))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('forces row-level security on every table with an organisation_id', async () => {
    const tables = await withClient(testDatabase().ownerUrl, async (client) => {
      const { rows } = await client.query(`
        select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from information_schema.columns col
                      where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'organisation_id')`);
      return rows;
    });
    expect(tables.length).toBeGreaterThanOrEqual(TENANT_TABLES.length);
    for (const table of tables) expect(table).toEqual({ table: table.table, enabled: true, forced: true });
  });

  it('finds an account for login through the definer function only, with no more than login needs', async () => {
    const found = await withClient(testDatabase().runtimeUrl, (client) =>
      client.query(`select * from staff_login_lookup('ADVISOR@lancashire.demo')`),
    );
    expect(Object.keys(found.rows[0]).sort()).toEqual(['disabled', 'id', 'organisation_id', 'password_hash']);
    const direct = await withClient(testDatabase().runtimeUrl, (client) =>
      client.query(`select * from staff_users where email = 'advisor@lancashire.demo'`),
    );
    expect(direct.rowCount).toBe(0);
  });
});
