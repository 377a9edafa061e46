import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service.js';
import { Roles } from '../common/auth/access.decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { assertEnquiryMayBeUsed } from '../consent/processing-permission.js';
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import { CitizenMessages } from './citizen-messages.js';

const EnquiryId = new ResourceIdPipe(enquiryNotFound);

@ApiTags('enquiries')
@ApiBearerAuth()
@Controller('api/enquiries')
@Roles('advisor', 'supervisor')
export class AcknowledgementSmsController {
  constructor(
    private readonly db: TenantDatabase,
    private readonly messages: CitizenMessages,
    private readonly audit: AuditService,
  ) {}

  @Post(':id/acknowledgement-sms')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Text the caller their reference (when they ask for it), through GOV.UK Notify',
    description: 'To the enquiry’s first phone number, with the organisation’s Notify SMS template (personalisation: reference, organisation). 409 when Notify or the template is not set up, when there is no phone number, while processing is restricted, or once the consent the enquiry is processed on is withdrawn.',
  })
  @ApiOkResponse({ description: '202 `{"messageId"}`: queued; its delivery status is read back from Notify' })
  @ApiConflictResponse({ description: 'NOTIFY_NOT_CONFIGURED, NO_PHONE_NUMBER, PROCESSING_RESTRICTED or CONSENT_WITHDRAWN' })
  acknowledge(@Param('id', EnquiryId) id: string): Promise<{ messageId: string }> {
    return this.db.transaction(async (m) => {
      const [enquiry]: { id: string; reference: string; phone: string | null }[] = await m.query(
        `select e.id, e.reference,
                (select i.value from data_subject_identifiers i where i.data_subject_id = s.id and i.kind = 'phone' order by i.created_at limit 1) as phone
           from enquiries e join data_subjects s on s.id = e.data_subject_id where e.id = $1`,
        [id],
      );
      if (!enquiry) throw enquiryNotFound();
      await assertEnquiryMayBeUsed(m, id, 'citizen_message');
      const organisation = await m.findOneOrFail(OrganisationEntity, { where: { id: requestContext.tenant() } });
      if (!CitizenMessages.uses(organisation, 'acknowledgement_sms')) throw new DomainError(409, 'NOTIFY_NOT_CONFIGURED', 'Text messages go through GOV.UK Notify: set the organisation’s Notify key and SMS template first');
      if (!enquiry.phone) throw new DomainError(409, 'NO_PHONE_NUMBER', 'The enquiry has no phone number to text');
      const messageId = await this.messages.queue(m, {
        organisationId: organisation.id,
        enquiryId: id,
        kind: 'acknowledgement_sms',
        recipient: enquiry.phone,
        personalisation: { reference: enquiry.reference, organisation: organisation.name },
      });
      const principal = requestContext.principal();
      await appendTimelineEvent(m, { organisationId: organisation.id, enquiryId: id, kind: 'system', authorType: 'staff', authorId: principal?.userId ?? null, metadata: { event: 'acknowledgement_sms_queued', messageId } });
      await this.audit.record(m, { action: 'citizen_message.queue', entityType: 'enquiry', entityId: id, fields: ['subject.phone'], details: { kind: 'acknowledgement_sms', messageId } });
      return { messageId };
    });
  }
}
