import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { insertRow } from '../database/insert-row.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import type { DangerKind, FlagDecision, FlagRaised, FlagReviewed, FlagStatus, SafeguardingFlagView } from '../contracts/safeguarding.js';
import { SafeguardingFlagEntity } from './safeguarding-flag.entity.js';
import { NO_SAFEGUARDING_CONTACTS, type SafeguardingContacts } from './safeguarding-guidance.js';

/** What the consoles are told when a flag is raised or reviewed (relayed by the console gateway). */
export type SafeguardingAlert =
  | { event: 'safeguarding:flagged'; organisationId: string; flag: FlagRaised }
  | { event: 'safeguarding:reviewed'; organisationId: string; flag: FlagReviewed };

export interface RaiseFlag {
  organisationId: string;
  enquiryId: string;
  channel: string;
  kinds: readonly DangerKind[];
  chatId?: string | null;
  /** The e-mail, form submission or social message that carried the words, for the timeline. */
  messageRef?: Record<string, string>;
}

export type FlagListFilter = 'open' | 'reviewed' | 'all';

const flagNotFound = () => new DomainError(404, 'FLAG_NOT_FOUND', 'Safeguarding flag not found');

/**
 * Flags of possible immediate danger: raised by the channels in the same transaction as the message that carried
 * the words, listed for supervisors (unreviewed first, oldest first), and reviewed by a supervisor as handled or as
 * a false alarm. A review is a human decision on the record: it is counted in reports and never feeds the
 * detector's training by itself.
 */
@Injectable()
export class SafeguardingFlags {
  /** Raised and reviewed flags, for the consoles; emitted once the flag's transaction has committed. */
  readonly alerts = new Subject<SafeguardingAlert>();

  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a flag in the caller's transaction (with the message it came from): the flag, a timeline event and an
   * audit entry, kinds and ids only. Call `announce` with the result once the transaction has committed.
   */
  async raise(m: EntityManager, flag: RaiseFlag): Promise<SafeguardingAlert> {
    const kinds = [...new Set(flag.kinds)];
    const row = await insertRow(m, SafeguardingFlagEntity, {
      organisationId: flag.organisationId,
      enquiryId: flag.enquiryId,
      chatId: flag.chatId ?? null,
      channel: flag.channel,
      kinds,
    });
    const [{ reference }]: { reference: string }[] = await m.query(`select reference from enquiries where id = $1`, [flag.enquiryId]);
    const metadata = {
      event: 'safety_flag',
      kind: 'danger',
      kinds,
      flagId: row.id,
      ...(flag.chatId ? { chatId: flag.chatId } : {}),
      ...flag.messageRef,
    };
    await appendTimelineEvent(m, {
      organisationId: flag.organisationId,
      enquiryId: flag.enquiryId,
      kind: 'system',
      authorType: 'system',
      authorId: null,
      metadata,
    });
    await this.audit.record(m, {
      organisationId: flag.organisationId,
      actor: { type: 'system', id: null },
      action: 'safeguarding.flag',
      entityType: 'enquiry',
      entityId: flag.enquiryId,
      details: { flagId: row.id, kinds, channel: flag.channel },
    });
    return {
      event: 'safeguarding:flagged',
      organisationId: flag.organisationId,
      flag: {
        flagId: row.id,
        enquiryId: flag.enquiryId,
        reference,
        chatId: row.chatId,
        channel: row.channel,
        kinds,
        raisedAt: row.raisedAt.toISOString(),
      },
    };
  }

  /** Tells the organisation's consoles (after the flag's transaction committed). */
  announce(alert: SafeguardingAlert | undefined): void {
    if (alert) this.alerts.next(alert);
  }

  /** The council's own emergency duty numbers, for the guidance the citizen is given. */
  async contacts(organisationId: string): Promise<SafeguardingContacts> {
    const [row]: { safeguarding_contacts: SafeguardingContacts | null }[] = await this.db.registry((m) =>
      m.query(`select safeguarding_contacts from organisations where id = $1`, [organisationId]),
    );
    return { ...NO_SAFEGUARDING_CONTACTS, ...row?.safeguarding_contacts };
  }

  /** The organisation's flags: unreviewed first, the longest waiting at the top; then reviewed, newest first. */
  list(filter: FlagListFilter): Promise<SafeguardingFlagView[]> {
    const where = { open: `f.status = 'open'`, reviewed: `f.status <> 'open'`, all: 'true' }[filter];
    return this.db.transaction(async (m) => {
      const rows: FlagRow[] = await m.query(
        `${FLAG_SELECT} where ${where}
          order by (f.status = 'open') desc, case when f.status = 'open' then f.raised_at end asc, coalesce(f.reviewed_at, f.raised_at) desc
          limit 500`,
      );
      return rows.map(toView);
    });
  }

  /** A supervisor's decision on an open flag: handled, or a false alarm, with an optional note. Audited. */
  async review(id: string, decision: FlagDecision, note: string | undefined): Promise<SafeguardingFlagView> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('reviewing a flag needs a principal');
    const view = await this.db.transaction(async (m) => {
      const [flag]: { status: FlagStatus; enquiry_id: string }[] = await m.query(
        `select status, enquiry_id from safeguarding_flags where id = $1 for update`,
        [id],
      );
      if (!flag) throw flagNotFound();
      if (flag.status !== 'open') throw new DomainError(409, 'FLAG_ALREADY_REVIEWED', 'This flag has already been reviewed');
      await m.query(`update safeguarding_flags set status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4 where id = $1`, [
        id,
        decision,
        principal.userId,
        note?.trim() || null,
      ]);
      await appendTimelineEvent(m, {
        organisationId: principal.organisationId,
        enquiryId: flag.enquiry_id,
        kind: 'system',
        authorType: 'staff',
        authorId: principal.userId,
        metadata: { event: 'safety_flag_reviewed', flagId: id, decision },
      });
      await this.audit.record(m, {
        organisationId: principal.organisationId,
        actor: { type: 'staff', id: principal.userId },
        action: 'safeguarding.review',
        entityType: 'enquiry',
        entityId: flag.enquiry_id,
        details: { flagId: id, decision },
      });
      const [row]: FlagRow[] = await m.query(`${FLAG_SELECT} where f.id = $1`, [id]);
      return toView(row);
    });
    this.announce({ event: 'safeguarding:reviewed', organisationId: principal.organisationId, flag: { flagId: id, status: view.status } });
    return view;
  }
}

const FLAG_SELECT = `
  select f.id, f.enquiry_id, e.reference, f.chat_id, f.channel, f.kinds, f.status, f.raised_at, f.reviewed_at, f.review_note,
         f.reviewed_by, s.display_name as reviewer_name
    from safeguarding_flags f join enquiries e on e.id = f.enquiry_id left join staff_users s on s.id = f.reviewed_by`;

interface FlagRow {
  id: string;
  enquiry_id: string;
  reference: string;
  chat_id: string | null;
  channel: string;
  kinds: DangerKind[];
  status: FlagStatus;
  raised_at: Date;
  reviewed_at: Date | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
}

function toView(row: FlagRow): SafeguardingFlagView {
  return {
    id: row.id,
    enquiryId: row.enquiry_id,
    reference: row.reference,
    chatId: row.chat_id,
    channel: row.channel,
    kinds: row.kinds,
    status: row.status,
    raisedAt: row.raised_at.toISOString(),
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    reviewedBy: row.reviewed_by ? { id: row.reviewed_by, displayName: row.reviewer_name ?? '' } : null,
    reviewNote: row.review_note,
  };
}
