import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox } from '../common/secret-box.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { SharedField } from '../directory/shared-fields.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { backoffDelayMs } from './delivery/backoff.js';
import type { DeliveryOutcome, OutboundReferral } from './delivery/delivery-adapter.js';
import { EmailDeliveryAdapter } from './delivery/email-delivery.adapter.js';
import { WebhookDeliveryAdapter } from './delivery/webhook-delivery.adapter.js';
import type { DeliveryStatus } from './escalation.entity.js';

/**
 * The attempt counted and everything the adapter needs: escalation, service, enquiry reference, organisation.
 * A claim holds the escalation (`attempt_lease_until`) until the outcome is recorded, so a duplicated or retried
 * job finds it held and leaves it to the attempt in flight. The row is found by its key alone and then checked: with `delivery_status = 'pending'` beside the key, the
 * planner, whose statistics say few escalations are pending, walks the organisation's pending ones instead,
 * and a backlog (a burst, a receiver's outage) is just when there are many.
 */
const CLAIM = `
  with locked as (
    select id, delivery_status, attempt_lease_until from escalations where id = $1 for update
  ), claimed as (
    update escalations e set attempts = e.attempts + 1, last_attempt_at = now(), updated_at = now(),
           attempt_lease_until = now() + make_interval(secs => $2)
    from locked
    where e.id = locked.id and locked.delivery_status = 'pending'
      and (locked.attempt_lease_until is null or locked.attempt_lease_until < now())
    returning e.id, e.organisation_id, e.enquiry_id, e.service_id, e.message_id, e.fields, e.delivery_type, e.attempts, e.created_at
  )
  select c.*, s.code as service_code, s.name as service_name, s.webhook_url, s.webhook_secret, s.email_address,
         e.reference, o.slug as organisation_slug, o.name as organisation_name
  from claimed c
  join services s on s.organisation_id = c.organisation_id and s.id = c.service_id
  join enquiries e on e.organisation_id = c.organisation_id and e.id = c.enquiry_id
  join organisations o on o.id = c.organisation_id`;

interface ClaimedRow {
  id: string;
  organisation_id: string;
  message_id: string;
  fields: Record<string, string>;
  delivery_type: string;
  attempts: number;
  created_at: Date | string;
  service_code: string;
  service_name: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  email_address: string | null;
  reference: string;
  organisation_slug: string;
  organisation_name: string;
}

/** Delivered or dead: the escalation and its disclosure record together. */
const SETTLE = `
  with settled as (
    update escalations
    set delivery_status = $2, last_error = $3, next_attempt_at = null, attempt_lease_until = null, updated_at = now(),
        delivered_at = case when $2 = 'delivered' then now() else delivered_at end
    where id = $1
    returning organisation_id, enquiry_id, shared_fields, attempts
  ), disclosed as (
    update disclosures
    set delivery_status = $2, delivered_at = case when $2 = 'delivered' then now() else delivered_at end
    where escalation_id = $1
  )
  select * from settled`;

interface SettledRow {
  organisation_id: string;
  enquiry_id: string;
  shared_fields: SharedField[];
  attempts: number;
}

interface Claimed {
  referral: OutboundReferral;
  destination: { url?: string; secret?: string; address?: string };
  adapter: WebhookDeliveryAdapter | EmailDeliveryAdapter;
  attempt: number;
}

/**
 * Runs the `escalation-deliver` job: one attempt per job. A failure schedules the next attempt as a new job
 * (capped exponential backoff with full jitter, or the receiver's Retry-After); after WEBHOOK_MAX_ATTEMPTS the
 * escalation is dead-lettered for a supervisor to replay. 410 Gone disables the endpoint.
 */
@Injectable()
export class EscalationDeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger(EscalationDeliveryWorker.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly settings: Settings,
    private readonly secrets: SecretBox,
    private readonly webhook: WebhookDeliveryAdapter,
    private readonly email: EmailDeliveryAdapter,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(JOB_NAMES.deliverEscalation, (data) => this.deliver(String(data.organisationId), String(data.escalationId)));
  }

  async deliver(organisationId: string, escalationId: string): Promise<void> {
    const claimed = await this.db.forTenant(organisationId, async (m) => (await this.claim(m, escalationId)) ?? (await this.followHeld(m, organisationId, escalationId)));
    if (!claimed) return;
    const outcome = await claimed.adapter.deliver(claimed.referral, claimed.destination);
    // The outcome is known now: recording it must not fail for a passing reason, or the job would be retried and
    // the receiver asked again. A few quick tries; then the lease runs out and the follow-up job takes over.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.db.forTenant(organisationId, (m) => this.record(m, organisationId, escalationId, claimed.attempt, outcome));
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /**
   * Another attempt holds the escalation: leave it to that one, and look again when its lease runs out, in case
   * its worker died mid-attempt (then the escalation is attempted again, as it must be). Nothing to claim.
   */
  private async followHeld(m: EntityManager, organisationId: string, escalationId: string): Promise<undefined> {
    const [held]: { attempt_lease_until: Date }[] = await m.query(
      `select attempt_lease_until from escalations where id = $1 and delivery_status = 'pending' and attempt_lease_until >= now()`,
      [escalationId],
    );
    if (held) await this.jobs.sendWithin(m, JOB_NAMES.deliverEscalation, { organisationId, escalationId }, { startAfter: new Date(held.attempt_lease_until.getTime() + 1000) });
    return undefined;
  }

  /**
   * Counts the attempt and gathers what the adapter needs, in one statement; nothing when the escalation is no
   * longer pending. The update locks the escalation row until commit, as `select … for update` did.
   */
  private async claim(m: EntityManager, escalationId: string): Promise<Claimed | undefined> {
    // The lease outlasts the attempt's time limit, so it lapses only if this worker died mid-attempt.
    const [row]: ClaimedRow[] = await m.query(CLAIM, [escalationId, this.settings.env.WEBHOOK_TIMEOUT_MS / 1000 + 30]);
    if (!row) return undefined;
    return {
      attempt: row.attempts,
      adapter: row.delivery_type === 'email' ? this.email : this.webhook,
      destination: {
        url: row.webhook_url ?? undefined,
        secret: row.webhook_secret ? this.secrets.open(row.webhook_secret) : undefined,
        address: row.email_address ?? undefined,
      },
      referral: {
        messageId: row.message_id,
        escalationId: row.id,
        reference: row.reference,
        organisation: row.organisation_slug,
        organisationName: row.organisation_name,
        service: { code: row.service_code, name: row.service_name },
        fields: row.fields,
        createdAt: new Date(row.created_at),
      },
    };
  }

  private async record(m: EntityManager, organisationId: string, escalationId: string, attempt: number, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.kind === 'delivered') {
      await this.settle(m, escalationId, 'delivered', null);
      return;
    }
    if (outcome.kind === 'gone') {
      await m.query(`update services set webhook_disabled_at = now(), updated_at = now() where id = (select service_id from escalations where id = $1)`, [escalationId]);
    }
    const lastAttempt = outcome.kind !== 'retry' || attempt >= this.settings.env.WEBHOOK_MAX_ATTEMPTS;
    if (lastAttempt) {
      await this.settle(m, escalationId, 'dead', outcome.error);
      return;
    }
    const delay = backoffDelayMs(attempt - 1, { baseMs: this.settings.env.WEBHOOK_BACKOFF_BASE_MS, capMs: this.settings.env.WEBHOOK_BACKOFF_CAP_MS }, Math.random, outcome.retryAfterMs);
    const next = new Date(Date.now() + delay);
    await m.query(`update escalations set last_error = $2, next_attempt_at = $3, attempt_lease_until = null, updated_at = now() where id = $1`, [escalationId, outcome.error, next]);
    await this.jobs.sendWithin(m, JOB_NAMES.deliverEscalation, { organisationId, escalationId }, { startAfter: next });
  }

  /** Settles the escalation and its disclosure record in one statement, then the timeline and (last) the audit entry. */
  private async settle(m: EntityManager, escalationId: string, status: Extract<DeliveryStatus, 'delivered' | 'dead'>, error: string | null): Promise<void> {
    const [escalation]: SettledRow[] = await m.query(SETTLE, [escalationId, status, error]);
    if (!escalation) throw new Error('escalation not found');
    await appendTimelineEvent(m, {
      organisationId: escalation.organisation_id,
      enquiryId: escalation.enquiry_id,
      kind: 'system',
      authorType: 'system',
      authorId: null,
      metadata: { event: status === 'delivered' ? 'escalation_delivered' : 'escalation_dead_lettered', escalationId, attempts: escalation.attempts, ...(error ? { error } : {}) },
    });
    await this.audit.record(m, {
      organisationId: escalation.organisation_id,
      actor: { type: 'system', id: null },
      action: status === 'delivered' ? 'escalation.delivered' : 'escalation.dead_lettered',
      entityType: 'escalation',
      entityId: escalationId,
      fields: status === 'delivered' ? escalation.shared_fields : [],
      details: { attempts: escalation.attempts, ...(error ? { error } : {}) },
    });
    if (status === 'dead') this.logger.warn({ msg: 'escalation dead-lettered', escalationId, attempts: escalation.attempts, error });
  }
}
