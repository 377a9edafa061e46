import type { EntityManager } from 'typeorm';

/**
 * The name a member of staff signs with (a reply's `((advisor))`), inside the caller's tenant transaction:
 * for other contexts, so that only identity reads `staff_users`.
 */
export async function staffDisplayName(m: EntityManager, userId: string): Promise<string | undefined> {
  const [row]: { display_name: string }[] = await m.query(`select display_name from staff_users where id = $1`, [userId]);
  return row?.display_name;
}
