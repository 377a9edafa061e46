import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox } from '../common/secret-box.js';
import type { SharedField } from '../contracts/shared-fields.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import {
  DESTINATION_COLUMNS,
  OutboxDelivery,
  OutboxTable,
  type ClaimedMessage,
  type DestinationColumns,
} from './delivery/outbox-delivery.js';
import { referralMessage } from './delivery/referral-message.js';
import type { DeliveryStatus } from '../contracts/shared-fields.js';

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
    returning e.id, e.organisation_id, e.enquiry_id, e.service_id, e.message_id, e.fields, e.delivery_type, e.attempts, e.created_at,
              e.acknowledgement_due_at
  )
  select c.*, s.code as service_code, s.name as service_name, ${DESTINATION_COLUMNS},
         e.reference, o.slug as organisation_slug, o.name as organisation_name
  from claimed c
  join services s on s.organisation_id = c.organisation_id and s.id = c.service_id
  join enquiries e on e.organisation_id = c.organisation_id and e.id = c.enquiry_id
  join organisations o on o.id = c.organisation_id`;

interface ClaimedRow extends DestinationColumns {
  id: string;
  organisation_id: string;
  message_id: string;
  fields: Record<string, string>;
  delivery_type: string;
  attempts: number;
  created_at: Date | string;
  acknowledgement_due_at: Date | string | null;
  service_code: string;
  service_name: string;
  reference: string;
  organisation_slug: string;
  organisation_name: string;
}

/** Delivered or dead: the escalation and its disclosure record together. */
const SETTLE = `
  with settled as (
    update escalations
    set delivery_status = $2, last_error = $3, next_attempt_at = null, attempt_lease_until = null, updated_at = now(),
        external_reference = coalesce($4, external_reference),
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

/**
 * Runs the `escalation-deliver` job: the escalations table as an outbox of `escalation.created` messages, sent by
 * the shared delivery loop (one attempt per job, backoff, dead letter, 410 disables the endpoint).
 */
@Injectable()
export class EscalationDeliveryWorker extends OutboxTable implements OnModuleInit {
  readonly job = JOB_NAMES.deliverEscalation;
  protected readonly table = 'escalations';
  protected override readonly touch = ', updated_at = now()';
  private readonly logger = new Logger(EscalationDeliveryWorker.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly delivery: OutboxDelivery,
    secrets: SecretBox,
    private readonly audit: AuditService,
  ) {
    super(secrets);
  }

  onModuleInit(): void {
    this.jobs.handle(this.job, (data) => this.deliver(String(data.organisationId), String(data.escalationId)));
  }

  deliver(organisationId: string, escalationId: string): Promise<void> {
    return this.delivery.deliver(this, organisationId, escalationId);
  }

  jobData(organisationId: string, escalationId: string): Record<string, unknown> {
    return { organisationId, escalationId };
  }

  /**
   * Counts the attempt and gathers what the adapter needs, in one statement; nothing when the escalation is no
   * longer pending. The update locks the escalation row until commit, as `select … for update` did.
   */
  async claim(m: EntityManager, escalationId: string, leaseSeconds: number): Promise<ClaimedMessage | undefined> {
    const [row]: ClaimedRow[] = await m.query(CLAIM, [escalationId, leaseSeconds]);
    if (!row) return undefined;
    return {
      attempt: row.attempts,
      ...this.destination(row),
      message: referralMessage({
        messageId: row.message_id,
        escalationId: row.id,
        reference: row.reference,
        organisation: row.organisation_slug,
        organisationName: row.organisation_name,
        service: { code: row.service_code, name: row.service_name },
        fields: row.fields,
        createdAt: new Date(row.created_at),
        acknowledgementDueAt: row.acknowledgement_due_at ? new Date(row.acknowledgement_due_at) : null,
      }),
    };
  }

  /** Settles the escalation and its disclosure record in one statement, then the timeline and (last) the audit entry. */
  async settle(
    m: EntityManager,
    escalationId: string,
    status: Extract<DeliveryStatus, 'delivered' | 'dead'>,
    error: string | null,
    externalReference?: string,
  ): Promise<void> {
    const [escalation]: SettledRow[] = await m.query(SETTLE, [escalationId, status, error, externalReference ?? null]);
    if (!escalation) throw new Error('escalation not found');
    await appendTimelineEvent(m, {
      organisationId: escalation.organisation_id,
      enquiryId: escalation.enquiry_id,
      kind: 'system',
      authorType: 'system',
      authorId: null,
      metadata: {
        event: status === 'delivered' ? 'escalation_delivered' : 'escalation_dead_lettered',
        escalationId,
        attempts: escalation.attempts,
        ...(error ? { error } : {}),
      },
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
