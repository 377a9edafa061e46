import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { Settings } from '../config/settings.js';
import { JOB_NAMES, type JobName } from './job-names.js';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface EnqueueOptions {
  /** Start no earlier than this. */
  startAfter?: Date;
}

const SCHEMA = 'pgboss';

/**
 * The PostgreSQL-backed job queue (pg-boss). Its tables are owned and maintained through the owner connection
 * and hold only ids (organisation, escalation), never personal data. Jobs are enqueued inside the business
 * transaction on the runtime connection, so that a job exists exactly when the change that needs it commits.
 * Job handlers do their own work through TenantDatabase, so row-level security applies to jobs too.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly handlers = new Map<JobName, JobHandler>();
  private started = false;

  constructor(private readonly settings: Settings) {
    this.boss = new PgBoss({
      connectionString: settings.ownerDatabaseUrl,
      schema: SCHEMA,
      max: 3,
      application_name: 'signpost-jobs',
      migrate: true,
      supervise: true,
      schedule: false,
      // A worker that dies mid-job leaves the job to expire and be retried; delivery retries themselves are
      // scheduled by the handlers with their own backoff.
      expireInSeconds: 120,
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      retentionDays: 7,
    });
    this.boss.on('error', (error: Error & { code?: string }) => this.logger.error({ msg: 'job queue error', errorName: error.name, errorCode: error.code }));
  }

  /** Registers the handler of a job; called by the module that owns the job. */
  handle(name: JobName, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Instances starting together would otherwise race (and deadlock) creating the queue's schema,
    // partitions and grants: one sets up at a time.
    await this.exclusively(async (client) => {
      await this.boss.start();
      this.started = true;
      for (const name of Object.values(JOB_NAMES)) await this.boss.createQueue(name);
      await this.grantRuntimeEnqueue(client);
    });
    if (!this.settings.env.JOB_WORKERS) return;
    const missing = Object.values(JOB_NAMES).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
    for (const [name, handler] of this.handlers) {
      await this.boss.work(name, { batchSize: 1, pollingIntervalSeconds: this.settings.env.JOB_POLL_SECONDS }, async ([job]) => handler(job.data as Record<string, unknown>));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Enqueues inside the caller's transaction (runtime connection): the job commits or rolls back with it. */
  async sendWithin(m: EntityManager, name: JobName, data: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    await this.boss.send(name, data, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await m.query(text, values) }) },
    });
  }

  /** Enqueues on its own (outside any business transaction). */
  async send(name: JobName, data: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    await this.boss.send(name, data, options.startAfter ? { startAfter: options.startAfter } : {});
  }

  private async exclusively(work: (client: pg.Client) => Promise<void>): Promise<void> {
    const client = new pg.Client({ connectionString: this.settings.ownerDatabaseUrl, application_name: 'signpost-jobs-setup' });
    await client.connect();
    try {
      await client.query(`select pg_advisory_lock(hashtext('signpost.jobs.setup'))`);
      await work(client);
    } finally {
      await client.end(); // releases the lock
    }
  }

  /** The runtime role may add jobs (inside business transactions) and nothing else. */
  private async grantRuntimeEnqueue(client: pg.Client): Promise<void> {
    const { rows } = await client.query(`select has_table_privilege('signpost_runtime', '${SCHEMA}.job', 'insert') as granted`);
    if (rows[0]?.granted) return;
    await client.query(`grant usage on schema ${SCHEMA} to signpost_runtime`);
    await client.query(`grant select on ${SCHEMA}.queue to signpost_runtime`);
    // INSERT … RETURNING id needs SELECT too; job rows hold only ids.
    await client.query(`grant select, insert on ${SCHEMA}.job to signpost_runtime`);
  }
}
