import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/**
 * Inserts one new row and returns it as an entity with every column as stored (id, timestamps, defaults):
 * one `INSERT … RETURNING *`. The statement and the column mapping come from the entity's TypeORM metadata
 * (names, types, transformers), but without the query builder's and `save`'s per-call work (change
 * tracking, alias rewriting), which on the intake path cost more than the database did. For rows that are new
 * by construction: timeline entries, consent records, messages, subjects.
 */
export async function insertRow<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, values: DeepPartial<T>): Promise<T> {
  const row = await insert(m, target, values, '');
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The same, but a conflict with any unique constraint inserts nothing and returns undefined. */
export function insertRowUnlessConflict<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  values: DeepPartial<T>,
): Promise<T | undefined> {
  return insert(m, target, values, ' on conflict do nothing');
}

/** Statement text per table, column list and conflict clause: a handful of shapes, built once each. */
const statements = new Map<string, string>();

async function insert<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  values: DeepPartial<T>,
  conflict: string,
): Promise<T | undefined> {
  const metadata = m.connection.getMetadata(target);
  const driver = m.connection.driver;
  const columns: ColumnMetadata[] = [];
  const parameters: unknown[] = [];
  for (const column of metadata.columns) {
    const value = (values as ObjectLiteral)[column.propertyName];
    if (value === undefined) continue;
    columns.push(column);
    parameters.push(driver.preparePersistentValue(value, column));
  }
  const shape = `${metadata.tableName}(${columns.map((column) => column.databaseName).join(',')})${conflict}`;
  let sql = statements.get(shape);
  if (!sql) {
    const table = driver.escape(metadata.tableName);
    const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    const placeholders = columns.map((_, index) => `$${index + 1}`).join(', ');
    sql =
      columns.length === 0
        ? `insert into ${table} default values${conflict} returning *`
        : `insert into ${table} (${names}) values (${placeholders})${conflict} returning *`;
    statements.set(shape, sql);
  }
  const [row]: (ObjectLiteral | undefined)[] = await m.query(sql, parameters);
  if (!row) return undefined;
  const entity = m.create(target) as ObjectLiteral;
  for (const column of metadata.columns) {
    if (column.databaseName in row) entity[column.propertyName] = driver.prepareHydratedValue(row[column.databaseName], column);
  }
  return entity as T;
}
