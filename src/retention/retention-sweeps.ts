import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { requestContext } from '../common/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import type { SweepDto } from './dto/retention-schedule.dto.js';
import { RetentionSweepEntity } from './retention-sweep.entity.js';
import { RetentionSweeper } from './retention-sweeper.js';

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
  ) {}

  onModuleInit(): void {
    this.jobs.handle(JOB_NAMES.sweepRetention, (data) => this.sweepAll(typeof data.organisationId === 'string' ? data.organisationId : undefined), { concurrency: 1 });
    this.jobs.schedule(JOB_NAMES.sweepRetention, this.settings.env.RETENTION_SWEEP_CRON, { expireInSeconds: 4 * 3600 });
  }

  async run(dryRun: boolean): Promise<SweepDto> {
    const sweep = await this.sweeper.sweep(requestContext.tenant(), { dryRun, trigger: 'on_demand', requestedBy: requestContext.principal()?.userId ?? null });
    return toDto(sweep);
  }

  list(): Promise<SweepDto[]> {
    return this.db.transaction(async (m) => (await m.find(RetentionSweepEntity, { order: { startedAt: 'DESC' }, take: 100 })).map(toDto));
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
    const organisations = await this.db.registry((m) =>
      m.find(OrganisationEntity, { where: { status: 'active', ...(organisationId ? { id: organisationId } : {}) }, select: { id: true, slug: true } }),
    );
    for (const organisation of organisations) {
      try {
        const sweep = await this.sweeper.sweep(organisation.id, { dryRun: false, trigger: 'scheduled' });
        this.logger.log({ msg: 'retention sweep completed', organisation: organisation.slug, erased: sweep.erased, held: sweep.held, failed: sweep.failed });
      } catch (error) {
        this.logger.error({ msg: 'retention sweep failed', organisation: organisation.slug, errorName: (error as Error).name, errorCode: (error as { code?: string }).code });
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
