import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, RequestValidationError } from '../common/errors/domain-error.js';
import { withdrawConsent } from '../consent/consent-withdrawal.js';
import { requestContext } from '../common/request-context.js';
import { ukDate } from '../common/uk-date.js';
import { insertRow } from '../database/insert-row.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { UkNation } from '../tenancy/bank-holidays.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import type { ClarificationDto, ConfirmSubjectsDto, CreateSubjectRequestDto, EraseDto, EvidenceDto, FulfilDto, LiftRestrictionDto, ObjectionDecisionDto, ReasonDto, RecipientNoticeDto, RectifyDto, RefuseDto, ResumeDto, SubjectRequestDto, WithdrawConsentRequestDto } from './dto/subject-request.dto.js';
import { addressKey, emailKey, nameKey, phoneKey, postcodeKey } from '../data-subjects/subject-keys.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { DataSubjectEntity } from '../data-subjects/data-subject.entity.js';
import { heldEnquiries, heldSubjects } from '../legal-holds/legal-holds.js';
import { RecipientNotices } from './recipient-notices.js';
import { RecipientNoticeEntity } from './recipient-notice.entity.js';
import { SubjectExportRepository, type SubjectExport } from './subject-export.repository.js';
import { eraseEnquiries, eraseSubjects, type ErasureCounts } from './subject-erasure.js';
import { daysBetween, extensionInTime, readClock, type ClockFacts } from './statutory-clock.js';
import type { ClockEvent, RequestAction } from '../contracts/subject-requests.js';
import { SubjectRequestEntity } from './subject-request.entity.js';

/** An enquiry kept despite an erasure request: on an Art. 17(3) ground given by the DPO, or under a legal hold. */
interface KeptRecord {
  enquiryId: string;
  ground: string;
  legalHoldId?: string;
}

const notFound = () => new DomainError(404, 'SUBJECT_REQUEST_NOT_FOUND', 'Subject request not found');
const closed = () => new DomainError(409, 'SUBJECT_REQUEST_CLOSED', 'The request is closed');

/** A date or an instant as the UK calendar date it fell on; refused when in the future. */
function ukDayOf(value: string, field: string): string {
  const day = value.length === 10 ? value : ukDate(new Date(value));
  if (Number.isNaN(Date.parse(value)) || day > ukDate()) throw new RequestValidationError([{ field, problem: `${field} must be a real date, not in the future` }]);
  return day;
}

/**
 * Subject-rights requests and their statutory clock. Nothing is disclosed, changed or erased for a request until
 * the requester's identity (and, for someone acting for the person, their authority) has been verified: the
 * status says which is awaited. Every change of the due date is kept in the request's clock history.
 */
@Injectable()
export class SubjectRequestService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly exports: SubjectExportRepository,
    private readonly notices: RecipientNotices,
  ) {}

  /** The DPO confirms which records held are the requester's (after the subject search). */
  confirmSubjects(id: string, input: ConfirmSubjectsDto): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      const found = await m.find(DataSubjectEntity, { where: { id: In(input.dataSubjectIds) }, select: { id: true } });
      const missing = input.dataSubjectIds.filter((subjectId) => !found.some((subject) => subject.id === subjectId.toLowerCase()));
      if (missing.length > 0) throw new RequestValidationError([{ field: 'dataSubjectIds', problem: `${missing.length} of the data subjects given are not held here` }]);
      request.dataSubjectIds = [...new Set(input.dataSubjectIds.map((subjectId) => subjectId.toLowerCase()))];
      await m.save(request);
      await this.audit.record(m, { action: 'subject_request.subjects_confirmed', entityType: 'subject_request', entityId: id, details: { dataSubjectIds: request.dataSubjectIds } });
      return toDto(request, await this.nationOf(m));
    });
  }

  /**
   * Everything held about the confirmed subjects, with the recipients from the disclosure ledger: only for an
   * access or portability request whose requester (and any authority) is verified.
   */
  export(id: string): Promise<{ request: { id: string; type: string; receivedOn: string; dueAt: string }; generatedAt: string; controller: { name: string; dpoEmail: string | null }; subjects: SubjectExport[] }> {
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw notFound();
      readyToAct(request, ['access', 'portability'], 'NOT_AN_ACCESS_REQUEST', 'An export answers');
      const organisation = await m.findOneOrFail(OrganisationEntity, { where: { id: requestContext.tenant() } });
      const subjects = await this.exports.export(m, request.dataSubjectIds);
      const enquiryCount = subjects.reduce((n, subject) => n + subject.enquiries.length, 0);
      await noteAction(m, request, { action: 'exported', counts: { subjects: subjects.length, enquiries: enquiryCount, recipients: subjects.reduce((n, subject) => n + subject.recipients.length, 0) } });
      await this.audit.record(m, {
        action: 'subject_request.export',
        entityType: 'subject_request',
        entityId: id,
        fields: ['subject', 'enquiries', 'messages', 'consent', 'disclosures'],
        details: { dataSubjectIds: request.dataSubjectIds, enquiries: enquiryCount },
      });
      // Attachments' bytes are fetched one by one (a mail may carry 25 MB): each row says where.
      for (const subject of subjects) {
        for (const enquiry of subject.enquiries) {
          enquiry.emailAttachments = enquiry.emailAttachments.map((attachment) => ({ ...attachment, download: `/api/subject-requests/${id}/attachments/${String(attachment.id)}` }));
        }
      }
      return {
        request: { id: request.id, type: request.type, receivedOn: request.receivedOn, dueAt: request.dueOn },
        generatedAt: new Date().toISOString(),
        controller: { name: organisation.name, dpoEmail: organisation.dpoEmail ?? null },
        subjects,
      };
    });
  }

  /** One e-mail attachment held about the confirmed people, for an access or portability request. */
  attachment(id: string, attachmentId: string): Promise<{ filename: string; content: Buffer }> {
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id } });
      if (!request) throw notFound();
      readyToAct(request, ['access', 'portability'], 'NOT_AN_ACCESS_REQUEST', 'Attachments are given for');
      const [attachment]: { filename: string; content: Buffer }[] = await m.query(
        `select a.filename, a.content from email_attachments a join email_messages x on x.id = a.email_message_id join enquiries e on e.id = x.enquiry_id
          where a.id = $1 and e.data_subject_id = any($2)`,
        [attachmentId, request.dataSubjectIds],
      );
      if (!attachment) throw new DomainError(404, 'ATTACHMENT_NOT_FOUND', 'No such attachment among the confirmed people’s records');
      await this.audit.record(m, { action: 'subject_request.attachment', entityType: 'subject_request', entityId: id, fields: ['email.attachment'], details: { attachmentId } });
      return attachment;
    });
  }

  /**
   * Art. 18: the confirmed people's data is only stored from now on. Escalation, notes, advice, assignment and
   * export answer 409 until the restriction is lifted.
   */
  restrict(id: string): Promise<SubjectRequestDto & { recipientsNotified: number }> {
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      readyToAct(request, ['restriction'], 'NOT_A_RESTRICTION_REQUEST', 'Processing is restricted for');
      await restrictProcessing(m, request.dataSubjectIds);
      const notices = await this.notices.notify(m, { subjectRequestId: id, kind: 'restriction', dataSubjectIds: request.dataSubjectIds });
      await noteAction(m, request, { action: 'restricted', recipientsNotified: notices.length });
      await this.audit.record(m, { action: 'data_subject.restrict', entityType: 'subject_request', entityId: id, details: { dataSubjectIds: request.dataSubjectIds, notices: notices.length } });
      return { ...toDto(request, await this.nationOf(m)), recipientsNotified: notices.length };
    });
  }

  /** Lifts a restriction (or an upheld objection's stop), which may happen only once the person has been told it will be (Art. 18(3)). */
  liftRestriction(id: string, input: LiftRestrictionDto): Promise<SubjectRequestDto & { recipientsNotified: number }> {
    if (input.personToldOn > ukDate()) throw new RequestValidationError([{ field: 'personToldOn', problem: 'personToldOn must not be in the future: tell the person first' }]);
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw notFound();
      // A restriction, or an upheld objection later withdrawn or overturned, is lifted the same way.
      if (!restrictedBy(request)) throw new DomainError(409, 'NOT_RESTRICTED', 'This request keeps nothing restricted');
      if (input.personToldOn < request.receivedOn) throw new RequestValidationError([{ field: 'personToldOn', problem: 'personToldOn must not be before the request was received' }]);
      await m.query(`update data_subjects set processing_restricted_at = null, updated_at = now() where id = any($1)`, [request.dataSubjectIds]);
      const notices = await this.notices.notify(m, { subjectRequestId: id, kind: 'restriction_lifted', dataSubjectIds: request.dataSubjectIds });
      await noteAction(m, request, { action: 'restriction_lifted', recipientsNotified: notices.length });
      await this.audit.record(m, {
        action: 'data_subject.restriction_lifted',
        entityType: 'subject_request',
        entityId: id,
        details: { dataSubjectIds: request.dataSubjectIds, personToldOn: input.personToldOn, method: input.method.trim(), notices: notices.length },
      });
      return { ...toDto(request, await this.nationOf(m)), recipientsNotified: notices.length };
    });
  }

  /**
   * Art. 17: erases everything held about the confirmed people except the enquiries kept on a recorded ground or
   * under a legal hold (on the enquiry or the person). The person's own record goes too unless a kept enquiry or a
   * hold still needs it. Every service that received an erased enquiry's data is told. The audit trail records
   * the counts and the exceptions (ids and grounds, never values), and stays a valid chain.
   */
  erase(id: string, input: EraseDto): Promise<SubjectRequestDto & { erased: ErasureCounts; kept: KeptRecord[]; recipientsNotified: number }> {
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      readyToAct(request, ['erasure'], 'NOT_AN_ERASURE_REQUEST', 'Erasure answers');
      const enquiries: { id: string; data_subject_id: string }[] = await m.query(`select id, data_subject_id from enquiries where data_subject_id = any($1)`, [request.dataSubjectIds]);
      const exceptions = input.exceptions ?? [];
      const unknown = exceptions.filter((exception) => !enquiries.some((enquiry) => enquiry.id === exception.enquiryId.toLowerCase()));
      if (unknown.length > 0) throw new RequestValidationError([{ field: 'exceptions', problem: `${unknown.length} of the enquiries given are not the confirmed person’s` }]);
      const held = await heldEnquiries(m, enquiries.map((enquiry) => enquiry.id));
      const keptList: KeptRecord[] = [
        ...exceptions.map((exception) => ({ enquiryId: exception.enquiryId.toLowerCase(), ground: exception.ground })),
        ...[...held].filter(([enquiryId]) => !exceptions.some((exception) => exception.enquiryId.toLowerCase() === enquiryId)).map(([enquiryId, legalHoldId]) => ({ enquiryId, ground: 'legal_hold', legalHoldId })),
      ];
      const kept = new Set(keptList.map((record) => record.enquiryId));
      const erasedEnquiries = enquiries.filter((enquiry) => !kept.has(enquiry.id)).map((enquiry) => enquiry.id);
      const notices = await this.notices.notify(m, { subjectRequestId: id, kind: 'erasure', dataSubjectIds: request.dataSubjectIds, enquiryIds: erasedEnquiries });
      const erased: ErasureCounts = {};
      const add = (counts: ErasureCounts) => {
        for (const [kind, n] of Object.entries(counts)) erased[kind] = (erased[kind] ?? 0) + n;
      };
      add(await eraseEnquiries(m, erasedEnquiries));
      const heldPeople = await heldSubjects(m, request.dataSubjectIds);
      const stillNeeded = (subjectId: string) => heldPeople.has(subjectId) || enquiries.some((enquiry) => enquiry.data_subject_id === subjectId && kept.has(enquiry.id));
      add(await eraseSubjects(m, request.dataSubjectIds.filter((subjectId) => !stillNeeded(subjectId))));
      await noteAction(m, request, { action: 'erased', counts: erased, kept: keptList.length, recipientsNotified: notices.length });
      await this.audit.record(m, {
        action: 'data_subject.erase',
        entityType: 'subject_request',
        entityId: id,
        details: { dataSubjectIds: request.dataSubjectIds, erased, kept: keptList, notes: exceptions.length, notices: notices.length },
      });
      return { ...toDto(request, await this.nationOf(m)), erased, kept: keptList, recipientsNotified: notices.length };
    });
  }

  /**
   * Withdraws every consent the confirmed people gave, on every enquiry (the records stay, as history): processing
   * that relied on consent stops, and special category details given under explicit consent are redacted at once.
   */
  withdrawConsent(id: string, input: WithdrawConsentRequestDto): Promise<SubjectRequestDto & { withdrawn: number; redactedEnquiries: number }> {
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      readyToAct(request, ['withdraw_consent'], 'NOT_A_WITHDRAWAL_REQUEST', 'Consent is withdrawn for');
      const principal = requestContext.principal();
      const { consents: withdrawn, redactedEnquiries: special } = await withdrawConsent(m, { dataSubjectIds: request.dataSubjectIds }, { userId: principal?.userId ?? null, method: input.method, subjectRequestId: id });
      await noteAction(m, request, { action: 'consent_withdrawn', counts: { consents: withdrawn.length, redactedEnquiries: special.length } });
      await this.audit.record(m, {
        action: 'consent.withdraw',
        entityType: 'subject_request',
        entityId: id,
        fields: special.length > 0 ? ['specialCategory.details'] : [],
        details: { consentIds: withdrawn.map((record) => record.id), method: input.method, redactedEnquiries: special },
      });
      return { ...toDto(request, await this.nationOf(m)), withdrawn: withdrawn.length, redactedEnquiries: special.length };
    });
  }

  /**
   * Art. 16: corrects the confirmed people's details (and their search keys); a phone number or e-mail address
   * given replaces those of its kind. The audit trail names the fields changed, never the values.
   */
  rectify(id: string, input: RectifyDto): Promise<SubjectRequestDto & { changed: string[]; recipientsNotified: number }> {
    const changes = Object.fromEntries(Object.entries(input.changes).filter(([, value]) => typeof value === 'string' && value.trim() !== '').map(([key, value]) => [key, (value as string).trim()])) as Record<string, string>;
    if (Object.keys(changes).length === 0) throw new RequestValidationError([{ field: 'changes', problem: 'changes needs at least one of name, dateOfBirth, address, postcode, phone, email' }]);
    if (changes.phone && !phoneKey(changes.phone)) throw new RequestValidationError([{ field: 'changes.phone', problem: 'changes.phone must be a telephone number' }]);
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      readyToAct(request, ['rectification'], 'NOT_A_RECTIFICATION_REQUEST', 'Details are corrected for');
      for (const subjectId of request.dataSubjectIds) {
        await m.query(
          `update data_subjects set
              name = coalesce($2, name), name_key = coalesce($3, name_key),
              date_of_birth = coalesce($4::date, date_of_birth),
              postal_address = coalesce($5, postal_address), address_key = coalesce($6, address_key),
              postcode = coalesce($7, postcode), postcode_key = coalesce($8, postcode_key),
              updated_at = now()
            where id = $1`,
          [
            subjectId,
            changes.name ?? null,
            changes.name ? nameKey(changes.name) : null,
            changes.dateOfBirth ?? null,
            changes.address ?? null,
            changes.address ? addressKey(changes.address) || null : null,
            changes.postcode ? changes.postcode.toUpperCase() : null,
            changes.postcode ? postcodeKey(changes.postcode) : null,
          ],
        );
        for (const [kind, value, key] of [
          ['phone', changes.phone, changes.phone ? phoneKey(changes.phone) : undefined],
          ['email', changes.email, changes.email ? emailKey(changes.email) : undefined],
        ] as const) {
          if (!value || !key) continue;
          await m.query(`delete from data_subject_identifiers where data_subject_id = $1 and kind = $2`, [subjectId, kind]);
          await m.query(
            `insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key) values ($1, $2, $3, $4, $5) on conflict do nothing`,
            [requestContext.tenant(), subjectId, kind, value, key],
          );
        }
      }
      const changed = Object.keys(changes).sort();
      const notices = await this.notices.notify(m, { subjectRequestId: id, kind: 'rectification', dataSubjectIds: request.dataSubjectIds, changed });
      await noteAction(m, request, { action: 'rectified', fields: changed, recipientsNotified: notices.length });
      await this.audit.record(m, {
        action: 'data_subject.rectify',
        entityType: 'subject_request',
        entityId: id,
        fields: changed.map((field) => `subject.${field}`),
        details: { dataSubjectIds: request.dataSubjectIds, notices: notices.length },
      });
      return { ...toDto(request, await this.nationOf(m)), changed, recipientsNotified: notices.length };
    });
  }

  /**
   * Art. 21: an objection to processing on public task or legitimate interests. Upheld, processing stops (the
   * data is only stored, as under a restriction); otherwise the compelling grounds are recorded with reasons.
   */
  decideObjection(id: string, input: ObjectionDecisionDto): Promise<SubjectRequestDto & { decision: string; recipientsNotified: number }> {
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      readyToAct(request, ['objection'], 'NOT_AN_OBJECTION', 'An objection is decided for');
      const notices = input.decision === 'upheld' ? await this.notices.notify(m, { subjectRequestId: id, kind: 'restriction', dataSubjectIds: request.dataSubjectIds }) : [];
      if (input.decision === 'upheld') await restrictProcessing(m, request.dataSubjectIds);
      request.outcome = `${input.decision === 'upheld' ? 'Objection upheld: processing stopped' : 'Compelling legitimate grounds'}: ${input.reasons.trim()}`;
      await noteAction(m, request, { action: input.decision === 'upheld' ? 'objection_upheld' : 'objection_refused', recipientsNotified: notices.length });
      await this.audit.record(m, { action: 'data_subject.objection_decided', entityType: 'subject_request', entityId: id, details: { decision: input.decision, dataSubjectIds: request.dataSubjectIds, notices: notices.length } });
      return { ...toDto(request, await this.nationOf(m)), decision: input.decision, recipientsNotified: notices.length };
    });
  }

  /** The response has gone to the person: the request is completed, with what was done. */
  fulfil(id: string, input: FulfilDto): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      assertVerified(request);
      Object.assign(request, { status: 'completed', closedAt: new Date(), outcome: input.outcome.trim() });
      await m.save(request);
      await this.audit.record(m, { action: 'subject_request.fulfil', entityType: 'subject_request', entityId: id, details: { type: request.type, dueOn: request.dueOn, onTime: ukDate() <= request.dueOn } });
      return toDto(request, await this.nationOf(m));
    });
  }

  /** The notice ledger of a request: which services were told what, and whether it reached them. */
  recipientNotices(id: string): Promise<RecipientNoticeDto[]> {
    return this.db.transaction(async (m) => {
      if (!(await m.exists(SubjectRequestEntity, { where: { id } }))) throw notFound();
      const notices = await m.find(RecipientNoticeEntity, { where: { subjectRequestId: id }, order: { createdAt: 'ASC' } });
      await this.audit.record(m, { action: 'subject_request.notices', entityType: 'subject_request', entityId: id, details: { count: notices.length } });
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

  /** The response was a refusal (Art. 12(5): manifestly unfounded or excessive, or an exemption applies). */
  refuse(id: string, input: RefuseDto): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await this.openForUpdate(m, id);
      Object.assign(request, { status: 'refused', closedAt: new Date(), outcome: `Refused: ${input.reason.trim()}` });
      await m.save(request);
      await this.audit.record(m, { action: 'subject_request.refuse', entityType: 'subject_request', entityId: id, details: { type: request.type, dueOn: request.dueOn, onTime: ukDate() <= request.dueOn } });
      return toDto(request, await this.nationOf(m));
    });
  }

  private async openForUpdate(m: EntityManager, id: string): Promise<SubjectRequestEntity> {
    const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw notFound();
    if (request.status === 'completed' || request.status === 'refused') throw closed();
    return request;
  }

  create(input: CreateSubjectRequestDto): Promise<SubjectRequestDto> {
    const subject = Object.fromEntries(Object.entries(input.subject).filter(([, value]) => typeof value === 'string' && value.trim() !== '').map(([key, value]) => [key, (value as string).trim()]));
    if (Object.keys(subject).length === 0) throw new RequestValidationError([{ field: 'subject', problem: 'subject needs at least one of name, email, phone, dateOfBirth, address' }]);
    const receivedOn = ukDayOf(input.receivedAt, 'receivedAt');
    return this.db.transaction(async (m) => {
      const nation = await this.nationOf(m);
      const reading = readClock({ receivedOn, nation });
      const request = await insertRow(m, SubjectRequestEntity, {
        organisationId: requestContext.tenant(),
        type: input.type,
        status: 'awaiting_identity',
        channel: input.channel ?? 'internal',
        subject,
        representative: input.representative ? { name: input.representative.name.trim(), relationship: input.representative.relationship.trim() } : null,
        receivedOn,
        dueOn: reading.dueOn,
        clockHistory: [{ at: new Date().toISOString(), event: 'received', dueOn: reading.dueOn }],
        createdBy: requestContext.principal()?.userId ?? null,
      });
      await this.audit.record(m, { action: 'subject_request.create', entityType: 'subject_request', entityId: request.id, fields: Object.keys(subject).map((key) => `subject.${key}`).sort(), details: { type: input.type, dueOn: reading.dueOn } });
      return toDto(request, nation);
    });
  }

  list(): Promise<SubjectRequestDto[]> {
    return this.db.transaction(async (m) => {
      const nation = await this.nationOf(m);
      const requests = await m.find(SubjectRequestEntity, { order: { dueOn: 'ASC', createdAt: 'ASC' }, take: 500 });
      await this.audit.record(m, { action: 'subject_request.list', entityType: 'subject_request', fields: requests.length > 0 ? ['subject'] : [], details: { count: requests.length } });
      return requests.map((request) => toDto(request, nation));
    });
  }

  get(id: string): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id } });
      if (!request) throw notFound();
      await this.audit.record(m, { action: 'subject_request.read', entityType: 'subject_request', entityId: id, fields: ['subject'] });
      return toDto(request, await this.nationOf(m));
    });
  }

  /** The requester's identity is confirmed: the clock starts (again) from when the evidence arrived. */
  verifyIdentity(id: string, input: EvidenceDto): Promise<SubjectRequestDto> {
    const on = ukDayOf(input.receivedAt, 'receivedAt');
    return this.change(id, 'identity_verified', (request) => {
      if (on < request.receivedOn) throw new RequestValidationError([{ field: 'receivedAt', problem: 'receivedAt must not be before the request was received' }]);
      request.identityEvidence = input.evidence.trim();
      request.identityReceivedOn = on;
      request.status = request.representative && !request.authorityReceivedOn ? 'awaiting_authority' : 'in_progress';
    });
  }

  /** Someone acting for the person has shown their authority (a signed letter, a lasting power of attorney, …). */
  recordAuthority(id: string, input: EvidenceDto): Promise<SubjectRequestDto> {
    const on = ukDayOf(input.receivedAt, 'receivedAt');
    return this.change(id, 'authority_received', (request) => {
      if (!request.representative) throw new DomainError(409, 'NO_REPRESENTATIVE', 'Nobody acts for the person in this request: no authority is needed');
      if (on < request.receivedOn) throw new RequestValidationError([{ field: 'receivedAt', problem: 'receivedAt must not be before the request was received' }]);
      request.authorityEvidence = input.evidence.trim();
      request.authorityReceivedOn = on;
      if (request.identityReceivedOn) request.status = 'in_progress';
    });
  }

  /** A clarification that is genuinely needed stops the clock until the answer arrives. */
  askClarification(id: string, input: ClarificationDto): Promise<SubjectRequestDto> {
    const on = input.on ?? ukDate();
    return this.change(id, 'paused', (request) => {
      if (request.pauses.some((pause) => !pause.to)) throw new DomainError(409, 'ALREADY_PAUSED', 'A clarification is awaited already');
      if (on < request.receivedOn || on > ukDate()) throw new RequestValidationError([{ field: 'on', problem: 'on must be between the request’s receipt and today' }]);
      request.pauses = [...request.pauses, { from: on, reason: input.reason.trim() }];
      request.status = 'paused';
    });
  }

  clarificationReceived(id: string, input: ResumeDto): Promise<SubjectRequestDto> {
    const on = input.on ?? ukDate();
    return this.change(id, 'resumed', (request) => {
      const open = request.pauses.find((pause) => !pause.to);
      if (!open) throw new DomainError(409, 'NOT_PAUSED', 'No clarification is awaited');
      if (on < open.from || on > ukDate()) throw new RequestValidationError([{ field: 'on', problem: 'on must be between the question and today' }]);
      request.pauses = request.pauses.map((pause) => (pause === open ? { ...pause, to: on } : pause));
      request.status = request.identityReceivedOn && (!request.representative || request.authorityReceivedOn) ? 'in_progress' : request.identityReceivedOn ? 'awaiting_authority' : 'awaiting_identity';
    });
  }

  /** Complex requests: three months from the start, recorded with reasons before the first month ends. */
  extend(id: string, input: ReasonDto): Promise<SubjectRequestDto> {
    return this.change(id, 'extended', (request, facts) => {
      if (request.extendedOn) throw new DomainError(409, 'ALREADY_EXTENDED', `The request was extended on ${request.extendedOn}`);
      const today = ukDate();
      if (!extensionInTime(facts, today)) {
        throw new DomainError(409, 'EXTENSION_TOO_LATE', `An extension had to be recorded by ${readClock({ ...facts, extended: false }, today).firstDueOn}, the end of the first month`);
      }
      request.extendedOn = today;
      request.extensionReason = input.reason.trim();
    });
  }

  private change(id: string, event: ClockEvent['event'], apply: (request: SubjectRequestEntity, facts: ClockFacts) => void): Promise<SubjectRequestDto> {
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw notFound();
      if (request.status === 'completed' || request.status === 'refused') throw closed();
      const nation = await this.nationOf(m);
      apply(request, factsOf(request, nation));
      const reading = readClock(factsOf(request, nation), ukDate());
      request.dueOn = reading.dueOn;
      request.clockHistory = [...request.clockHistory, { at: new Date().toISOString(), event, dueOn: reading.dueOn }];
      await m.save(request);
      await this.audit.record(m, { action: `subject_request.${event}`, entityType: 'subject_request', entityId: id, details: { dueOn: reading.dueOn, status: request.status } });
      return toDto(request, nation);
    });
  }

  /** Deadlines run on the bank holidays of the organisation's nation (England and Wales when it sets none). */
  private async nationOf(m: EntityManager): Promise<UkNation> {
    const organisation = await m.findOneOrFail(OrganisationEntity, { where: { id: requestContext.tenant() } });
    return organisation.businessHours.bankHolidays === 'none' ? 'england-and-wales' : organisation.businessHours.bankHolidays;
  }
}

/** Adds what the request did to its record of actions (saved with the request). */
async function noteAction(m: EntityManager, request: SubjectRequestEntity, action: Omit<RequestAction, 'at'>): Promise<void> {
  request.actions = [...(request.actions ?? []), { at: new Date().toISOString(), ...action }];
  await m.save(request);
}

/** Whether the request's own actions leave the people's data restricted now. */
function restrictedBy(request: SubjectRequestEntity): boolean {
  const last = (request.actions ?? []).filter((entry) => ['restricted', 'objection_upheld', 'restriction_lifted'].includes(entry.action)).at(-1);
  return Boolean(last && last.action !== 'restriction_lifted');
}

/**
 * Before a request acts on anyone's data: it is of a type this action answers, the requester's identity (and any
 * authority) is verified, and the DPO has confirmed which records are theirs.
 */
function readyToAct(request: SubjectRequestEntity, types: SubjectRequestEntity['type'][], code: string, action: string): void {
  if (!types.includes(request.type)) throw new DomainError(409, code, `${action} ${types.map((type) => type.replace('_', ' ')).join(' or ')} requests, not ${request.type.replace('_', ' ')}`);
  assertVerified(request);
  if (request.dataSubjectIds.length === 0) throw new DomainError(409, 'NO_SUBJECTS_CONFIRMED', 'Confirm which records are the requester’s first (POST …/subjects)');
}

/** Art. 18 (and an upheld objection): from now on the people's data is only stored. */
async function restrictProcessing(m: EntityManager, dataSubjectIds: string[]): Promise<void> {
  await m.query(`update data_subjects set processing_restricted_at = coalesce(processing_restricted_at, now()), updated_at = now() where id = any($1)`, [dataSubjectIds]);
}

/** Nothing is disclosed, changed or erased before the requester's identity (and any authority) is verified. */
function assertVerified(request: SubjectRequestEntity): void {
  if (!request.identityReceivedOn) throw new DomainError(409, 'IDENTITY_NOT_VERIFIED', 'The requester’s identity has not been verified yet');
  if (request.representative && !request.authorityReceivedOn) throw new DomainError(409, 'AUTHORITY_NOT_VERIFIED', 'The authority of the person acting for the requester has not been verified yet');
}

function factsOf(request: SubjectRequestEntity, nation: UkNation): ClockFacts {
  return {
    receivedOn: request.receivedOn,
    identityReceivedOn: request.identityReceivedOn,
    authorityReceivedOn: request.authorityReceivedOn,
    pauses: request.pauses,
    extended: Boolean(request.extendedOn),
    nation,
  };
}

function toDto(request: SubjectRequestEntity, nation: UkNation): SubjectRequestDto {
  const reading = readClock(factsOf(request, nation), ukDate());
  return {
    id: request.id,
    type: request.type,
    status: request.status,
    dueAt: request.dueOn,
    daysLeft: daysBetween(ukDate(), request.dueOn),
    receivedOn: request.receivedOn,
    clockStartsOn: reading.startsOn,
    subject: request.subject,
    ...(request.representative ? { representative: request.representative } : {}),
    ...(request.identityEvidence ? { identityEvidence: request.identityEvidence, identityReceivedOn: request.identityReceivedOn ?? undefined } : {}),
    ...(request.authorityEvidence ? { authorityEvidence: request.authorityEvidence, authorityReceivedOn: request.authorityReceivedOn ?? undefined } : {}),
    pauses: request.pauses,
    ...(request.extendedOn ? { extendedOn: request.extendedOn, extensionReason: request.extensionReason ?? undefined } : {}),
    dataSubjectIds: request.dataSubjectIds ?? [],
    ...(request.outcome ? { outcome: request.outcome } : {}),
    clockHistory: request.clockHistory,
    actions: request.actions ?? [],
    restricted: restrictedBy(request),
    channel: request.channel,
    createdAt: request.createdAt.toISOString(),
  };
}
