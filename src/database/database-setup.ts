import path from 'node:path';
import type { Environment } from '../config/environment.js';
import { loadLocalSecrets, type LocalSecrets } from '../config/local-secrets.js';
import { createDataSource, type DatabaseLog } from './data-source.js';
import { ensureRuntimeLogin } from './database-roles.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

export interface PreparedDatabase {
  ownerUrl: string;
  runtimeUrl: string;
  embedded?: EmbeddedDatabase;
  /** Secrets generated for a non-production install (used where JWT_SECRET or SIGNPOST_SECRET_KEY is unset). */
  localSecrets?: LocalSecrets;
  stop(): Promise<void>;
}

export interface SetupLog extends DatabaseLog {
  info(message: string): void;
}

/**
 * Gets a database ready before the application opens its runtime pool: starts the embedded PostgreSQL when
 * no DATABASE_URL is set, applies pending migrations as the owner (unless MIGRATIONS_RUN=false) and makes
 * sure the runtime login exists.
 */
export async function prepareDatabase(env: Environment, log: SetupLog): Promise<PreparedDatabase> {
  const secrets = env.isProduction ? undefined : await loadLocalSecrets(env.DATA_DIR);
  let embedded: EmbeddedDatabase | undefined;
  if (env.usesEmbeddedDatabase) {
    if (!secrets) throw new Error('the embedded database is for development and demonstration only');
    log.info('starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      directory: path.join(env.DATA_DIR, 'postgres'),
      superuserPassword: secrets.superuserPassword,
      ownerPassword: secrets.ownerPassword,
    });
    log.info(`embedded PostgreSQL ready on 127.0.0.1:${embedded.port}`);
  }
  try {
    const ownerUrl = env.DATABASE_URL ?? (embedded as EmbeddedDatabase).ownerUrl;
    if (env.MIGRATIONS_RUN) await runMigrations(ownerUrl, log);
    const runtimeUrl = env.DATABASE_RUNTIME_URL ?? (await ensureRuntimeLogin(ownerUrl, (secrets as { runtimePassword: string }).runtimePassword));
    return {
      ownerUrl,
      runtimeUrl,
      embedded,
      localSecrets: secrets,
      stop: async () => embedded?.stop(),
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export async function runMigrations(ownerUrl: string, log: SetupLog): Promise<void> {
  const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'signpost-migrations', log });
  await owner.initialize();
  try {
    // One migrator at a time across instances starting together.
    await owner.query(`select pg_advisory_lock(hashtext('signpost.migrations'))`);
    const applied = await owner.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log.info(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await owner.destroy();
  }
}
