import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { RecordingStore } from './recording-store.js';

/** The recording references of enquiries whose personal data has been erased: their recordings must go too. */
export const RECORDINGS_OF_ERASED_ENQUIRIES = `
  select x.id, x.ref from call_recordings x join call_logs c on c.id = x.call_log_id join enquiries e on e.id = c.enquiry_id
   where e.erased_at is not null`;

/**
 * Deleting call recordings from the store (the telephony platform's archive) before Signpost forgets their
 * references: for the retention sweep, and right after an erasure (Art. 17, or an organisation leaving) through a
 * job that is retried until the store has deleted every recording, so no recording of an erased enquiry is left
 * in the store with nothing pointing at it.
 */
@Injectable()
export class RecordingEraser implements OnModuleInit {
  private readonly logger = new Logger(RecordingEraser.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly recordings: RecordingStore,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(JOB_NAMES.eraseRecordings, async (data) => {
      const failed = await this.eraseOfErasedEnquiries(String(data.organisationId));
      // Thrown so the queue retries with backoff; the references stay until the store has deleted their recordings.
      if (failed > 0) throw new Error(`${failed} recordings not yet deleted from the store`);
    });
  }

  /** Asks, inside the erasing transaction, for the recordings of the organisation's erased enquiries to be deleted once it commits. */
  scheduleWithin(m: EntityManager, organisationId: string): Promise<void> {
    return this.jobs.sendWithin(m, JOB_NAMES.eraseRecordings, { organisationId });
  }

  /** Deletes the recordings of the organisation's erased enquiries from the store, then forgets them; answers how many could not be deleted. */
  async eraseOfErasedEnquiries(organisationId: string): Promise<number> {
    const rows: { id: string; ref: string }[] = await this.db.forTenant(organisationId, (m) => m.query(RECORDINGS_OF_ERASED_ENQUIRIES));
    const failed: string[] = [];
    await this.erase(organisationId, rows, failed);
    return failed.length;
  }

  /**
   * Recording references of one organisation: each recording is deleted from the store under the organisation's
   * prefix, then its references forgotten. A recording that another reference row still names (of this
   * organisation or another, and not among these) stays in the store and only these references are forgotten.
   * The store is called outside any transaction; a reference goes only once its recording has (or is known to be
   * another's). Answers how many references were forgotten; the ids the store refused are added to `failed`.
   */
  async erase(organisationId: string, rows: { id: string; ref: string }[], failed: string[]): Promise<number> {
    if (rows.length === 0) return 0;
    const slug = await this.organisationSlug(organisationId);
    const byRef = new Map<string, string[]>();
    for (const row of rows) byRef.set(row.ref, [...(byRef.get(row.ref) ?? []), row.id]);
    const forget: string[] = [];
    let leftInStore = 0;
    for (const [ref, ids] of byRef) {
      if (await this.namedElsewhere(ref, ids)) {
        forget.push(...ids);
        leftInStore += 1;
      } else if (await this.recordings.delete(slug, ref)) forget.push(...ids);
      else failed.push(...ids);
    }
    if (leftInStore > 0)
      this.logger.log({
        msg: 'recording references forgotten, recordings left in the store: other records name them',
        organisationId,
        recordings: leftInStore,
      });
    if (forget.length > 0)
      await this.db.forTenant(organisationId, (m) => m.query(`delete from call_recordings where id = any($1)`, [forget]));
    return forget.length;
  }

  /** Whether any reference row other than `except`, in any organisation, names `ref` (a definer function answering only yes or no). */
  private async namedElsewhere(ref: string, except: string[]): Promise<boolean> {
    const [row] = await this.db.lookup<{ named: boolean }>('select recording_named_elsewhere($1, $2::uuid[]) as named', [ref, except]);
    return row?.named === true;
  }

  private async organisationSlug(organisationId: string): Promise<string> {
    const [row]: { slug: string }[] = await this.db.registry((m) =>
      m.query('select slug from organisations where id = $1', [organisationId]),
    );
    if (!row) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', 'organisation not found');
    return row.slug;
  }
}
