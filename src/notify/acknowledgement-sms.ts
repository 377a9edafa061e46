import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { assertEnquiryMayBeUsed } from '../consent/processing-permission.js';
import { subjectContactOf } from '../data-subjects/subject-contact.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { CitizenMessages } from './citizen-messages.js';
import { readOrganisation } from '../tenancy/organisation-reads.js';

/** Texting a caller their reference when they ask for it: to the first number on their record (`subjectContactOf`). */
@Injectable()
export class AcknowledgementSms {
  constructor(
    private readonly db: TenantDatabase,
    private readonly messages: CitizenMessages,
    private readonly audit: AuditService,
  ) {}

  queue(enquiryId: string): Promise<{ messageId: string }> {
    return this.db.transaction(async (m) => {
      const [enquiry]: { reference: string; data_subject_id: string }[] = await m.query(
        `select e.reference, e.data_subject_id from enquiries e where e.id = $1`,
        [enquiryId],
      );
      if (!enquiry) throw enquiryNotFound();
      await assertEnquiryMayBeUsed(m, enquiryId, 'citizen_message');
      const organisation = await readOrganisation(m, requestContext.tenant());
      if (!CitizenMessages.uses(organisation, 'acknowledgement_sms'))
        throw new DomainError(
          409,
          'NOTIFY_NOT_CONFIGURED',
          'Text messages go through GOV.UK Notify: set the organisation’s Notify key and SMS template first',
        );
      const phone = (await subjectContactOf(m, enquiry.data_subject_id))?.phones[0];
      if (!phone) throw new DomainError(409, 'NO_PHONE_NUMBER', 'The enquiry has no phone number to text');
      const messageId = await this.messages.queue(m, {
        organisationId: organisation.id,
        enquiryId,
        kind: 'acknowledgement_sms',
        recipient: phone,
        personalisation: { reference: enquiry.reference, organisation: organisation.name },
      });
      const principal = requestContext.principal();
      await appendTimelineEvent(m, {
        organisationId: organisation.id,
        enquiryId,
        kind: 'system',
        authorType: 'staff',
        authorId: principal?.userId ?? null,
        metadata: { event: 'acknowledgement_sms_queued', messageId },
      });
      await this.audit.record(m, {
        action: 'citizen_message.queue',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: ['subject.phone'],
        details: { kind: 'acknowledgement_sms', messageId },
      });
      return { messageId };
    });
  }
}
