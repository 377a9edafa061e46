import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import {
  CloseEscalationDto,
  CreateEscalationDto,
  CreatedEscalationDto,
  EscalationDto,
  EscalationUpdateDto,
  ListEscalationsQueryDto,
  PreviewQueryDto,
  ReferralPreviewDto,
} from './dto/escalation.dto.js';
import { EscalationDeskService } from './escalation-desk.service.js';
import { EscalationService } from './escalation.service.js';
import { escalationNotFound } from './escalations.errors.js';

const EnquiryId = new ResourceIdPipe(enquiryNotFound);
const EscalationId = new ResourceIdPipe(escalationNotFound);

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationService,
    private readonly desk: EscalationDeskService,
  ) {}

  @Get('enquiries/:id/escalations/preview')
  @Roles('advisor', 'supervisor')
  @ApiOperation({ summary: 'Exactly what escalating to a service would share from this enquiry (its permitted fields only)' })
  @ApiOkResponse({ type: ReferralPreviewDto })
  preview(@Param('id', EnquiryId) id: string, @Query() query: PreviewQueryDto): Promise<ReferralPreviewDto> {
    return this.escalations.preview(id, query.service);
  }

  @Post('enquiries/:id/escalations')
  @Roles('advisor', 'supervisor')
  @ApiOperation({
    summary: 'Escalate the enquiry to a service',
    description:
      'Builds the referral from the service’s permitted fields only, records the disclosure, marks the enquiry escalated and queues delivery (signed webhook, e-mail or portal) in one transaction. ' +
      '409 when processing is restricted or the consent it relies on was withdrawn, when special category details would go to a service not permitted them, or when the service is inactive; 404 for an unknown service. ' +
      'Passed on following a knowledge article (`knowledgeArticleId`), the enquiry is kept 12 months from when it is finished (retention class knowledge_follow_up); ' +
      '404 KNOWLEDGE_ARTICLE_NOT_FOUND for an article not of your organisation, 422 KNOWLEDGE_ARTICLE_ARCHIVED for an archived one.',
  })
  @ApiCreatedResponse({ type: CreatedEscalationDto })
  @ApiConflictResponse({ description: 'Refused, with the reason' })
  escalate(@Param('id', EnquiryId) id: string, @Body() body: CreateEscalationDto): Promise<CreatedEscalationDto> {
    return this.escalations.escalate(id, body);
  }

  @Get('escalations')
  @Roles('service', 'supervisor', 'advisor', 'dpo')
  @ApiOperation({
    summary: 'Escalations: a service user sees only their service’s; supervisors filter dead letters with ?deliveryStatus=dead',
  })
  @ApiOkResponse({ type: [EscalationDto] })
  list(@Query() query: ListEscalationsQueryDto): Promise<EscalationDto[]> {
    return this.desk.list(query);
  }

  @Get('escalations/:id')
  @Roles('service', 'supervisor', 'advisor', 'dpo')
  @ApiOkResponse({ type: EscalationDto })
  @ApiNotFoundResponse({ description: 'Unknown, another organisation’s, or (for a service user) another service’s' })
  get(@Param('id', EscalationId) id: string): Promise<EscalationDto> {
    return this.desk.get(id);
  }

  @Post('escalations/:id/acknowledge')
  @Roles('service')
  @HttpCode(200)
  @ApiOperation({ summary: 'The service has picked the referral up' })
  @ApiOkResponse({ type: EscalationDto })
  acknowledge(@Param('id', EscalationId) id: string): Promise<EscalationDto> {
    return this.desk.acknowledge(id);
  }

  @Post('escalations/:id/updates')
  @Roles('service')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an update (appears on the enquiry’s timeline)' })
  @ApiOkResponse({ type: EscalationDto })
  update(@Param('id', EscalationId) id: string, @Body() body: EscalationUpdateDto): Promise<EscalationDto> {
    return this.desk.addUpdate(id, body.text);
  }

  @Post('escalations/:id/close')
  @Roles('service')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close with an outcome' })
  @ApiOkResponse({ type: EscalationDto })
  close(@Param('id', EscalationId) id: string, @Body() body: CloseEscalationDto): Promise<EscalationDto> {
    return this.desk.close(id, body.outcome);
  }

  @Post('escalations/:id/replay')
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay a dead-lettered delivery (same webhook-id)' })
  @ApiOkResponse({ type: EscalationDto })
  replay(@Param('id', EscalationId) id: string): Promise<EscalationDto> {
    return this.desk.replay(id);
  }
}
