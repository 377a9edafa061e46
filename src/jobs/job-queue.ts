import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isJobQueueOutage } from './queue-outage.js';
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
/** Committed enqueues are announced on this channel (payload: the job name), so idle workers start at once. */
const CHANNEL = 'signpost_jobs';
const RELISTEN_MS = 2000;

/** One of the queue's workers in this instance: pg-boss's id for it, and whether it is running a job. */
interface Slot {
  id: string;
  busy: boolean;
  wokenAt: number;
}

/**
 * The PostgreSQL-backed job queue (pg-boss). Its tables are owned and maintained through the owner connection
 * and hold only ids (organisation, escalation), never personal data. Jobs are enqueued inside the business
 * transaction on the runtime connection, so that a job exists exactly when the change that needs it commits.
 * Job handlers do their own work through TenantDatabase, so row-level security applies to jobs too.
 *
 * Each worker instance runs up to JOB_CONCURRENCY jobs of a queue at once: as many pg-boss workers of one
 * job each, so that a slow receiver holds up only its own job. A worker that finishes a job fetches the next
 * straight away, and one that finds a job wakes an idle one to look for another. Idle workers are woken by a
 * NOTIFY sent inside the enqueuing transaction (so it arrives on commit, on every instance), or by a local
 * timer when a retry this instance scheduled falls due; as a fallback one of them polls every JOB_POLL_SECONDS.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly concurrency = new Map<JobName, number>();
  private readonly schedules = new Map<JobName, { cron: string; options: { expireInSeconds: number } }>();
  private readonly slots = new Map<JobName, Slot[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private listener?: pg.Client;
  private started = false;
  private stopping = false;

  /** This deployment's name of a queue in pg-boss (JOB_QUEUE_PREFIX + the job's name). */
  private queueOf(name: JobName): string {
    return `${this.settings.env.JOB_QUEUE_PREFIX ?? ''}${name}`;
  }

  /** The job a queue name of this deployment is for; undefined for another deployment's queue. */
  private jobOf(queue: string): JobName | undefined {
    const prefix = this.settings.env.JOB_QUEUE_PREFIX ?? '';
    if (!queue.startsWith(prefix)) return undefined;
    const name = queue.slice(prefix.length) as JobName;
    return this.handlers.has(name) || (Object.values(JOB_NAMES) as string[]).includes(name) ? name : undefined;
  }

  constructor(private readonly settings: Settings) {
    this.boss = new PgBoss({
      connectionString: settings.ownerDatabaseUrl,
      schema: SCHEMA,
      // Each worker fetches and completes its jobs through this pool; the jobs' own work uses the runtime pool.
      max: 2 + Math.ceil(settings.env.JOB_CONCURRENCY / 2),
      application_name: 'signpost-jobs',
      migrate: true,
      supervise: true,
      // Cron schedules (the retention sweep) fire once across instances, from instances that run jobs.
      schedule: settings.env.JOB_WORKERS,
      // A worker that dies mid-job (kill -9, out of memory) leaves the job to expire and be retried; delivery
      // retries themselves are scheduled by the handlers with their own backoff. A delivery job lasts one attempt
      // (at most WEBHOOK_TIMEOUT_MS) and holds its row with a lease of that plus 30 s, so it expires with the lease,
      // and maintenance looks for expired jobs every 30 s: a referral in flight at a crash is retried within about
      // a minute, not pg-boss's default of up to four. Scheduled jobs (the retention sweep) set their own expiry.
      expireInSeconds: Math.ceil(settings.env.WEBHOOK_TIMEOUT_MS / 1000) + 30,
      maintenanceIntervalSeconds: 30,
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      retentionDays: 7,
    });
    this.boss.on('error', (error: Error & { code?: string }) =>
      this.logger.error({ msg: 'job queue error', errorName: error.name, errorCode: error.code }),
    );
    process.on('unhandledRejection', this.onUnhandledRejection);
  }

  /** See queue-outage.ts: pg-boss's unawaited outcome writes during an outage are logged; anything else still crashes. */
  private readonly onUnhandledRejection = (reason: unknown): void => {
    if (!isJobQueueOutage(reason)) throw reason;
    const { name: errorName, code: errorCode } = reason as Error & { code?: string };
    this.logger.warn({
      msg: 'job outcome not recorded: the database is unreachable; the job will expire and be retried',
      errorName,
      errorCode,
    });
  };

  /** Registers the handler of a job; called by the module that owns the job. `concurrency` defaults to JOB_CONCURRENCY. */
  handle(name: JobName, handler: JobHandler, options: { concurrency?: number } = {}): void {
    this.handlers.set(name, handler);
    if (options.concurrency) this.concurrency.set(name, options.concurrency);
  }

  /**
   * Runs a job on a cron schedule (Europe/London time), once across all instances; "off" removes the schedule.
   * `expireInSeconds` is how long one run may take before it counts as failed.
   */
  schedule(name: JobName, cron: string, options: { expireInSeconds: number }): void {
    this.schedules.set(name, { cron, options });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Instances starting together would otherwise race (and deadlock) creating the queue's schema,
    // partitions and grants: one sets up at a time.
    await this.exclusively(async (client) => {
      await this.boss.start();
      this.started = true;
      for (const name of Object.values(JOB_NAMES)) await this.boss.createQueue(this.queueOf(name));
      for (const [name, { cron, options }] of this.schedules) {
        if (cron === 'off') await this.boss.unschedule(this.queueOf(name));
        else
          await this.boss.schedule(
            this.queueOf(name),
            cron,
            {},
            { tz: 'Europe/London', expireInSeconds: options.expireInSeconds, retryLimit: 0 },
          );
      }
      await this.grantRuntimeEnqueue(client);
    });
    if (!this.settings.env.JOB_WORKERS) return;
    const missing = Object.values(JOB_NAMES).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
    await this.listen();
    const { JOB_POLL_SECONDS: poll } = this.settings.env;
    for (const [name, handler] of this.handlers) {
      const concurrency = this.concurrency.get(name) ?? this.settings.env.JOB_CONCURRENCY;
      const slots: Slot[] = [];
      this.slots.set(name, slots);
      for (let i = 0; i < concurrency; i++) {
        const slot: Slot = { id: '', busy: false, wokenAt: 0 };
        slots.push(slot);
        // One worker polls every JOB_POLL_SECONDS; the others, woken as work comes, hardly poll at all.
        const pollingIntervalSeconds = i === 0 ? poll : poll * concurrency;
        slot.id = await this.boss.work(this.queueOf(name), { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
          slot.busy = true;
          this.wake(name); // found one: there may be more, for an idle worker to look for
          try {
            await handler(job.data as Record<string, unknown>);
          } catch (error) {
            // The error's kind and where it was thrown, never its message: messages can quote values.
            const { name: errorName, code: errorCode, stack } = error as Error & { code?: string };
            this.logger.error({
              msg: 'job failed',
              job: name,
              jobId: job.id,
              errorName,
              errorCode,
              at: stack
                ?.split('\n')
                .slice(1, 4)
                .map((line) => line.trim()),
            });
            throw error;
          } finally {
            slot.busy = false;
            this.boss.notifyWorker(slot.id); // look again at once rather than after the polling interval
          }
        });
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    process.off('unhandledRejection', this.onUnhandledRejection);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.listener?.end().catch(() => undefined);
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Enqueues inside the caller's transaction (runtime connection): the job commits or rolls back with it. */
  async sendWithin(m: EntityManager, name: JobName, data: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    let notified = Boolean(options.startAfter);
    await this.boss.send(this.queueOf(name), data, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      db: {
        executeSql: async (text: string, values: unknown[]) => {
          // Announce the job in the same round trip: the notification is delivered when (and if) the transaction commits.
          if (notified || !/^\s*insert\b[\s\S]*\breturning\s+id\s*$/i.test(text)) return { rows: await m.query(text, values) };
          notified = true;
          const n = values.length;
          return {
            rows: await m.query(`with job as (${text}) select id, pg_notify($${n + 1}, $${n + 2}) from job`, [
              ...values,
              CHANNEL,
              this.queueOf(name),
            ]),
          };
        },
      },
    });
    if (options.startAfter) this.wakeAt(name, options.startAfter);
    else if (!notified) await m.query('select pg_notify($1, $2)', [CHANNEL, this.queueOf(name)]);
  }

  /** Enqueues on its own (outside any business transaction). */
  async send(name: JobName, data: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    await this.boss.send(this.queueOf(name), data, options.startAfter ? { startAfter: options.startAfter } : {});
    if (options.startAfter) this.wakeAt(name, options.startAfter);
    else await this.boss.getDb().executeSql('select pg_notify($1, $2)', [CHANNEL, this.queueOf(name)]);
  }

  /** Starts one idle worker of the queue (the one woken longest ago); busy ones look again when they finish. */
  private wake(name: string): void {
    const slots = this.slots.get(name as JobName);
    if (!slots) return;
    let chosen: Slot | undefined;
    for (const slot of slots) if (!slot.busy && (!chosen || slot.wokenAt < chosen.wokenAt)) chosen = slot;
    if (!chosen) return;
    chosen.wokenAt = Date.now();
    this.boss.notifyWorker(chosen.id);
  }

  /** A job enqueued to start later (a retry, usually scheduled by this instance's own worker): wake a worker then. */
  private wakeAt(name: JobName, at: Date): void {
    if (!this.settings.env.JOB_WORKERS || this.stopping) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.wake(name);
      },
      Math.max(0, at.getTime() - Date.now()) + 10,
    ); // a little late rather than early, or the fetch finds nothing
    timer.unref();
    this.timers.add(timer);
  }

  /** Listens for committed enqueues; if the connection drops, listens again (polling covers the gap). */
  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new pg.Client({ connectionString: this.settings.ownerDatabaseUrl, application_name: 'signpost-jobs-listen' });
    const relisten = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.stopping) setTimeout(() => void this.listen(), RELISTEN_MS).unref();
    };
    client.on('notification', (message) => {
      const name = message.channel === CHANNEL && message.payload ? this.jobOf(message.payload) : undefined;
      if (name) this.wake(name);
    });
    client.on('error', (error: Error & { code?: string }) => {
      if (!this.stopping) this.logger.warn({ msg: 'job notifications interrupted', errorName: error.name, errorCode: error.code });
      relisten();
    });
    client.on('end', relisten);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (error) {
      this.logger.warn({
        msg: 'job notifications unavailable; polling',
        errorName: (error as Error).name,
        errorCode: (error as { code?: string }).code,
      });
      relisten();
    }
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
