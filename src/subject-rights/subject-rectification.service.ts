import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { phoneKey } from '../data-subjects/subject-keys.js';
import { rectifySubject } from '../data-subjects/subject-record-changes.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { RectifyDto, SubjectRequestDto } from './dto/subject-request.dto.js';
import { RecipientNotices } from './recipient-notices.js';
import { nationOf, noteAction, openForUpdate, readyToAct, toDto } from './subject-request-records.js';

/** Art. 16: correcting the confirmed people's details, and telling every service that received them. */
@Injectable()
export class SubjectRectification {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly notices: RecipientNotices,
  ) {}

  /**
   * Art. 16: corrects the confirmed people's details (and their search keys); a phone number or e-mail address
   * given replaces those of its kind. The audit trail names the fields changed, never the values.
   */
  rectify(id: string, input: RectifyDto): Promise<SubjectRequestDto & { changed: string[]; recipientsNotified: number }> {
    const changes = Object.fromEntries(
      Object.entries(input.changes)
        .filter(([, value]) => typeof value === 'string' && value.trim() !== '')
        .map(([key, value]) => [key, (value as string).trim()]),
    ) as Record<string, string>;
    if (Object.keys(changes).length === 0)
      throw new RequestValidationError([
        { field: 'changes', problem: 'changes needs at least one of name, dateOfBirth, address, postcode, phone, email' },
      ]);
    if (changes.phone && !phoneKey(changes.phone))
      throw new RequestValidationError([{ field: 'changes.phone', problem: 'changes.phone must be a telephone number' }]);
    return this.db.transaction(async (m) => {
      const request = await openForUpdate(m, id);
      readyToAct(request, ['rectification'], 'NOT_A_RECTIFICATION_REQUEST', 'Details are corrected for');
      for (const subjectId of request.dataSubjectIds) await rectifySubject(m, requestContext.tenant(), subjectId, changes);
      const changed = Object.keys(changes).sort();
      const notices = await this.notices.notify(m, {
        subjectRequestId: id,
        kind: 'rectification',
        dataSubjectIds: request.dataSubjectIds,
        changed,
      });
      await noteAction(m, request, { action: 'rectified', fields: changed, recipientsNotified: notices.length });
      await this.audit.record(m, {
        action: 'data_subject.rectify',
        entityType: 'subject_request',
        entityId: id,
        fields: changed.map((field) => `subject.${field}`),
        details: { dataSubjectIds: request.dataSubjectIds, notices: notices.length },
      });
      return { ...toDto(request, await nationOf(m)), changed, recipientsNotified: notices.length };
    });
  }
}
