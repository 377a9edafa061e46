import type { EntityManager } from 'typeorm';

/** Runs an UPDATE or DELETE and answers how many rows it changed (TypeORM answers such a statement with [rows, affected]). */
export async function affectedRows(m: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const [, affected] = (await m.query(sql, parameters)) as [unknown[], number];
  return affected ?? 0;
}
