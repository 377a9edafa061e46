import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox } from '../common/secret-box.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { ServiceEntity } from '../directory/service.entity.js';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import { backoffDelayMs } from './delivery/backoff.js';
import type { DeliveryOutcome, OutboundReferral } from './delivery/delivery-adapter.js';
import { EmailDeliveryAdapter } from './delivery/email-delivery.adapter.js';
import { WebhookDeliveryAdapter } from './delivery/webhook-delivery.adapter.js';
import { DisclosureEntity } from './disclosure.entity.js';
import { EscalationEntity, type DeliveryStatus } from './escalation.entity.js';

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
    const claimed = await this.db.forTenant(organisationId, (m) => this.claim(m, escalationId));
    if (!claimed) return;
    const outcome = await claimed.adapter.deliver(claimed.referral, claimed.destination);
    await this.db.forTenant(organisationId, (m) => this.record(m, escalationId, claimed.attempt, outcome));
  }

  /** Counts the attempt and gathers what the adapter needs; nothing when the escalation is no longer pending. */
  private async claim(m: EntityManager, escalationId: string): Promise<Claimed | undefined> {
    const escalation = await m.findOne(EscalationEntity, { where: { id: escalationId }, lock: { mode: 'pessimistic_write' } });
    if (!escalation || escalation.deliveryStatus !== 'pending') return undefined;
    const service = await m.findOneOrFail(ServiceEntity, { where: { id: escalation.serviceId } });
    const enquiry = await m.findOneOrFail(EnquiryEntity, { where: { id: escalation.enquiryId } });
    const organisation = await m.findOneOrFail(OrganisationEntity, { where: { id: escalation.organisationId } });
    escalation.attempts += 1;
    escalation.lastAttemptAt = new Date();
    await m.save(escalation);
    return {
      attempt: escalation.attempts,
      adapter: escalation.deliveryType === 'email' ? this.email : this.webhook,
      destination: {
        url: service.webhookUrl ?? undefined,
        secret: service.webhookSecret ? this.secrets.open(service.webhookSecret) : undefined,
        address: service.emailAddress ?? undefined,
      },
      referral: {
        messageId: escalation.messageId,
        escalationId: escalation.id,
        reference: enquiry.reference,
        organisation: organisation.slug,
        organisationName: organisation.name,
        service: { code: service.code, name: service.name },
        fields: escalation.fields,
        createdAt: escalation.createdAt,
      },
    };
  }

  private async record(m: EntityManager, escalationId: string, attempt: number, outcome: DeliveryOutcome): Promise<void> {
    const escalation = await m.findOneOrFail(EscalationEntity, { where: { id: escalationId }, lock: { mode: 'pessimistic_write' } });
    if (outcome.kind === 'delivered') {
      await this.settle(m, escalation, 'delivered', null);
      return;
    }
    if (outcome.kind === 'gone') {
      await m.update(ServiceEntity, { id: escalation.serviceId }, { webhookDisabledAt: new Date() });
    }
    const lastAttempt = outcome.kind !== 'retry' || attempt >= this.settings.env.WEBHOOK_MAX_ATTEMPTS;
    if (lastAttempt) {
      await this.settle(m, escalation, 'dead', outcome.error);
      return;
    }
    const delay = backoffDelayMs(attempt - 1, { baseMs: this.settings.env.WEBHOOK_BACKOFF_BASE_MS, capMs: this.settings.env.WEBHOOK_BACKOFF_CAP_MS }, Math.random, outcome.retryAfterMs);
    const next = new Date(Date.now() + delay);
    Object.assign(escalation, { lastError: outcome.error, nextAttemptAt: next });
    await m.save(escalation);
    await this.jobs.sendWithin(m, JOB_NAMES.deliverEscalation, { organisationId: escalation.organisationId, escalationId }, { startAfter: next });
  }

  private async settle(m: EntityManager, escalation: EscalationEntity, status: Extract<DeliveryStatus, 'delivered' | 'dead'>, error: string | null): Promise<void> {
    const now = new Date();
    Object.assign(escalation, { deliveryStatus: status, lastError: error, nextAttemptAt: null, ...(status === 'delivered' ? { deliveredAt: now } : {}) });
    await m.save(escalation);
    await m.update(DisclosureEntity, { escalationId: escalation.id }, { deliveryStatus: status, ...(status === 'delivered' ? { deliveredAt: now } : {}) });
    await appendTimelineEvent(m, {
        organisationId: escalation.organisationId,
        enquiryId: escalation.enquiryId,
        kind: 'system',
        authorType: 'system',
        authorId: null,
        metadata: { event: status === 'delivered' ? 'escalation_delivered' : 'escalation_dead_lettered', escalationId: escalation.id, attempts: escalation.attempts, ...(error ? { error } : {}) },
      });
    await this.audit.record(m, {
      organisationId: escalation.organisationId,
      actor: { type: 'system', id: null },
      action: status === 'delivered' ? 'escalation.delivered' : 'escalation.dead_lettered',
      entityType: 'escalation',
      entityId: escalation.id,
      fields: status === 'delivered' ? escalation.sharedFields : [],
      details: { attempts: escalation.attempts, ...(error ? { error } : {}) },
    });
    if (status === 'dead') this.logger.warn({ msg: 'escalation dead-lettered', escalationId: escalation.id, attempts: escalation.attempts, error });
  }
}
