import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { heldEnquiries, heldSubjects } from '../legal-holds/legal-holds.js';
import type { EraseDto, SubjectRequestDto } from './dto/subject-request.dto.js';
import { RecipientNotices } from './recipient-notices.js';
import { RecordingEraser } from '../retention/recording-eraser.js';
import { requestContext } from '../common/request-context.js';
import { eraseEnquiries, eraseSubjects, type ErasureCounts } from './subject-erasure.js';
import { nationOf, noteAction, openForUpdate, readyToAct, toDto } from './subject-request-records.js';

/** An enquiry kept despite an erasure request: on an Art. 17(3) ground given by the DPO, or under a legal hold. */
interface KeptRecord {
  enquiryId: string;
  ground: string;
  legalHoldId?: string;
}

/** Art. 17: erasure of the confirmed people's records, around recorded grounds and legal holds. */
@Injectable()
export class SubjectErasure {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly notices: RecipientNotices,
    private readonly recordings: RecordingEraser,
  ) {}

  /**
   * Art. 17: erases everything held about the confirmed people except the enquiries kept on a recorded ground or
   * under a legal hold (on the enquiry or the person). The person's own record goes too unless a kept enquiry or a
   * hold still needs it. Every service that received an erased enquiry's data is told. The audit trail records
   * the counts and the exceptions (ids and grounds, never values), and stays a valid chain.
   */
  erase(
    id: string,
    input: EraseDto,
  ): Promise<SubjectRequestDto & { erased: ErasureCounts; kept: KeptRecord[]; recipientsNotified: number }> {
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      readyToAct(request, ['erasure'], 'NOT_AN_ERASURE_REQUEST', 'Erasure answers');
      const enquiries: { id: string; data_subject_id: string }[] = await m.query(
        `select id, data_subject_id from enquiries where data_subject_id = any($1)`,
        [request.dataSubjectIds],
      );
      const exceptions = input.exceptions ?? [];
      const unknown = exceptions.filter((exception) => !enquiries.some((enquiry) => enquiry.id === exception.enquiryId.toLowerCase()));
      if (unknown.length > 0)
        throw new RequestValidationError([
          { field: 'exceptions', problem: `${unknown.length} of the enquiries given are not the confirmed person’s` },
        ]);
      const held = await heldEnquiries(
        m,
        enquiries.map((enquiry) => enquiry.id),
      );
      const keptList: KeptRecord[] = [
        ...exceptions.map((exception) => ({ enquiryId: exception.enquiryId.toLowerCase(), ground: exception.ground })),
        ...[...held]
          .filter(([enquiryId]) => !exceptions.some((exception) => exception.enquiryId.toLowerCase() === enquiryId))
          .map(([enquiryId, legalHoldId]) => ({ enquiryId, ground: 'legal_hold', legalHoldId })),
      ];
      const kept = new Set(keptList.map((record) => record.enquiryId));
      const erasedEnquiries = enquiries.filter((enquiry) => !kept.has(enquiry.id)).map((enquiry) => enquiry.id);
      const notices = await this.notices.notify(m, {
        subjectRequestId: id,
        kind: 'erasure',
        dataSubjectIds: request.dataSubjectIds,
        enquiryIds: erasedEnquiries,
      });
      const erased: ErasureCounts = {};
      const add = (counts: ErasureCounts) => {
        for (const [kind, n] of Object.entries(counts)) erased[kind] = (erased[kind] ?? 0) + n;
      };
      add(await eraseEnquiries(m, erasedEnquiries));
      if (erased.callRecordings) await this.recordings.scheduleWithin(m, requestContext.tenant());
      const heldPeople = await heldSubjects(m, request.dataSubjectIds);
      const stillNeeded = (subjectId: string) =>
        heldPeople.has(subjectId) || enquiries.some((enquiry) => enquiry.data_subject_id === subjectId && kept.has(enquiry.id));
      add(
        await eraseSubjects(
          m,
          request.dataSubjectIds.filter((subjectId) => !stillNeeded(subjectId)),
        ),
      );
      await noteAction(m, request, { action: 'erased', counts: erased, kept: keptList.length, recipientsNotified: notices.length });
      await this.audit.record(m, {
        action: 'data_subject.erase',
        entityType: 'subject_request',
        entityId: id,
        details: { dataSubjectIds: request.dataSubjectIds, erased, kept: keptList, notes: exceptions.length, notices: notices.length },
      });
      return { ...toDto(request, await nationOf(m)), erased, kept: keptList, recipientsNotified: notices.length };
    });
  }
}
