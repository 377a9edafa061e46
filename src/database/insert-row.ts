import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts one new row and returns it as an entity with its generated columns (id, timestamps, defaults)
 * filled in: one `INSERT … RETURNING`, without the change tracking `save` does first, which for a row that
 * is new by construction (a timeline entry, a consent record, a message) is work for nothing.
 */
export async function insertRow<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, values: DeepPartial<T>): Promise<T> {
  const row = m.create(target, values);
  await m.createQueryBuilder().insert().into(target).values(row as never).execute();
  return row;
}
