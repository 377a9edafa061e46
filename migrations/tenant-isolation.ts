import type { QueryRunner } from 'typeorm';

/** The tenant of the current transaction, as set by `set_config('app.current_tenant', id, true)`. */
export const CURRENT_TENANT = `nullif(current_setting('app.current_tenant', true), '')::uuid`;

/**
 * Row-level security for a tenant-owned table: enabled and forced (the owner too), one policy for reads and
 * writes. With no tenant set, nothing is visible and nothing can be written.
 */
export async function enableTenantIsolation(db: QueryRunner, table: string): Promise<void> {
  await db.query(`alter table ${table} enable row level security`);
  await db.query(`alter table ${table} force row level security`);
  await db.query(`
    create policy ${table}_tenant_isolation on ${table}
      using (organisation_id = ${CURRENT_TENANT})
      with check (organisation_id = ${CURRENT_TENANT})`);
}
