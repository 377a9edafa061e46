import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { toCsv } from '../common/csv.js';
import { requestContext } from '../common/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { ShutdownState } from '../observability/shutdown-state.js';
import type { SweepDto } from './dto/retention-schedule.dto.js';
import { RetentionSweepEntity } from './retention-sweep.entity.js';
import { RetentionSweeper } from './retention-sweeper.js';
import { activeOrganisations } from '../tenancy/organisation-reads.js';

/** The sweeps as CSV: one row per sweep and record type. */
export const SWEEP_CSV_COLUMNS = [
  'sweep_id',
  'started_at',
  'finished_at',
  'trigger',
  'dry_run',
  'status',
  'as_of',
  'record_type',
  'erased',
  'held',
  'failed',
];

export const sweepNotFound = () => new DomainError(404, 'SWEEP_NOT_FOUND', 'Retention sweep not found');

/**
 * Retention sweeps on demand (a DPO or administrator, with a dry run first) and on the schedule: the job queue's
 * cron starts one run a night across all instances, which sweeps every active organisation in turn.
 */
@Injectable()
export class RetentionSweeps implements OnModuleInit {
  private readonly logger = new Logger(RetentionSweeps.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly sweeper: RetentionSweeper,
    private readonly jobs: JobQueue,
    private readonly settings: Settings,
    private readonly shutdown: ShutdownState,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(
      JOB_NAMES.sweepRetention,
      (data) => this.sweepAll(typeof data.organisationId === 'string' ? data.organisationId : undefined),
      { concurrency: 1 },
    );
    this.jobs.schedule(JOB_NAMES.sweepRetention, this.settings.env.RETENTION_SWEEP_CRON, { expireInSeconds: 4 * 3600 });
  }

  /**
   * A sweep on demand. Waited for, it answers when finished; otherwise (`inBackground`) it answers at once with the
   * running record and goes on in this process, which waits for it (or for the batch in hand when the service is
   * stopping) before it closes.
   */
  async run(dryRun: boolean, inBackground = false): Promise<SweepDto> {
    const organisationId = requestContext.tenant();
    const options = { dryRun, trigger: 'on_demand' as const, requestedBy: requestContext.principal()?.userId ?? null };
    if (!inBackground) return toDto(await this.sweeper.sweep(organisationId, options));
    const sweep = await this.sweeper.begin(organisationId, options);
    const begun = toDto(sweep);
    const done = this.shutdown.takeUp();
    // A failure is recorded on the sweep and logged by the sweeper; nothing is left to answer here.
    void this.sweeper
      .carryOut(organisationId, sweep, options)
      .catch(() => undefined)
      .finally(done);
    return begun;
  }

  /** The newest 100 sweeps first (the nightly sweep adds one a day; the CSV has them all). */
  list(): Promise<SweepDto[]> {
    return this.db.transaction(async (m) => (await m.find(RetentionSweepEntity, { order: { startedAt: 'DESC' }, take: 100 })).map(toDto));
  }

  /**
   * Every sweep, one row per record type it erased, held or failed (one row of zeros for a sweep that found
   * nothing; a running one with its counts so far): the evidence of enforcement for an auditor, without any
   * record's id (the held ids are left out).
   */
  async csv(): Promise<string> {
    const sweeps = await this.db.transaction((m) =>
      m.find(RetentionSweepEntity, {
        select: {
          id: true,
          startedAt: true,
          finishedAt: true,
          trigger: true,
          dryRun: true,
          status: true,
          asOf: true,
          erased: true,
          held: true,
          failed: true,
        },
        order: { startedAt: 'DESC' },
      }),
    );
    const rows = sweeps.flatMap((sweep) => {
      const types = [...new Set([...Object.keys(sweep.erased), ...Object.keys(sweep.held), ...Object.keys(sweep.failed)])].sort();
      const base = {
        sweep_id: sweep.id,
        started_at: new Date(sweep.startedAt).toISOString(),
        finished_at: sweep.finishedAt ? new Date(sweep.finishedAt).toISOString() : '',
        trigger: sweep.trigger,
        dry_run: sweep.dryRun,
        status: sweep.status,
        as_of: sweep.asOf,
      };
      if (types.length === 0) return [{ ...base, record_type: '', erased: 0, held: 0, failed: 0 }];
      return types.map((type) => ({
        ...base,
        record_type: type,
        erased: sweep.erased[type] ?? 0,
        held: sweep.held[type] ?? 0,
        failed: sweep.failed[type] ?? 0,
      }));
    });
    return toCsv(SWEEP_CSV_COLUMNS, rows);
  }

  get(id: string): Promise<SweepDto> {
    return this.db.transaction(async (m) => {
      const sweep = await m.findOne(RetentionSweepEntity, { where: { id } });
      if (!sweep) throw sweepNotFound();
      return toDto(sweep);
    });
  }

  /**
   * The nightly run: every active organisation, one after another; one organisation's failure does not stop the
   * rest. A job naming an organisation (queued by an operator) sweeps that one only.
   */
  async sweepAll(organisationId?: string): Promise<void> {
    const organisations = await this.db.registry((m) => activeOrganisations(m, { id: organisationId }));
    for (const organisation of organisations) {
      try {
        const sweep = await this.sweeper.sweep(organisation.id, { dryRun: false, trigger: 'scheduled' });
        this.logger.log({
          msg: 'retention sweep completed',
          organisation: organisation.slug,
          erased: sweep.erased,
          held: sweep.held,
          failed: sweep.failed,
        });
      } catch (error) {
        this.logger.error({
          msg: 'retention sweep failed',
          organisation: organisation.slug,
          errorName: (error as Error).name,
          errorCode: (error as { code?: string }).code,
        });
      }
    }
  }
}

function toDto(sweep: RetentionSweepEntity): SweepDto {
  return {
    id: sweep.id,
    dryRun: sweep.dryRun,
    trigger: sweep.trigger,
    status: sweep.status,
    asOf: sweep.asOf,
    erased: sweep.erased,
    held: sweep.held,
    heldRecords: sweep.heldRecords,
    failed: sweep.failed,
    startedAt: new Date(sweep.startedAt).toISOString(),
    ...(sweep.finishedAt ? { finishedAt: new Date(sweep.finishedAt).toISOString() } : {}),
  };
}
