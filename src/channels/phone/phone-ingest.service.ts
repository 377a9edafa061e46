import { Injectable } from '@nestjs/common';
import { readEnquiry, enquiryByReference } from '../../enquiries/enquiry-reads.js';
import { appendTimelineEvent } from '../../enquiries/timeline.js';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError, RequestValidationError } from '../../common/errors/domain-error.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { ChannelIntakeService, type IngestResult } from '../channel-intake.service.js';
import { CallLogEntity } from './call-log.entity.js';
import { CallRecordingEntity } from './call-recording.entity.js';
import type { CallLogDto } from './dto/call-log.dto.js';
import { CallLinks } from './call-links.js';

/** Call logs from the telephony platform: a new enquiry per call, or a call attached to the enquiry named. */
@Injectable()
export class PhoneIngestService {
  constructor(
    private readonly channels: ChannelIntakeService,
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly links: CallLinks,
  ) {}

  async ingest(organisationId: string, call: CallLogDto): Promise<IngestResult> {
    if (Date.parse(call.endedAt) < Date.parse(call.startedAt)) {
      throw new RequestValidationError([{ field: 'endedAt', problem: 'endedAt must not be before startedAt' }]);
    }
    if (call.enquiryReference) {
      const reference = call.enquiryReference;
      return this.attach(organisationId, call, async (m) => {
        const enquiry = await enquiryByReference(m, reference);
        if (!enquiry) throw new DomainError(422, 'UNKNOWN_ENQUIRY_REFERENCE', 'enquiryReference names no enquiry of this organisation');
        return enquiry;
      });
    }
    // The advisor it rang at said which enquiry the call is about (`CallLinks`): the log joins that one.
    const linked = await this.db.forTenant(organisationId, (m) => this.links.linkedEnquiry(m, call.callId));
    if (linked) return this.attach(organisationId, call, (m) => readEnquiry(m, linked));
    return this.channels.ingest(organisationId, 'phone', this.plan(organisationId, call));
  }

  /** For an import that owns its transaction: the call becomes an enquiry (attaching is for live pushes). */
  ingestWithin(m: EntityManager, organisationId: string, call: CallLogDto): Promise<IngestResult> {
    return this.channels.ingestWithin(m, organisationId, 'phone', this.plan(organisationId, call));
  }

  private plan(organisationId: string, call: CallLogDto) {
    const summary = [
      `${call.direction === 'inbound' ? 'Call from' : 'Call to'} the caller`,
      call.queue && `queue ${call.queue}`,
      call.disposition && `outcome ${call.disposition}`,
    ]
      .filter(Boolean)
      .join(', ');
    return {
      externalId: call.callId,
      enquiry: async () => ({
        channel: 'phone' as const,
        requesterType: call.requesterType ?? ('citizen' as const),
        subject: { name: call.callerName?.trim() || 'Unknown caller', phone: call.callerNumber },
        description: summary,
      }),
      after: (m: EntityManager, enquiry: { id: string }) => this.recordCall(m, organisationId, enquiry.id, call),
    };
  }

  /** The advisor named the enquiry this call belongs to (in the log, or while it rang): the call joins its timeline. */
  private attach(
    organisationId: string,
    call: CallLogDto,
    enquiryOf: (m: EntityManager) => Promise<{ id: string; reference: string }>,
  ): Promise<IngestResult> {
    return this.db.forTenant(organisationId, async (m) => {
      const enquiry = await enquiryOf(m);
      const existing = await m.findOne(CallLogEntity, { where: { callId: call.callId } });
      if (existing) {
        const owner = await readEnquiry(m, existing.enquiryId);
        return { created: false, enquiryId: owner.id, reference: owner.reference };
      }
      await this.recordCall(m, organisationId, enquiry.id, call);
      await this.audit.record(m, {
        organisationId,
        actor: { type: 'channel', id: null },
        action: 'call.attach',
        entityType: 'enquiry',
        entityId: enquiry.id,
        fields: ['callerNumber'],
      });
      return { created: true, enquiryId: enquiry.id, reference: enquiry.reference };
    });
  }

  private async recordCall(m: EntityManager, organisationId: string, enquiryId: string, call: CallLogDto): Promise<void> {
    const log = await m.save(
      m.create(CallLogEntity, {
        organisationId,
        callId: call.callId,
        enquiryId,
        direction: call.direction,
        callerNumber: call.callerNumber,
        queue: call.queue ?? null,
        agent: call.agent ?? null,
        disposition: call.disposition ?? null,
        startedAt: new Date(call.startedAt),
        endedAt: new Date(call.endedAt),
      }),
    );
    for (const recording of call.recordings ?? []) {
      await m.save(
        m.create(CallRecordingEntity, {
          organisationId,
          callLogId: log.id,
          kind: recording.kind,
          ref: recording.ref,
          recordedAt: new Date(recording.recordedAt),
          retentionClass: recording.kind === 'audio' ? 'call_recording_audio' : 'call_recording_video',
        }),
      );
    }
    await appendTimelineEvent(m, {
      organisationId,
      enquiryId,
      kind: 'system',
      authorType: 'system',
      authorId: null,
      metadata: {
        event: 'call_logged',
        callId: call.callId,
        direction: call.direction,
        durationSeconds: Math.round((Date.parse(call.endedAt) - Date.parse(call.startedAt)) / 1000),
        recordings: (call.recordings ?? []).map((r) => r.kind),
      },
    });
  }
}
