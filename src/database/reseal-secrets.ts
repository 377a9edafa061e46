import { SecretBox, sealedFor, type SealedFor } from '../common/secret-box.js';

/** A query on one connection (the owner's, holding the migrations lock). */
export type OwnerQuery = (sql: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Every column that holds a sealed value, how its rows are named and what each value is bound to. */
interface SealedColumn {
  table: 'channel_credentials' | 'services' | 'organisations';
  column: string;
  /** The columns that name the row (besides organisation_id). */
  rowKey: 'channel' | 'id';
  owner(organisationId: string, rowKey: string): SealedFor;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'channel_credentials', column: 'secret', rowKey: 'channel', owner: sealedFor.channelSecret },
  { table: 'channel_credentials', column: 'previous_secret', rowKey: 'channel', owner: sealedFor.channelSecret },
  { table: 'channel_credentials', column: 'access_token', rowKey: 'channel', owner: sealedFor.channelAccessToken },
  { table: 'services', column: 'webhook_secret', rowKey: 'id', owner: sealedFor.webhookSecret },
  { table: 'services', column: 'open311_api_key', rowKey: 'id', owner: sealedFor.open311ApiKey },
  { table: 'organisations', column: 'notify_api_key', rowKey: 'id', owner: (organisationId) => sealedFor.notifyApiKey(organisationId) },
];

export interface ResealCount {
  resealed: number;
  /** v1 values this key does not open (sealed under another key, or altered): left as they were. */
  unopened: number;
}

const organisationOf = (table: SealedColumn['table']) => (table === 'organisations' ? 'id' : 'organisation_id');

/** Every v1 value of the current tenant, one query for all columns. */
const LEGACY_VALUES = SEALED_COLUMNS.map(
  ({ table, column, rowKey }, index) =>
    `select ${index} as col, ${organisationOf(table)}::text as organisation_id, ${rowKey}::text as row_key, ${column} as sealed from ${table} where ${column} like 'v1.%'`,
).join('\nunion all\n');

/**
 * Re-seals every stored secret still in the old form (v1: the secret key itself, bound to nothing) as v2 (the
 * sealing key, bound to its organisation and purpose). Migrations cannot do this, having no key; it runs at start
 * right after them, on the owner connection under the migrations lock, so one instance does it. Idempotent: only
 * v1 values are read, and each is replaced only if it is still the value read. Row-level security is forced on
 * these tables, so it goes organisation by organisation.
 */
export async function resealLegacySecrets(query: OwnerQuery, box: SecretBox): Promise<ResealCount> {
  const count: ResealCount = { resealed: 0, unopened: 0 };
  const organisations = (await query(`select id::text as id from organisations order by id`)) as { id: string }[];
  for (const { id } of organisations) {
    await query(`select set_config('app.current_tenant', $1, false)`, [id]);
    const legacy = (await query(LEGACY_VALUES)) as { col: number; organisation_id: string; row_key: string; sealed: string }[];
    for (const value of legacy) {
      const sealedColumn = SEALED_COLUMNS[value.col];
      const owner = sealedColumn.owner(value.organisation_id, value.row_key);
      let resealed: string;
      try {
        resealed = box.reseal(value.sealed, owner);
      } catch {
        count.unopened += 1;
        continue;
      }
      const { table, column, rowKey } = sealedColumn;
      const [updated] = (await query(
        `with updated as (update ${table} set ${column} = $1 where ${organisationOf(table)} = $2 and ${rowKey}::text = $3 and ${column} = $4 returning 1) select count(*)::int as n from updated`,
        [resealed, value.organisation_id, value.row_key, value.sealed],
      )) as { n: number }[];
      count.resealed += updated?.n ?? 0;
    }
  }
  await query(`select set_config('app.current_tenant', '', false)`);
  return count;
}
