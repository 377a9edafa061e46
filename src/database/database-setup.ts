import path from 'node:path';
import type { Environment } from '../config/environment.js';
import { loadLocalSecrets, type LocalSecrets } from '../config/local-secrets.js';
import { SecretBox } from '../common/secret-box.js';
import { createDataSource, type DatabaseLog } from './data-source.js';
import { ensureRuntimeLogin } from './database-roles.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { resealLegacySecrets } from './reseal-secrets.js';

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
 * no DATABASE_URL is set, applies pending migrations as the owner and re-seals stored secrets still in the old form
 * (unless MIGRATIONS_RUN=false), and makes sure the runtime login exists.
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
    if (env.MIGRATIONS_RUN) await runMigrations(ownerUrl, log, env.SIGNPOST_SECRET_KEY ?? secrets?.secretKey);
    const runtimeUrl =
      env.DATABASE_RUNTIME_URL ?? (await ensureRuntimeLogin(ownerUrl, (secrets as { runtimePassword: string }).runtimePassword));
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

/**
 * Applies pending migrations, then re-seals stored secrets still in the old form with `secretKey` (which
 * migrations cannot read): both on one owner connection, under one lock, so one instance at a time does them.
 */
export async function runMigrations(ownerUrl: string, log: SetupLog, secretKey?: string): Promise<void> {
  const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'signpost-migrations', log });
  await owner.initialize();
  try {
    // One migrator at a time across instances starting together.
    await owner.query(`select pg_advisory_lock(hashtext('signpost.migrations'))`);
    const applied = await owner.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log.info(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    if (secretKey) await resealSecrets((sql, parameters) => owner.query(sql, parameters), new SecretBox(secretKey), log);
  } finally {
    await owner.destroy();
  }
}

/** Counts what it did in one line (nothing when there was nothing to do). */
async function resealSecrets(query: Parameters<typeof resealLegacySecrets>[0], box: SecretBox, log: SetupLog): Promise<void> {
  const count = await resealLegacySecrets(query, box);
  if (count.resealed > 0 || count.unopened > 0) {
    const line = `re-sealed ${count.resealed} stored secret(s) from v1 to v2 (a key of their own, bound to their organisation and purpose)`;
    if (count.unopened > 0)
      log.warn(`${line}; ${count.unopened} v1 value(s) did not open with SIGNPOST_SECRET_KEY and were left as they were`);
    else log.info(line);
  }
}
