import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { AcknowledgementSms } from './acknowledgement-sms.js';

@ApiTags('enquiries')
@ApiBearerAuth()
@Controller('api/enquiries')
@Roles('advisor', 'supervisor')
export class AcknowledgementSmsController {
  constructor(private readonly sms: AcknowledgementSms) {}

  @Post(':id/acknowledgement-sms')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Text the caller their reference (when they ask for it), through GOV.UK Notify',
    description:
      'To the enquiry’s first phone number, with the organisation’s Notify SMS template (personalisation: reference, organisation). 409 when Notify or the template is not set up, when there is no phone number, while processing is restricted, or once the consent the enquiry is processed on is withdrawn.',
  })
  @ApiOkResponse({ description: '202 `{"messageId"}`: queued; its delivery status is read back from Notify' })
  @ApiConflictResponse({ description: 'NOTIFY_NOT_CONFIGURED, NO_PHONE_NUMBER, PROCESSING_RESTRICTED or CONSENT_WITHDRAWN' })
  acknowledge(@Param('id', new ResourceIdPipe(enquiryNotFound)) id: string): Promise<{ messageId: string }> {
    return this.sms.queue(id);
  }
}
