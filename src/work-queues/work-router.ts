import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { availableAdvisorIds } from '../channels/webchat/advisor-presence-reads.js';
import type { WorkAssigned } from '../contracts/chat-events.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import {
  assignAutomatically,
  openAssignedWork,
  returnUntouchedWork,
  waitingWork,
  type ReturnedEnquiry,
} from '../enquiries/enquiry-work.js';
import { enabledStaff } from '../identity/staff-reads.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { activeOrganisations, findOrganisation } from '../tenancy/organisation-reads.js';
import { assignWork } from './work-choice.js';

/** An enquiry given to an advisor: the `/console` gateway emits `work:assigned` to that advisor's consoles. */
export interface WorkAssignedAlert {
  organisationId: string;
  advisorId: string;
  work: WorkAssigned;
}

export interface WorkRouting {
  assigned: WorkAssignedAlert[];
  returned: ReturnedEnquiry[];
}

/** The waiting enquiries one run looks at: the soonest due; the rest wait for the next run. */
const BATCH = 500;
/** Roles that work the queue (presence is kept only for them, but a changed role must not keep one in). */
const WORKING_ROLES = new Set(['advisor', 'supervisor']);

/**
 * Automatic assignment of e-mail, form and social enquiries, for organisations that choose it (`workRouting`):
 * untouched automatic assignments go back to the queue, then each waiting enquiry, soonest due first, goes to the
 * least-busy available advisor with its skill and room under their limit (`work-choice.ts`). Runs on the job queue:
 * after each such enquiry's intake commits (`work-route` with its organisation) and on WORK_ROUTING_CRON for every
 * organisation, under a per-organisation lock so that runs never assign one enquiry twice.
 */
@Injectable()
export class WorkRouter implements OnModuleInit {
  private readonly logger = new Logger(WorkRouter.name);
  readonly alerts = new Subject<WorkAssignedAlert>();

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly settings: Settings,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(
      JOB_NAMES.routeWork,
      (data) => this.routeAll(typeof data.organisationId === 'string' ? data.organisationId : undefined),
      { concurrency: 1 },
    );
    this.jobs.schedule(JOB_NAMES.routeWork, this.settings.env.WORK_ROUTING_CRON, { expireInSeconds: 300 });
  }

  /** Every organisation routing work automatically (or the one named), each on its own. */
  async routeAll(organisationId?: string, now = new Date()): Promise<void> {
    const organisations = await this.db.registry((m) => activeOrganisations(m, { id: organisationId, workRouting: 'auto' }));
    for (const organisation of organisations) {
      try {
        await this.route(organisation.id, now);
      } catch (error) {
        this.logger.warn({ msg: 'work routing failed', organisationId: organisation.id, errorName: (error as Error).name });
      }
    }
  }

  /** One organisation: returns untouched work, assigns what waits, then tells each advisor's consoles. */
  async route(organisationId: string, now = new Date()): Promise<WorkRouting> {
    const routing = await this.db.forTenant(organisationId, async (m): Promise<WorkRouting> => {
      const organisation = await findOrganisation(m, organisationId);
      if (organisation?.workRouting !== 'auto' || organisation.status !== 'active') return { assigned: [], returned: [] };
      await m.query(`select pg_advisory_xact_lock(hashtext('signpost.work-route.' || $1))`, [organisationId]);
      const returned = await returnUntouchedWork(m, new Date(now.getTime() - organisation.workReclaimMinutes * 60_000));
      const assigned = await this.assignWaiting(m, organisationId, now);
      await this.record(m, organisationId, assigned, returned);
      return { assigned, returned };
    });
    // Only once committed: an advisor told of work sees it on their list.
    for (const alert of routing.assigned) this.alerts.next(alert);
    return routing;
  }

  /** The waiting enquiries, soonest due first, to the available advisors (`work-choice.ts`). */
  private async assignWaiting(m: EntityManager, organisationId: string, now: Date): Promise<WorkAssignedAlert[]> {
    const waiting = await waitingWork(m, BATCH);
    if (waiting.length === 0) return [];
    const advisors = (await enabledStaff(m, await availableAdvisorIds(m))).filter((advisor) => WORKING_ROLES.has(advisor.role));
    if (advisors.length === 0) return [];
    const load = await openAssignedWork(
      m,
      advisors.map((advisor) => advisor.id),
    );
    const choices = assignWork(
      waiting,
      advisors.map((advisor) => ({
        id: advisor.id,
        skills: advisor.skills,
        limit: advisor.maxAssignedWork,
        load: load.get(advisor.id) ?? 0,
      })),
    );
    const references = new Map(waiting.map((work) => [work.id, work.reference]));
    const assigned: WorkAssignedAlert[] = [];
    for (const choice of choices) {
      if (!(await assignAutomatically(m, choice.enquiryId, choice.advisorId, now))) continue;
      assigned.push({
        organisationId,
        advisorId: choice.advisorId,
        work: { enquiryId: choice.enquiryId, reference: references.get(choice.enquiryId) ?? '' },
      });
    }
    return assigned;
  }

  /** Audited as the system's (ids only), last in the transaction: the audit chain's head stays locked from the first entry to commit. */
  private async record(m: EntityManager, organisationId: string, assigned: WorkAssignedAlert[], returned: ReturnedEnquiry[]) {
    for (const work of returned) {
      await this.audit.record(m, {
        organisationId,
        actor: { type: 'system', id: null },
        action: 'enquiry.return_to_queue',
        entityType: 'enquiry',
        entityId: work.id,
        details: { advisorId: work.advisorId, reason: 'untouched' },
      });
    }
    for (const work of assigned) {
      await this.audit.record(m, {
        organisationId,
        actor: { type: 'system', id: null },
        action: 'enquiry.assign_automatically',
        entityType: 'enquiry',
        entityId: work.work.enquiryId,
        details: { assigneeId: work.advisorId },
      });
    }
  }
}
