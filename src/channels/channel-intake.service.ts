import { Injectable } from '@nestjs/common';
import { enquiryFromSource } from '../enquiries/enquiry-reads.js';
import { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../database/tenant-database.js';
import type { CreateEnquiryDto } from '../enquiries/dto/create-enquiry.dto.js';
import { EnquiryIntakeService } from '../enquiries/enquiry-intake.service.js';
import type { Channel } from '../contracts/enquiry-vocabulary.js';
import { MetricsService } from '../observability/metrics.service.js';
import type { RetentionClass } from '../retention/retention-class.js';

export interface IngestResult {
  created: boolean;
  enquiryId: string;
  reference: string;
}

export interface IngestPlan {
  /** The outside system's id for this delivery: the same id twice makes one enquiry. */
  externalId: string;
  enquiry: (m: EntityManager) => Promise<CreateEnquiryDto>;
  retentionClass?: RetentionClass;
  /** Work done with the new enquiry in the same transaction (call log, recordings, attachments). */
  after?: (m: EntityManager, enquiry: { id: string; reference: string }) => Promise<void>;
}

/**
 * The one path by which every channel turns a delivery into an enquiry: idempotent on (organisation, channel,
 * external id), in one tenant transaction, audited by the intake, counted in metrics by channel and outcome.
 */
@Injectable()
export class ChannelIntakeService {
  private readonly ingested: Counter<'channel' | 'outcome'>;

  constructor(
    private readonly db: TenantDatabase,
    private readonly intake: EnquiryIntakeService,
    metrics: MetricsService,
  ) {
    this.ingested = new Counter({
      name: 'signpost_channel_ingest_total',
      help: 'Channel deliveries by channel and outcome (created, duplicate, rejected)',
      labelNames: ['channel', 'outcome'],
      registers: [metrics.registry],
    });
  }

  async ingest(organisationId: string, channel: Channel, plan: IngestPlan): Promise<IngestResult> {
    try {
      const result = await this.db.forTenant(organisationId, async (m) => {
        const existing = await this.existing(m, channel, plan.externalId);
        if (existing) return existing;
        const dto = await plan.enquiry(m);
        const created = await this.intake.createWithin(
          m,
          { ...dto, channel, sourceReference: plan.externalId },
          { organisationId, staffId: null, actorType: 'channel' },
          { retentionClass: plan.retentionClass },
        );
        await plan.after?.(m, created);
        return { created: true, enquiryId: created.id, reference: created.reference };
      });
      this.ingested.inc({ channel, outcome: result.created ? 'created' : 'duplicate' });
      return result;
    } catch (error) {
      // Two copies of one delivery racing each other: the loser finds the winner's enquiry.
      if ((error as { code?: string }).code === '23505') {
        const existing = await this.db.forTenant(organisationId, (m) => this.existing(m, channel, plan.externalId));
        if (existing) {
          this.ingested.inc({ channel, outcome: 'duplicate' });
          return existing;
        }
      }
      this.ingested.inc({ channel, outcome: 'rejected' });
      throw error;
    }
  }

  /** The same, inside a transaction the caller owns (an all-or-nothing import). */
  async ingestWithin(m: EntityManager, organisationId: string, channel: Channel, plan: IngestPlan): Promise<IngestResult> {
    const existing = await this.existing(m, channel, plan.externalId);
    if (existing) {
      this.ingested.inc({ channel, outcome: 'duplicate' });
      return existing;
    }
    const dto = await plan.enquiry(m);
    const created = await this.intake.createWithin(
      m,
      { ...dto, channel, sourceReference: plan.externalId },
      { organisationId, staffId: null, actorType: 'channel' },
      { retentionClass: plan.retentionClass },
    );
    await plan.after?.(m, created);
    this.ingested.inc({ channel, outcome: 'created' });
    return { created: true, enquiryId: created.id, reference: created.reference };
  }

  /** Counts a delivery refused before it reached intake (bad signature, malformed body). */
  rejected(channel: Channel): void {
    this.ingested.inc({ channel, outcome: 'rejected' });
  }

  private async existing(m: EntityManager, channel: Channel, externalId: string): Promise<IngestResult | undefined> {
    const enquiry = await enquiryFromSource(m, channel, externalId);
    return enquiry ? { created: false, enquiryId: enquiry.id, reference: enquiry.reference } : undefined;
  }
}
