import { Injectable } from '@nestjs/common';
import { enquiryReferences } from '../enquiries/enquiry-reads.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import type { EntityManager, FindOptionsWhere } from 'typeorm';

import { AuditService } from '../audit/audit.service.js';
import { requestContext, type Principal } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { DisclosureEntity } from './disclosure.entity.js';
import type { EscalationDto, ListEscalationsQueryDto } from './dto/escalation.dto.js';
import { EscalationEntity, type EscalationStatus } from './escalation.entity.js';
import { escalationNotFound, illegalEscalationStep, notDeadLettered } from './escalations.errors.js';
import { serviceCodes } from '../directory/service-reads.js';
import { ACKNOWLEDGEMENT_SQL, referralAcknowledgement } from './referral-acknowledgement.js';

const NEXT: Record<EscalationStatus, EscalationStatus[]> = { sent: ['acknowledged', 'closed'], acknowledged: ['closed'], closed: [] };

/**
 * The service side of escalations: a service user sees only their own service's, with only the permitted
 * fields, and acknowledges, updates and closes them; supervisors watch deliveries and replay dead letters.
 */
@Injectable()
export class EscalationDeskService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  list(query: ListEscalationsQueryDto): Promise<EscalationDto[]> {
    const principal = this.principal();
    const now = new Date();
    return this.db.transaction(async (m) => {
      const where: FindOptionsWhere<EscalationEntity> = {
        ...visibleTo(principal),
        ...(query.deliveryStatus ? { deliveryStatus: query.deliveryStatus } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const listed = m.createQueryBuilder(EscalationEntity, 'e').where(where);
      // At risk or breached (the acknowledgement rule in SQL): soonest due, the longest overdue, first; otherwise newest first.
      const escalations = await (
        query.sla
          ? listed
              .andWhere(ACKNOWLEDGEMENT_SQL.awaiting('e'))
              .andWhere(`${ACKNOWLEDGEMENT_SQL.state('e', 'cast(:now as timestamptz)')} = :sla`, { now, sla: query.sla })
              .orderBy('e.acknowledgementDueAt', 'ASC')
              .addOrderBy('e.createdAt', 'ASC')
          : listed.orderBy('e.createdAt', 'DESC')
      )
        .limit(200)
        .getMany();
      const dtos = await this.toDtos(m, escalations, now);
      await this.audit.record(m, {
        action: 'escalation.list',
        entityType: 'escalation',
        fields: [...new Set(escalations.flatMap((e) => e.sharedFields))].sort(),
        details: { returned: escalations.map((e) => e.id) },
      });
      return dtos;
    });
  }

  get(id: string): Promise<EscalationDto> {
    const principal = this.principal();
    return this.db.transaction(async (m) => {
      const escalation = await this.visible(m, principal, id);
      await this.audit.record(m, { action: 'escalation.read', entityType: 'escalation', entityId: id, fields: escalation.sharedFields });
      return (await this.toDtos(m, [escalation]))[0];
    });
  }

  acknowledge(id: string): Promise<EscalationDto> {
    return this.step(id, 'acknowledged', (escalation) => {
      escalation.acknowledgedAt = new Date();
      return { event: 'escalation_acknowledged' };
    });
  }

  close(id: string, outcome: string): Promise<EscalationDto> {
    return this.step(id, 'closed', (escalation) => {
      Object.assign(escalation, { closedAt: new Date(), outcome, acknowledgedAt: escalation.acknowledgedAt ?? new Date() });
      return { event: 'escalation_closed', body: outcome };
    });
  }

  addUpdate(id: string, text: string): Promise<EscalationDto> {
    const principal = this.principal();
    return this.db.transaction(async (m) => {
      const escalation = await this.visible(m, principal, id);
      if (escalation.status === 'closed') throw illegalEscalationStep('closed', 'updated');
      await this.timeline(m, escalation, principal, { event: 'escalation_update' }, text);
      await this.audit.record(m, { action: 'escalation.update', entityType: 'escalation', entityId: id, fields: ['update.text'] });
      return (await this.toDtos(m, [escalation]))[0];
    });
  }

  /** Puts a dead-lettered delivery back on the queue. The same webhook-id is used, so receivers deduplicate. */
  replay(id: string): Promise<EscalationDto> {
    const principal = this.principal();
    return this.db.transaction(async (m) => {
      const escalation = await this.visible(m, principal, id, true);
      if (escalation.deliveryStatus !== 'dead') throw notDeadLettered();
      Object.assign(escalation, { deliveryStatus: 'pending', nextAttemptAt: null, attempts: 0 });
      await m.save(escalation);
      await m.update(DisclosureEntity, { escalationId: id }, { deliveryStatus: 'pending' });
      await this.jobs.sendWithin(m, JOB_NAMES.deliverEscalation, { organisationId: escalation.organisationId, escalationId: id });
      await this.timeline(m, escalation, principal, { event: 'escalation_replayed' });
      await this.audit.record(m, { action: 'escalation.replay', entityType: 'escalation', entityId: id });
      return (await this.toDtos(m, [escalation]))[0];
    });
  }

  private step(
    id: string,
    to: EscalationStatus,
    apply: (escalation: EscalationEntity) => { event: string; body?: string },
  ): Promise<EscalationDto> {
    const principal = this.principal();
    return this.db.transaction(async (m) => {
      const escalation = await this.visible(m, principal, id, true);
      if (!NEXT[escalation.status].includes(to)) throw illegalEscalationStep(escalation.status, to);
      const from = escalation.status;
      const { event, body } = apply(escalation);
      escalation.status = to;
      await m.save(escalation);
      await this.timeline(m, escalation, principal, { event, from, to }, body);
      await this.audit.record(m, {
        action: `escalation.${to === 'closed' ? 'close' : 'acknowledge'}`,
        entityType: 'escalation',
        entityId: id,
        details: { from, to },
      });
      return (await this.toDtos(m, [escalation]))[0];
    });
  }

  private async visible(m: EntityManager, principal: Principal, id: string, lock = false): Promise<EscalationEntity> {
    const escalation = await m.findOne(EscalationEntity, {
      where: { id, ...visibleTo(principal) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!escalation) throw escalationNotFound();
    return escalation;
  }

  private async timeline(
    m: EntityManager,
    escalation: EscalationEntity,
    principal: Principal,
    metadata: Record<string, unknown>,
    body?: string,
  ): Promise<void> {
    await appendTimelineEvent(m, {
      organisationId: escalation.organisationId,
      enquiryId: escalation.enquiryId,
      kind: body ? 'note' : 'system',
      authorType: principal.role === 'service' ? 'service' : 'staff',
      authorId: principal.userId,
      body: body ?? null,
      metadata: { ...metadata, escalationId: escalation.id },
    });
  }

  private async toDtos(m: EntityManager, escalations: EscalationEntity[], now = new Date()): Promise<EscalationDto[]> {
    if (escalations.length === 0) return [];
    const reference = await enquiryReferences(
      m,
      escalations.map((e) => e.enquiryId),
    );
    const code = await serviceCodes(
      m,
      escalations.map((e) => e.serviceId),
    );
    // Notices about the person (a correction, an erasure, a restriction) that came after the referral.
    const notices: { escalation_id: string; kind: string; fields: Record<string, string>; created_at: Date }[] = await m.query(
      `select escalation_id, kind, fields, created_at from recipient_notices where escalation_id = any($1) order by created_at`,
      [escalations.map((e) => e.id)],
    );
    return escalations.map((e) => ({
      id: e.id,
      reference: reference.get(e.enquiryId) ?? '',
      service: code.get(e.serviceId) ?? '',
      status: e.status,
      deliveryType: e.deliveryType,
      deliveryStatus: e.deliveryStatus,
      fields: e.fields,
      sharedFields: e.sharedFields,
      attempts: e.attempts,
      ...(e.lastError ? { lastError: e.lastError } : {}),
      ...(e.outcome ? { outcome: e.outcome } : {}),
      createdAt: e.createdAt.toISOString(),
      ...(e.deliveredAt ? { deliveredAt: e.deliveredAt.toISOString() } : {}),
      ...(e.acknowledgedAt ? { acknowledgedAt: e.acknowledgedAt.toISOString() } : {}),
      ...acknowledgementOf(e, now),
      ...(e.closedAt ? { closedAt: e.closedAt.toISOString() } : {}),
      notices: notices
        .filter((notice) => notice.escalation_id === e.id)
        .map((notice) => ({
          kind: notice.kind,
          ...(notice.kind === 'rectification' ? { fields: notice.fields } : {}),
          createdAt: new Date(notice.created_at).toISOString(),
        })),
    }));
  }

  private principal(): Principal {
    const principal = requestContext.principal();
    if (!principal) throw new Error('escalation desk needs a member of staff');
    return principal;
  }
}

/** A service user sees only their own service's escalations; other staff see their organisation's. */
function visibleTo(principal: Principal): FindOptionsWhere<EscalationEntity> {
  return principal.role === 'service' ? { serviceId: principal.serviceId ?? '00000000-0000-0000-0000-000000000000' } : {};
}

/** The referral's acknowledgement target as the API shows it (`referralAcknowledgement` decides the state). */
function acknowledgementOf(
  e: EscalationEntity,
  now: Date,
): Pick<EscalationDto, 'acknowledgementDueAt' | 'acknowledgementState' | 'acknowledgedOnTime'> {
  const { acknowledgementState, acknowledgedOnTime } = referralAcknowledgement(e, now);
  return {
    ...(e.acknowledgementDueAt ? { acknowledgementDueAt: e.acknowledgementDueAt.toISOString() } : {}),
    acknowledgementState,
    ...(acknowledgedOnTime === null ? {} : { acknowledgedOnTime }),
  };
}
