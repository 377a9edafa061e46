import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { ukDate } from '../common/uk-date.js';
import { withdrawConsent } from '../consent/consent-withdrawal.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { liftRestriction, restrictProcessing } from '../data-subjects/subject-record-changes.js';
import type { LiftRestrictionDto, ObjectionDecisionDto, SubjectRequestDto, WithdrawConsentRequestDto } from './dto/subject-request.dto.js';
import { RecipientNotices } from './recipient-notices.js';
import { SubjectRequestEntity } from './subject-request.entity.js';
import { notRestricted, subjectRequestNotFound } from './subject-request.errors.js';
import { nationOf, noteAction, openForUpdate, readyToAct, restrictedBy, toDto } from './subject-request-records.js';

/**
 * The person stopping processing: restriction (Art. 18) and its lifting, objection (Art. 21), and withdrawal of
 * every consent they gave (Art. 7(3), through `withdrawConsent`, the advisor's rule too).
 */
@Injectable()
export class SubjectRestriction {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly notices: RecipientNotices,
  ) {}

  /**
   * Art. 18: the confirmed people's data is only stored from now on. Escalation, notes, advice, assignment and
   * export answer 409 until the restriction is lifted.
   */
  restrict(id: string): Promise<SubjectRequestDto & { recipientsNotified: number }> {
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      readyToAct(request, ['restriction'], 'NOT_A_RESTRICTION_REQUEST', 'Processing is restricted for');
      await restrictProcessing(m, request.dataSubjectIds);
      const notices = await this.notices.notify(m, { subjectRequestId: id, kind: 'restriction', dataSubjectIds: request.dataSubjectIds });
      await noteAction(m, request, { action: 'restricted', recipientsNotified: notices.length });
      await this.audit.record(m, {
        action: 'data_subject.restrict',
        entityType: 'subject_request',
        entityId: id,
        details: { dataSubjectIds: request.dataSubjectIds, notices: notices.length },
      });
      return { ...toDto(request, await nationOf(m)), recipientsNotified: notices.length };
    });
  }

  /** Lifts a restriction (or an upheld objection's stop), which may happen only once the person has been told it will be (Art. 18(3)). */
  liftRestriction(id: string, input: LiftRestrictionDto): Promise<SubjectRequestDto & { recipientsNotified: number }> {
    if (input.personToldOn > ukDate())
      throw new RequestValidationError([
        { field: 'personToldOn', problem: 'personToldOn must not be in the future: tell the person first' },
      ]);
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw subjectRequestNotFound();
      // A restriction, or an upheld objection later withdrawn or overturned, is lifted the same way.
      if (!restrictedBy(request)) throw notRestricted();
      if (input.personToldOn < request.receivedOn)
        throw new RequestValidationError([{ field: 'personToldOn', problem: 'personToldOn must not be before the request was received' }]);
      await liftRestriction(m, request.dataSubjectIds);
      const notices = await this.notices.notify(m, {
        subjectRequestId: id,
        kind: 'restriction_lifted',
        dataSubjectIds: request.dataSubjectIds,
      });
      await noteAction(m, request, { action: 'restriction_lifted', recipientsNotified: notices.length });
      await this.audit.record(m, {
        action: 'data_subject.restriction_lifted',
        entityType: 'subject_request',
        entityId: id,
        details: {
          dataSubjectIds: request.dataSubjectIds,
          personToldOn: input.personToldOn,
          method: input.method.trim(),
          notices: notices.length,
        },
      });
      return { ...toDto(request, await nationOf(m)), recipientsNotified: notices.length };
    });
  }

  /**
   * Art. 21: an objection to processing on public task or legitimate interests. Upheld, processing stops (the
   * data is only stored, as under a restriction); otherwise the compelling grounds are recorded with reasons.
   */
  decideObjection(id: string, input: ObjectionDecisionDto): Promise<SubjectRequestDto & { decision: string; recipientsNotified: number }> {
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      readyToAct(request, ['objection'], 'NOT_AN_OBJECTION', 'An objection is decided for');
      const notices =
        input.decision === 'upheld'
          ? await this.notices.notify(m, { subjectRequestId: id, kind: 'restriction', dataSubjectIds: request.dataSubjectIds })
          : [];
      if (input.decision === 'upheld') await restrictProcessing(m, request.dataSubjectIds);
      request.outcome = `${input.decision === 'upheld' ? 'Objection upheld: processing stopped' : 'Compelling legitimate grounds'}: ${input.reasons.trim()}`;
      await noteAction(m, request, {
        action: input.decision === 'upheld' ? 'objection_upheld' : 'objection_refused',
        recipientsNotified: notices.length,
      });
      await this.audit.record(m, {
        action: 'data_subject.objection_decided',
        entityType: 'subject_request',
        entityId: id,
        details: { decision: input.decision, dataSubjectIds: request.dataSubjectIds, notices: notices.length },
      });
      return { ...toDto(request, await nationOf(m)), decision: input.decision, recipientsNotified: notices.length };
    });
  }

  /**
   * Withdraws every consent the confirmed people gave, on every enquiry (the records stay, as history): processing
   * that relied on consent stops, and special category details given under explicit consent are redacted at once.
   */
  withdrawConsent(
    id: string,
    input: WithdrawConsentRequestDto,
  ): Promise<SubjectRequestDto & { withdrawn: number; redactedEnquiries: number }> {
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      readyToAct(request, ['withdraw_consent'], 'NOT_A_WITHDRAWAL_REQUEST', 'Consent is withdrawn for');
      const principal = requestContext.principal();
      const { consents: withdrawn, redactedEnquiries: special } = await withdrawConsent(
        m,
        { dataSubjectIds: request.dataSubjectIds },
        { userId: principal?.userId ?? null, method: input.method, subjectRequestId: id },
      );
      await noteAction(m, request, {
        action: 'consent_withdrawn',
        counts: { consents: withdrawn.length, redactedEnquiries: special.length },
      });
      await this.audit.record(m, {
        action: 'consent.withdraw',
        entityType: 'subject_request',
        entityId: id,
        fields: special.length > 0 ? ['specialCategory.details'] : [],
        details: { consentIds: withdrawn.map((record) => record.id), method: input.method, redactedEnquiries: special },
      });
      return { ...toDto(request, await nationOf(m)), withdrawn: withdrawn.length, redactedEnquiries: special.length };
    });
  }
}
