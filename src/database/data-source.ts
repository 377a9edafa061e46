import pg from 'pg';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SignpostNamingStrategy } from './naming-strategy.js';

// `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to be shifted by.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DatabaseLog {
  error(message: string): void;
  warn(message: string): void;
}

/**
 * TypeORM's log, reduced to what is safe: the kind of failure, never the SQL parameters (which hold
 * personal data) and never query text by default.
 */
class ParameterFreeLogger implements TypeOrmLogger {
  constructor(private readonly sink: DatabaseLog) {}
  logQuery(): void {}
  logQueryError(error: string | Error): void {
    const code = typeof error === 'object' && 'code' in error ? ` (${String((error as { code: unknown }).code)})` : '';
    this.sink.error(`database query failed${code}`);
  }
  logQuerySlow(time: number): void {
    this.sink.warn(`slow database query: ${time} ms`);
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.sink.warn(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink.warn(String(message));
  }
}

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
  log?: DatabaseLog;
}

/** The one data-source definition used by the app (runtime and owner connections), the CLI and the tests. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  const log = settings.log ?? { error: () => undefined, warn: () => undefined };
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SignpostNamingStrategy(),
    logger: new ParameterFreeLogger(log),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 2000,
    applicationName: settings.applicationName ?? 'signpost',
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // A statement stuck longer than this is a bug or an outage, never a user waiting usefully.
      statement_timeout: 30000,
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
