import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_TOPIC_RULES } from '../src/routing/topic-rules.js';

/** Each service's topic rules (words and phrases that suggest it), starting from the defaults of its code. */
export class RoutingKeywords1765100000000 implements MigrationInterface {
  name = 'RoutingKeywords1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table services add column routing_keywords text array not null default '{}'`);
    // Existing services of every organisation get the defaults for their code (the owner is not subject to a
    // tenant here: row-level security is forced, so the update goes organisation by organisation).
    const organisations: { id: string }[] = await db.query(`select id from organisations`);
    for (const { id } of organisations) {
      await db.query(`select set_config('app.current_tenant', $1, true)`, [id]);
      for (const [code, keywords] of Object.entries(DEFAULT_TOPIC_RULES)) {
        await db.query(`update services set routing_keywords = $1 where code = $2 and organisation_id = $3`, [keywords, code, id]);
      }
    }
    await db.query(`select set_config('app.current_tenant', '', true)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table services drop column if exists routing_keywords`);
  }
}
