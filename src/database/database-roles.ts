import pg from 'pg';

export const RUNTIME_GROUP = 'signpost_runtime';
export const RUNTIME_LOGIN = 'signpost_app';

/**
 * Creates (or re-keys) the runtime login role as a member of `signpost_runtime`, using the owner connection
 * (which needs CREATEROLE), and returns its connection URL. Used when DATABASE_RUNTIME_URL is not given.
 */
export async function ensureRuntimeLogin(ownerUrl: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'signpost-setup' });
  await client.connect();
  try {
    const literal = client.escapeLiteral(password);
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [RUNTIME_LOGIN]);
    if (exists.rowCount === 0) {
      await client.query(`create role ${RUNTIME_LOGIN} login nosuperuser nobypassrls nocreatedb nocreaterole inherit password ${literal}`);
    } else {
      // Attributes are checked, not altered, at start (assertRuntimeRoleIsConfined): changing BYPASSRLS
      // needs a superuser even to remove it.
      await client.query(`alter role ${RUNTIME_LOGIN} with login password ${literal}`);
    }
    await client.query(`grant ${RUNTIME_GROUP} to ${RUNTIME_LOGIN}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = RUNTIME_LOGIN;
  url.password = password;
  return url.toString();
}

/**
 * Refuses a runtime connection that could step around row-level security: a superuser, a role with
 * BYPASSRLS, or one that owns tables.
 */
export async function assertRuntimeRoleIsConfined(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<void> {
  const [role] = await query(`
    select r.rolsuper as superuser, r.rolbypassrls as bypass,
           (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind in ('r', 'p')) as owned
    from pg_roles r where r.rolname = current_user`);
  const problems: string[] = [];
  if (role?.superuser) problems.push('is a superuser');
  if (role?.bypass) problems.push('has BYPASSRLS');
  if (Number(role?.owned ?? 0) > 0) problems.push('owns tables');
  if (problems.length > 0) {
    throw new Error(`The runtime database role ${problems.join(', ')}: row-level security would not hold. Use a role without these.`);
  }
}
