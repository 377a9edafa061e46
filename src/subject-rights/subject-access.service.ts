import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { SubjectExportRepository, type SubjectExport } from './subject-export.repository.js';
import { SubjectRequestEntity } from './subject-request.entity.js';
import { attachmentNotFound, subjectRequestNotFound } from './subject-request.errors.js';
import { noteAction, readyToAct } from './subject-request-records.js';
import { readOrganisation } from '../tenancy/organisation-reads.js';

/** Art. 15 and 20: what is held about the confirmed people, and their e-mail attachments one by one. */
@Injectable()
export class SubjectAccess {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly exports: SubjectExportRepository,
  ) {}

  /**
   * Everything held about the confirmed subjects, with the recipients from the disclosure ledger: only for an
   * access or portability request whose requester (and any authority) is verified.
   */
  export(id: string): Promise<{
    request: { id: string; type: string; receivedOn: string; dueAt: string };
    generatedAt: string;
    controller: { name: string; dpoEmail: string | null };
    subjects: SubjectExport[];
  }> {
    return this.db.transaction(async (m) => {
      const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw subjectRequestNotFound();
      readyToAct(request, ['access', 'portability'], 'NOT_AN_ACCESS_REQUEST', 'An export answers');
      const organisation = await readOrganisation(m, requestContext.tenant());
      const subjects = await this.exports.export(m, request.dataSubjectIds);
      const enquiryCount = subjects.reduce((n, subject) => n + subject.enquiries.length, 0);
      await noteAction(m, request, {
        action: 'exported',
        counts: {
          subjects: subjects.length,
          enquiries: enquiryCount,
          recipients: subjects.reduce((n, subject) => n + subject.recipients.length, 0),
        },
      });
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
          enquiry.emailAttachments = enquiry.emailAttachments.map((attachment) => ({
            ...attachment,
            download: `/api/subject-requests/${id}/attachments/${String(attachment.id)}`,
          }));
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
      if (!request) throw subjectRequestNotFound();
      readyToAct(request, ['access', 'portability'], 'NOT_AN_ACCESS_REQUEST', 'Attachments are given for');
      const [attachment]: { filename: string; content: Buffer }[] = await m.query(
        `select a.filename, a.content from email_attachments a join email_messages x on x.id = a.email_message_id join enquiries e on e.id = x.enquiry_id
          where a.id = $1 and e.data_subject_id = any($2)`,
        [attachmentId, request.dataSubjectIds],
      );
      if (!attachment) throw attachmentNotFound();
      await this.audit.record(m, {
        action: 'subject_request.attachment',
        entityType: 'subject_request',
        entityId: id,
        fields: ['email.attachment'],
        details: { attachmentId },
      });
      return attachment;
    });
  }
}
