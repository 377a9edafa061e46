import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sealedFor, type SecretBox } from '../../common/secret-box.js';
import { Settings } from '../../config/settings.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import type { JobName } from '../../jobs/job-names.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { backoffDelayMs } from './backoff.js';
import type { DeliveryDestination, DeliveryOutcome, OutboundMessage } from './delivery-adapter.js';
import { EmailDeliveryAdapter } from './email-delivery.adapter.js';
import { Open311DeliveryAdapter } from './open311-delivery.adapter.js';
import { WebhookDeliveryAdapter } from './webhook-delivery.adapter.js';

/** One claimed row of an outbox: the attempt counted, and what to send where. */
export interface ClaimedMessage {
  attempt: number;
  deliveryType: 'webhook' | 'email' | 'open311';
  destination: DeliveryDestination;
  message: OutboundMessage;
}

/**
 * A table of messages to services (escalations, recipient notices) as the delivery loop sees it. `claim` counts
 * the attempt and holds the row (its lease) until the outcome is recorded, in one statement, or answers nothing
 * when the row is no longer pending or another attempt holds it.
 */
export interface Outbox {
  job: JobName;
  /** The job's data for one row. */
  jobData(organisationId: string, id: string): Record<string, unknown>;
  claim(m: EntityManager, id: string, leaseSeconds: number): Promise<ClaimedMessage | undefined>;
  /** When the lease of an attempt in flight runs out; nothing when the row is not pending or not held. */
  heldUntil(m: EntityManager, id: string): Promise<Date | undefined>;
  /** Delivered or dead: the row, and whatever records it (timeline, ledger, audit); the receiver's own reference if it gave one. */
  settle(m: EntityManager, id: string, status: 'delivered' | 'dead', error: string | null, externalReference?: string): Promise<void>;
  retryAt(m: EntityManager, id: string, error: string, next: Date): Promise<void>;
  /** 410 Gone: the receiver retired the endpoint. */
  disableEndpoint(m: EntityManager, id: string): Promise<void>;
}

/** A claimed row's destination columns (the service's), as every outbox's claim returns them. */
export interface DestinationColumns {
  webhook_url: string | null;
  webhook_secret: string | null;
  email_address: string | null;
  open311_url: string | null;
  open311_api_key: string | null;
  open311_service_code: string | null;
  open311_jurisdiction_id: string | null;
  /** The service's own ids: its sealed secrets are bound to them. */
  destination_organisation_id: string;
  destination_service_id: string;
}

/** The service's destination columns, as every outbox's claim selects them (services aliased `s`). */
export const DESTINATION_COLUMNS =
  's.webhook_url, s.webhook_secret, s.email_address, s.open311_url, s.open311_api_key, s.open311_service_code, s.open311_jurisdiction_id, s.organisation_id as destination_organisation_id, s.id as destination_service_id';

/**
 * An outbox kept in a table with the shared delivery columns (`attempt_lease_until`, `last_error`,
 * `next_attempt_at`, `delivery_status`, `service_id`): what is the same for every such table is here; each table
 * says how it claims a row and what settling it records.
 */
export abstract class OutboxTable implements Outbox {
  abstract readonly job: JobName;
  protected abstract readonly table: 'escalations' | 'recipient_notices';
  /** Extra assignments when a row changes (a table with `updated_at`). */
  protected readonly touch: string = '';

  constructor(protected readonly secrets: SecretBox) {}

  abstract jobData(organisationId: string, id: string): Record<string, unknown>;
  abstract claim(m: EntityManager, id: string, leaseSeconds: number): Promise<ClaimedMessage | undefined>;
  abstract settle(
    m: EntityManager,
    id: string,
    status: 'delivered' | 'dead',
    error: string | null,
    externalReference?: string,
  ): Promise<void>;

  async heldUntil(m: EntityManager, id: string): Promise<Date | undefined> {
    const [held]: { attempt_lease_until: Date }[] = await m.query(
      `select attempt_lease_until from ${this.table} where id = $1 and delivery_status = 'pending' and attempt_lease_until >= now()`,
      [id],
    );
    return held?.attempt_lease_until;
  }

  async retryAt(m: EntityManager, id: string, error: string, next: Date): Promise<void> {
    await m.query(`update ${this.table} set last_error = $2, next_attempt_at = $3, attempt_lease_until = null${this.touch} where id = $1`, [
      id,
      error,
      next,
    ]);
  }

  async disableEndpoint(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `update services set webhook_disabled_at = now(), updated_at = now() where id = (select service_id from ${this.table} where id = $1)`,
      [id],
    );
  }

  /** Where a claimed row goes, and how: the webhook secret opened only now, for this attempt. */
  protected destination(row: DestinationColumns & { delivery_type: string }): Pick<ClaimedMessage, 'deliveryType' | 'destination'> {
    if (row.delivery_type === 'open311') {
      return {
        deliveryType: 'open311',
        destination: {
          url: row.open311_url ?? undefined,
          open311:
            row.open311_api_key && row.open311_service_code
              ? {
                  apiKey: this.secrets.open(
                    row.open311_api_key,
                    sealedFor.open311ApiKey(row.destination_organisation_id, row.destination_service_id),
                  ),
                  serviceCode: row.open311_service_code,
                  jurisdictionId: row.open311_jurisdiction_id ?? undefined,
                }
              : undefined,
        },
      };
    }
    return {
      deliveryType: row.delivery_type === 'email' ? 'email' : 'webhook',
      destination: {
        url: row.webhook_url ?? undefined,
        secret: row.webhook_secret
          ? this.secrets.open(row.webhook_secret, sealedFor.webhookSecret(row.destination_organisation_id, row.destination_service_id))
          : undefined,
        address: row.email_address ?? undefined,
      },
    };
  }
}

/**
 * The delivery loop every outbox shares: one attempt per job. A failure schedules the next attempt as a new job
 * (capped exponential backoff with full jitter, or the receiver's Retry-After); after WEBHOOK_MAX_ATTEMPTS the row
 * is dead-lettered for a supervisor to replay; 410 Gone disables the endpoint. A duplicated or retried job finds
 * the row held and leaves it to the attempt in flight, so a receiver is never asked twice at once.
 */
@Injectable()
export class OutboxDelivery {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly settings: Settings,
    private readonly webhook: WebhookDeliveryAdapter,
    private readonly email: EmailDeliveryAdapter,
    private readonly open311: Open311DeliveryAdapter,
  ) {}

  async deliver(outbox: Outbox, organisationId: string, id: string): Promise<void> {
    // The lease outlasts the attempt's time limit, so it lapses only if this worker died mid-attempt.
    const leaseSeconds = this.settings.env.WEBHOOK_TIMEOUT_MS / 1000 + 30;
    const claimed = await this.db.forTenant(
      organisationId,
      async (m) => (await outbox.claim(m, id, leaseSeconds)) ?? (await this.followHeld(m, outbox, organisationId, id)),
    );
    if (!claimed) return;
    const adapter = claimed.deliveryType === 'email' ? this.email : claimed.deliveryType === 'open311' ? this.open311 : this.webhook;
    const outcome = await adapter.deliver(claimed.message, claimed.destination);
    // The outcome is known now: recording it must not fail for a passing reason, or the job would be retried and
    // the receiver asked again. A few quick tries; then the lease runs out and the follow-up job takes over.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.db.forTenant(organisationId, (m) => this.record(m, outbox, organisationId, id, claimed.attempt, outcome));
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  /**
   * Another attempt holds the row: leave it to that one, and look again when its lease runs out, in case its
   * worker died mid-attempt (then the row is attempted again, as it must be). Nothing to claim.
   */
  private async followHeld(m: EntityManager, outbox: Outbox, organisationId: string, id: string): Promise<undefined> {
    const until = await outbox.heldUntil(m, id);
    if (until)
      await this.jobs.sendWithin(m, outbox.job, outbox.jobData(organisationId, id), { startAfter: new Date(until.getTime() + 1000) });
    return undefined;
  }

  private async record(
    m: EntityManager,
    outbox: Outbox,
    organisationId: string,
    id: string,
    attempt: number,
    outcome: DeliveryOutcome,
  ): Promise<void> {
    if (outcome.kind === 'delivered') return outbox.settle(m, id, 'delivered', null, outcome.externalReference);
    if (outcome.kind === 'gone') await outbox.disableEndpoint(m, id);
    if (outcome.kind !== 'retry' || attempt >= this.settings.env.WEBHOOK_MAX_ATTEMPTS) return outbox.settle(m, id, 'dead', outcome.error);
    const delay = backoffDelayMs(
      attempt - 1,
      { baseMs: this.settings.env.WEBHOOK_BACKOFF_BASE_MS, capMs: this.settings.env.WEBHOOK_BACKOFF_CAP_MS },
      Math.random,
      outcome.retryAfterMs,
    );
    const next = new Date(Date.now() + delay);
    await outbox.retryAt(m, id, outcome.error, next);
    await this.jobs.sendWithin(m, outbox.job, outbox.jobData(organisationId, id), { startAfter: next });
  }
}
