import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { ukDate } from '../common/uk-date.js';
import { DataSubjectsService } from '../data-subjects/data-subjects.service.js';
import { insertRow } from '../database/insert-row.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type {
  ClarificationDto,
  ConfirmSubjectsDto,
  CreateSubjectRequestDto,
  EvidenceDto,
  FulfilDto,
  ReasonDto,
  RecipientNoticeDto,
  RefuseDto,
  ResumeDto,
  SubjectRequestDto,
} from './dto/subject-request.dto.js';
import { RecipientNoticeEntity } from './recipient-notice.entity.js';
import { extensionInTime, readClock, type ClockFacts } from './statutory-clock.js';
import type { ClockEvent } from '../contracts/subject-requests.js';
import { SubjectRequestEntity } from './subject-request.entity.js';
import {
  alreadyExtended,
  alreadyPaused,
  noRepresentative,
  notPaused,
  extensionTooLate,
  subjectRequestClosed,
  subjectRequestNotFound,
} from './subject-request.errors.js';
import { assertVerified, factsOf, nationOf, openForUpdate, toDto, ukDayOf } from './subject-request-records.js';

/**
 * Subject-rights requests and their statutory clock: recording, reading, the requester's identity and any
 * authority, clarification, extension, confirming whose records they are, and closing (fulfilled or refused).
 * Every change of the due date is kept in the request's clock history.
 */
@Injectable()
export class SubjectRequestLifecycle {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly subjects: DataSubjectsService,
  ) {}

  create(input: CreateSubjectRequestDto): Promise<SubjectRequestDto> {
    const subject = Object.fromEntries(
      Object.entries(input.subject)
        .filter(([, value]) => typeof value === 'string' && value.trim() !== '')
        .map(([key, value]) => [key, (value as string).trim()]),
    );
    if (Object.keys(subject).length === 0)
      throw new RequestValidationError([
        { field: 'subject', problem: 'subject needs at least one of name, email, phone, dateOfBirth, address' },
      ]);
    const receivedOn = ukDayOf(input.receivedAt, 'receivedAt');
    return this.db.transaction(async (m) => {
      const nation = await nationOf(m);
      const reading = readClock({ receivedOn, nation });
      const request = await insertRow(m, SubjectRequestEntity, {
        organisationId: requestContext.tenant(),
        type: input.type,
        status: 'awaiting_identity',
        channel: input.channel ?? 'internal',
        subject,
        representative: input.representative
          ? { name: input.representative.name.trim(), relationship: input.representative.relationship.trim() }
          : null,
        receivedOn,
        dueOn: reading.dueOn,
        clockHistory: [{ at: new Date().toISOString(), event: 'received', dueOn: reading.dueOn }],
        createdBy: requestContext.principal()?.userId ?? null,
      });
      await this.audit.record(m, {
        action: 'subject_request.create',
        entityType: 'subject_request',
        entityId: request.id,
        fields: Object.keys(subject)
          .map((key) => `subject.${key}`)
          .sort(),
        details: { type: input.type, dueOn: reading.dueOn },
      });
      return toDto(request, nation);
    });
  }

  list(): Promise<SubjectRequestDto[]> {
    return this.db.transaction(async (m) => {
      const nation = await nationOf(m);
      const requests = await m.find(SubjectRequestEntity, { order: { dueOn: 'ASC', createdAt: 'ASC' }, take: 500 });
      await this.audit.record(m, {
        action: 'subject_request.list',
        entityType: 'subject_request',
        fields: requests.length > 0 ? ['subject'] : [],
        details: { count: requests.length },
      });
      return requests.map((request) => toDto(request, nation));
    });
  }

  get(id: string): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id } });
      if (!request) throw subjectRequestNotFound();
      await this.audit.record(m, { action: 'subject_request.read', entityType: 'subject_request', entityId: id, fields: ['subject'] });
      return toDto(request, await nationOf(m));
    });
  }

  /** The requester's identity is confirmed: the clock starts (again) from when the evidence arrived. */
  verifyIdentity(id: string, input: EvidenceDto): Promise<SubjectRequestDto> {
    const on = ukDayOf(input.receivedAt, 'receivedAt');
    return this.change(id, 'identity_verified', (request) => {
      if (on < request.receivedOn)
        throw new RequestValidationError([{ field: 'receivedAt', problem: 'receivedAt must not be before the request was received' }]);
      request.identityEvidence = input.evidence.trim();
      request.identityReceivedOn = on;
      request.status = request.representative && !request.authorityReceivedOn ? 'awaiting_authority' : 'in_progress';
    });
  }

  /** Someone acting for the person has shown their authority (a signed letter, a lasting power of attorney, …). */
  recordAuthority(id: string, input: EvidenceDto): Promise<SubjectRequestDto> {
    const on = ukDayOf(input.receivedAt, 'receivedAt');
    return this.change(id, 'authority_received', (request) => {
      if (!request.representative) throw noRepresentative();
      if (on < request.receivedOn)
        throw new RequestValidationError([{ field: 'receivedAt', problem: 'receivedAt must not be before the request was received' }]);
      request.authorityEvidence = input.evidence.trim();
      request.authorityReceivedOn = on;
      if (request.identityReceivedOn) request.status = 'in_progress';
    });
  }

  /** A clarification that is genuinely needed stops the clock until the answer arrives. */
  askClarification(id: string, input: ClarificationDto): Promise<SubjectRequestDto> {
    const on = input.on ?? ukDate();
    return this.change(id, 'paused', (request) => {
      if (request.pauses.some((pause) => !pause.to)) throw alreadyPaused();
      if (on < request.receivedOn || on > ukDate())
        throw new RequestValidationError([{ field: 'on', problem: 'on must be between the request’s receipt and today' }]);
      request.pauses = [...request.pauses, { from: on, reason: input.reason.trim() }];
      request.status = 'paused';
    });
  }

  clarificationReceived(id: string, input: ResumeDto): Promise<SubjectRequestDto> {
    const on = input.on ?? ukDate();
    return this.change(id, 'resumed', (request) => {
      const open = request.pauses.find((pause) => !pause.to);
      if (!open) throw notPaused();
      if (on < open.from || on > ukDate())
        throw new RequestValidationError([{ field: 'on', problem: 'on must be between the question and today' }]);
      request.pauses = request.pauses.map((pause) => (pause === open ? { ...pause, to: on } : pause));
      request.status =
        request.identityReceivedOn && (!request.representative || request.authorityReceivedOn)
          ? 'in_progress'
          : request.identityReceivedOn
            ? 'awaiting_authority'
            : 'awaiting_identity';
    });
  }

  /** Complex requests: three months from the start, recorded with reasons before the first month ends. */
  extend(id: string, input: ReasonDto): Promise<SubjectRequestDto> {
    return this.change(id, 'extended', (request, facts) => {
      if (request.extendedOn) throw alreadyExtended(request.extendedOn);
      const today = ukDate();
      if (!extensionInTime(facts, today)) {
        throw extensionTooLate(readClock({ ...facts, extended: false }, today).firstDueOn);
      }
      request.extendedOn = today;
      request.extensionReason = input.reason.trim();
    });
  }

  private change(
    id: string,
    event: ClockEvent['event'],
    apply: (request: SubjectRequestEntity, facts: ClockFacts) => void,
  ): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw subjectRequestNotFound();
      if (request.status === 'completed' || request.status === 'refused') throw subjectRequestClosed();
      const nation = await nationOf(m);
      apply(request, factsOf(request, nation));
      const reading = readClock(factsOf(request, nation), ukDate());
      request.dueOn = reading.dueOn;
      request.clockHistory = [...request.clockHistory, { at: new Date().toISOString(), event, dueOn: reading.dueOn }];
      await m.save(request);
      await this.audit.record(m, {
        action: `subject_request.${event}`,
        entityType: 'subject_request',
        entityId: id,
        details: { dueOn: reading.dueOn, status: request.status },
      });
      return toDto(request, nation);
    });
  }

  /** The DPO confirms which records held are the requester's (after the subject search). */
  confirmSubjects(id: string, input: ConfirmSubjectsDto): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      const found = await this.subjects.existingIds(m, input.dataSubjectIds);
      const missing = input.dataSubjectIds.filter((subjectId) => !found.includes(subjectId.toLowerCase()));
      if (missing.length > 0)
        throw new RequestValidationError([
          { field: 'dataSubjectIds', problem: `${missing.length} of the data subjects given are not held here` },
        ]);
      request.dataSubjectIds = [...new Set(input.dataSubjectIds.map((subjectId) => subjectId.toLowerCase()))];
      await m.save(request);
      await this.audit.record(m, {
        action: 'subject_request.subjects_confirmed',
        entityType: 'subject_request',
        entityId: id,
        details: { dataSubjectIds: request.dataSubjectIds },
      });
      return toDto(request, await nationOf(m));
    });
  }

  /** The response has gone to the person: the request is completed, with what was done. */
  fulfil(id: string, input: FulfilDto): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      assertVerified(request);
      Object.assign(request, { status: 'completed', closedAt: new Date(), outcome: input.outcome.trim() });
      await m.save(request);
      await this.audit.record(m, {
        action: 'subject_request.fulfil',
        entityType: 'subject_request',
        entityId: id,
        details: { type: request.type, dueOn: request.dueOn, onTime: ukDate() <= request.dueOn },
      });
      return toDto(request, await nationOf(m));
    });
  }

  /** The response was a refusal (Art. 12(5): manifestly unfounded or excessive, or an exemption applies). */
  refuse(id: string, input: RefuseDto): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      Object.assign(request, { status: 'refused', closedAt: new Date(), outcome: `Refused: ${input.reason.trim()}` });
      await m.save(request);
      await this.audit.record(m, {
        action: 'subject_request.refuse',
        entityType: 'subject_request',
        entityId: id,
        details: { type: request.type, dueOn: request.dueOn, onTime: ukDate() <= request.dueOn },
      });
      return toDto(request, await nationOf(m));
    });
  }

  /** The notice ledger of a request: which services were told what, and whether it reached them. */
  recipientNotices(id: string): Promise<RecipientNoticeDto[]> {
    return this.db.transaction(async (m) => {
      if (!(await m.exists(SubjectRequestEntity, { where: { id } }))) throw subjectRequestNotFound();
      const notices = await m.find(RecipientNoticeEntity, { where: { subjectRequestId: id }, order: { createdAt: 'ASC' } });
      await this.audit.record(m, {
        action: 'subject_request.notices',
        entityType: 'subject_request',
        entityId: id,
        details: { count: notices.length },
      });
      return notices.map((notice) => ({
        id: notice.id,
        kind: notice.kind,
        escalationId: notice.escalationId,
        recipient: notice.recipientName,
        fields: Object.keys(notice.fields),
        deliveryType: notice.deliveryType,
        deliveryStatus: notice.deliveryStatus,
        attempts: notice.attempts,
        createdAt: notice.createdAt.toISOString(),
        ...(notice.deliveredAt ? { deliveredAt: notice.deliveredAt.toISOString() } : {}),
        ...(notice.lastError ? { lastError: notice.lastError } : {}),
      }));
    });
  }
}
