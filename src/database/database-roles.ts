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

/** The schemas holding the application's tables: the business tables and the job queue's. */
export const APPLICATION_SCHEMAS = ['public', 'pgboss'] as const;

/**
 * Every role the runtime login is, or may become (itself, and every role it is a member of, directly or through
 * other roles: `pg_has_role(..., 'MEMBER')`), that could step around row-level security: a superuser, a role with
 * BYPASSRLS, or one owning a table or a schema of the application (an owner is exempt from RLS unless forced,
 * and may alter or drop the policies).
 */
const RUNTIME_ROLE_POWERS = `
  with runtime as (select oid from pg_roles where rolname = current_user),
  app_schemas as (select oid, nspowner from pg_namespace where nspname in (${APPLICATION_SCHEMAS.map((schema) => `'${schema}'`).join(', ')})),
  owners as (
    select c.relowner as role from pg_class c join app_schemas n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    union select nspowner from app_schemas
  )
  select m.rolname as role, m.oid = r.oid as itself, m.rolsuper as superuser, m.rolbypassrls as bypass,
         m.oid in (select role from owners) as owner
  from runtime r join pg_roles m on pg_has_role(r.oid, m.oid, 'MEMBER')
  where m.rolsuper or m.rolbypassrls or m.oid in (select role from owners)
  order by m.oid <> r.oid, m.rolname`;

export interface RolePower {
  role: string;
  itself: boolean;
  superuser: boolean;
  bypass: boolean;
  owner: boolean;
}

/** What is wrong with a runtime login that holds these powers, in words an operator can act on (role names only). */
export function runtimeRoleProblems(powers: RolePower[]): string[] {
  // A superuser is a member of every role: that alone is the problem.
  const superuser = powers.find((power) => power.itself && power.superuser);
  return (superuser ? [superuser] : powers).map((power) => {
    const what = [
      power.superuser && 'is a superuser',
      power.bypass && 'has BYPASSRLS',
      power.owner && `owns tables or schemas of the application (${APPLICATION_SCHEMAS.join(', ')})`,
    ].filter((phrase): phrase is string => Boolean(phrase));
    return power.itself ? what.join(', ') : `is a member of "${power.role}", which ${what.join(' and ')}`;
  });
}

/**
 * Refuses a runtime connection that could step around row-level security, whether by its own attributes or by a
 * role it is a member of (directly or through other roles): a superuser, a role with BYPASSRLS, or the owner of
 * tables or schemas of the application (such as the owner role that runs migrations).
 */
export async function assertRuntimeRoleIsConfined(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<void> {
  const powers = (await query(RUNTIME_ROLE_POWERS)) as unknown as RolePower[];
  const problems = runtimeRoleProblems(powers);
  if (problems.length > 0) {
    throw new Error(
      `The runtime database role ${problems.join('; ')}: row-level security would not hold. Use a login that is a member of signpost_runtime only.`,
    );
  }
}
