import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ukDate } from '../common/uk-date.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { ShutdownState } from '../observability/shutdown-state.js';
import { eraseReferralSnapshots } from '../escalations/referral-erasure.js';
import { eraseEnquiries, eraseSubjectRequestDetails, eraseSubjects } from '../subject-rights/subject-erasure.js';
import type { RetentionClass } from './retention-class.js';
import { latestExpiredStart } from './retention-period.js';
import { effectiveRules, type EffectiveRule } from './retention-schedule.service.js';
import { RecordingEraser } from './recording-eraser.js';
import { ENQUIRY_KEPT, PEOPLE_LEFT, WHY_KEPT } from './retention-statements.js';
import { RetentionSweepEntity, type SweepTrigger } from './retention-sweep.entity.js';
import { type HeldRecord } from './held-record.js';

export interface SweepOptions {
  dryRun: boolean;
  trigger: SweepTrigger;
  requestedBy?: string | null;
  /** Off-boarding: every record, whatever its age or state (legal holds still keep theirs). */
  everything?: boolean;
}

/** How many held records a sweep lists by id, per record type (all are counted). */
const HELD_LISTED = 100;

/** How often a running sweep saves its counts so far. */
const PROGRESS_EVERY_MS = 5_000;

/** Where each record type's expired records are, in terms of an enquiry `e` they belong to (for holds). */
interface RecordSource {
  /** From-clause giving rows `x` (with `x.id`) and their enquiry `e`. */
  from: string;
  /** The expiry condition; `$1` is the instant before which the period's start must fall. */
  expired: string;
}

const ENQUIRY_FINISHED = `greatest(e.resolved_at, e.escalated_at, e.closed_at)`;

function sourceOf(rule: EffectiveRule, everything: boolean): RecordSource {
  // Every query passes the instant as $1; when everything goes, it is named without deciding anything.
  const any = ' and $1::timestamptz is not null';
  const enquiry = (start: string) => ({
    from: `enquiries e join lateral (select e.id) x on true`,
    expired: everything
      ? `e.retention_class = '${rule.recordType}' and e.erased_at is null${any}`
      : `e.retention_class = '${rule.recordType}' and e.erased_at is null and ${start} < $1`,
  });
  switch (rule.startsFrom) {
    case 'recorded':
      return {
        from: `call_recordings x join call_logs c on c.id = x.call_log_id join enquiries e on e.id = c.enquiry_id`,
        // A recording of an enquiry already erased (by a request, or by its own period) goes whatever its age.
        expired: `x.kind = '${rule.recordType === 'call_recording_audio' ? 'audio' : 'video'}'${everything ? any : ' and (x.recorded_at < $1 or e.erased_at is not null)'}`,
      };
    case 'referred':
      return {
        from: `escalations x join enquiries e on e.id = x.enquiry_id`,
        expired: `x.fields <> '{}'::jsonb${everything ? any : ' and x.created_at < $1'}`,
      };
    case 'submitted':
      return enquiry('e.created_at');
    case 'enquiry_finished':
      return enquiry(ENQUIRY_FINISHED);
    case 'request_closed':
      // Requests are not enquiries: nothing holds them but their own state.
      return {
        from: `subject_requests x join lateral (select null::uuid as id, null::uuid as data_subject_id) e on true`,
        expired: `x.subject <> '{}'::jsonb and x.status in ('completed', 'refused')${everything ? any : ' and x.closed_at < $1'}`,
      };
  }
}

/**
 * Enforces the retention schedule for one organisation: finds each record type's records whose period has run
 * (judged on the UK date), skips and lists those under a legal hold or an open subject-rights request, and erases
 * the rest in small batches of short transactions, resting between batches so live traffic keeps its share of the
 * machine. Erasure is in place, as for an erasure request: ids, dates, channels and statuses stay, so statistics
 * stay true. Every sweep is recorded with its counts (never values) and audited.
 */
@Injectable()
export class RetentionSweeper {
  private readonly logger = new Logger(RetentionSweeper.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly settings: Settings,
    private readonly recordingEraser: RecordingEraser,
    private readonly audit: AuditService,
    private readonly shutdown: ShutdownState,
  ) {}

  /** Runs a whole sweep and answers it when it has finished (or failed, which it rethrows once recorded). */
  async sweep(organisationId: string, options: SweepOptions): Promise<RetentionSweepEntity> {
    return this.carryOut(organisationId, await this.begin(organisationId, options), options);
  }

  /**
   * Records the sweep as running; one real sweep at a time per organisation (one left running by a crash for six
   * hours is closed as failed). `carryOut` then does the work; between them the caller may answer with the record.
   */
  async begin(organisationId: string, options: SweepOptions): Promise<RetentionSweepEntity> {
    const asOf = ukDate();
    return this.db.forTenant(organisationId, async (m) => {
      await m.query(
        `update retention_sweeps set status = 'failed', finished_at = now() where status = 'running' and started_at < now() - interval '6 hours'`,
      );
      const [row]: { id: string; started_at: Date }[] = await m.query(
        `insert into retention_sweeps (organisation_id, dry_run, trigger, as_of, requested_by) values ($1, $2, $3, $4, $5)
         on conflict do nothing returning id, started_at`,
        [organisationId, options.dryRun, options.trigger, asOf, options.requestedBy ?? null],
      );
      if (!row)
        throw new DomainError(
          409,
          'SWEEP_RUNNING',
          'A retention sweep is running for this organisation already; try again when it has finished',
        );
      return Object.assign(new RetentionSweepEntity(), {
        id: row.id,
        organisationId,
        dryRun: options.dryRun,
        trigger: options.trigger,
        status: 'running',
        asOf,
        erased: {},
        held: {},
        heldRecords: [],
        failed: {},
        requestedBy: options.requestedBy ?? null,
        startedAt: row.started_at,
        finishedAt: null,
      } satisfies RetentionSweepEntity);
    });
  }

  /** The sweep begun: each record type in turn; the record is completed (or marked failed) and audited at the end. */
  async carryOut(organisationId: string, sweep: RetentionSweepEntity, options: SweepOptions): Promise<RetentionSweepEntity> {
    const { asOf } = sweep;
    try {
      const rules = await this.db.forTenant(organisationId, (m) => effectiveRules(m));
      for (const rule of rules) {
        // The instant before which a record's period started for it to have run: midnight (UK) after the cutoff date.
        const [{ before }]: { before: Date }[] = await this.db.forTenant(organisationId, (m) =>
          m.query(`select (($1::date + 1)::timestamp at time zone 'Europe/London') as before`, [latestExpiredStart(asOf, rule.period)]),
        );
        const source = sourceOf(rule, options.everything ?? false);
        const held = await this.db.forTenant(organisationId, (m) => this.held(m, rule.recordType, source, before));
        if (held.count > 0) {
          sweep.held[rule.recordType] = held.count;
          sweep.heldRecords.push(...held.records);
        }
        if (options.dryRun) {
          const expired = await this.db.forTenant(organisationId, (m) => this.countExpired(m, source, before));
          if (expired > 0) sweep.erased[rule.recordType] = expired;
        } else {
          await this.eraseExpired(organisationId, rule.recordType, source, before, sweep);
        }
      }
      sweep.status = 'completed';
    } catch (error) {
      sweep.status = 'failed';
      this.logger.error({
        msg: 'retention sweep failed',
        sweepId: sweep.id,
        errorName: (error as Error).name,
        errorCode: (error as { code?: string }).code,
      });
      throw error;
    } finally {
      await this.finish(organisationId, sweep);
    }
    return sweep;
  }

  private async finish(organisationId: string, sweep: RetentionSweepEntity): Promise<void> {
    sweep.finishedAt = new Date();
    await this.db.forTenant(organisationId, async (m) => {
      await m.query(
        `update retention_sweeps set status = $2, erased = $3, held = $4, held_records = $5, failed = $6, finished_at = $7 where id = $1`,
        [
          sweep.id,
          sweep.status,
          JSON.stringify(sweep.erased),
          JSON.stringify(sweep.held),
          JSON.stringify(sweep.heldRecords),
          JSON.stringify(sweep.failed),
          sweep.finishedAt,
        ],
      );
      await this.audit.record(m, {
        organisationId,
        ...(sweep.requestedBy ? {} : { actor: { type: 'system', id: null } }),
        action: sweep.dryRun ? 'retention.sweep_dry_run' : 'retention.sweep',
        entityType: 'retention_sweep',
        entityId: sweep.id,
        details: {
          trigger: sweep.trigger,
          status: sweep.status,
          asOf: sweep.asOf,
          erased: sweep.erased,
          held: sweep.held,
          failed: sweep.failed,
        },
      });
    });
  }

  private async countExpired(m: EntityManager, source: RecordSource, before: Date): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(
      `select count(*)::int as n from ${source.from} where ${source.expired} and not ${ENQUIRY_KEPT}`,
      [before],
    );
    return n;
  }

  private async held(
    m: EntityManager,
    recordType: RetentionClass,
    source: RecordSource,
    before: Date,
  ): Promise<{ count: number; records: HeldRecord[] }> {
    if (recordType === 'subject_request') return { count: 0, records: [] };
    const rows: { id: string; hold_id: string | null; total: number }[] = await m.query(
      `select x.id, ${WHY_KEPT} as hold_id, count(*) over ()::int as total from ${source.from} where ${source.expired} and ${ENQUIRY_KEPT} limit ${HELD_LISTED}`,
      [before],
    );
    return {
      count: rows[0]?.total ?? 0,
      records: rows.map((row) => ({
        recordType,
        id: row.id,
        ...(row.hold_id ? { reason: 'legal_hold' as const, legalHoldId: row.hold_id } : { reason: 'open_subject_request' as const }),
      })),
    };
  }

  /**
   * Erases in batches until nothing expired is left, counting on the sweep as it goes (so that a sweep stopped
   * half-way says truly what it erased) and saving the counts every few seconds for anyone following it.
   */
  private async eraseExpired(
    organisationId: string,
    recordType: RetentionClass,
    source: RecordSource,
    before: Date,
    sweep: RetentionSweepEntity,
  ): Promise<void> {
    const { RETENTION_BATCH_SIZE: batch, RETENTION_DUTY_CYCLE: duty } = this.settings.env;
    const failed: string[] = [];
    let saved = Date.now();
    try {
      for (;;) {
        // A service being stopped ends the sweep between batches: what is erased stays erased, the rest waits for the next.
        if (this.shutdown.isDraining)
          throw new DomainError(
            503,
            'SHUTTING_DOWN',
            'The service is restarting: the sweep stopped between batches and the next one carries on',
          );
        const started = Date.now();
        const { erased, picked } = await this.eraseBatch(organisationId, recordType, source, before, batch, failed, sweep);
        if (erased > 0) sweep.erased[recordType] = (sweep.erased[recordType] ?? 0) + erased;
        if (failed.length > 0) sweep.failed[recordType] = failed.length;
        if (picked < batch) break;
        if (Date.now() - saved >= PROGRESS_EVERY_MS) {
          await this.saveProgress(organisationId, sweep);
          saved = Date.now();
        }
        // Rest in proportion to the work done, so the sweep takes at most `duty` of the time.
        await new Promise((resolve) => setTimeout(resolve, ((Date.now() - started) * (1 - duty)) / duty));
      }
    } finally {
      if (failed.length > 0) sweep.failed[recordType] = failed.length;
    }
  }

  /** The counts so far, on the running sweep's record. */
  private async saveProgress(organisationId: string, sweep: RetentionSweepEntity): Promise<void> {
    await this.db.forTenant(organisationId, (m) =>
      m.query(`update retention_sweeps set erased = $2, held = $3, held_records = $4, failed = $5 where id = $1 and status = 'running'`, [
        sweep.id,
        JSON.stringify(sweep.erased),
        JSON.stringify(sweep.held),
        JSON.stringify(sweep.heldRecords),
        JSON.stringify(sweep.failed),
      ]),
    );
  }

  private async eraseBatch(
    organisationId: string,
    recordType: RetentionClass,
    source: RecordSource,
    before: Date,
    batch: number,
    failed: string[],
    sweep: RetentionSweepEntity,
  ): Promise<{ erased: number; picked: number }> {
    const pick = (m: EntityManager, columns: string, lock: string) =>
      m.query(
        `select ${columns} from ${source.from} where ${source.expired} and not ${ENQUIRY_KEPT} and x.id <> all($2::uuid[]) limit ${batch} ${lock}`,
        [before, failed],
      );

    if (recordType === 'call_recording_audio' || recordType === 'call_recording_video') {
      // Held records are never picked (ENQUIRY_KEPT), so a legal hold keeps both the reference and the recording.
      const rows: { id: string; ref: string }[] = await this.db.forTenant(organisationId, (m) => pick(m, 'x.id, x.ref', ''));
      const forgotten = await this.recordingEraser.erase(organisationId, rows, failed);
      return { erased: forgotten, picked: rows.length };
    }

    return this.db.forTenant(organisationId, async (m) => {
      if (recordType === 'referral') {
        const rows: { id: string }[] = await pick(m, 'x.id', 'for update of x skip locked');
        if (rows.length > 0) await eraseReferralSnapshots(m, { escalationIds: rows.map((row) => row.id) });
        return { erased: rows.length, picked: rows.length };
      }
      if (recordType === 'subject_request') {
        const rows: { id: string }[] = await pick(m, 'x.id', 'for update of x skip locked');
        if (rows.length > 0)
          await eraseSubjectRequestDetails(
            m,
            rows.map((row) => row.id),
          );
        return { erased: rows.length, picked: rows.length };
      }
      const rows: { id: string; data_subject_id: string }[] = await pick(m, 'e.id, e.data_subject_id', 'for update of e skip locked');
      const counts = await eraseEnquiries(
        m,
        rows.map((row) => row.id),
      );
      if (counts.callRecordings) await this.recordingEraser.scheduleWithin(m, organisationId);
      // People with nothing left that needs their details are erased with their last enquiry.
      const people: { id: string }[] = await m.query(PEOPLE_LEFT, [[...new Set(rows.map((row) => row.data_subject_id))]]);
      const subjects = await eraseSubjects(
        m,
        people.map((person) => person.id),
      );
      if (subjects.subjects) sweep.erased.data_subject = (sweep.erased.data_subject ?? 0) + subjects.subjects;
      return { erased: counts.enquiries ?? 0, picked: rows.length };
    });
  }
}
