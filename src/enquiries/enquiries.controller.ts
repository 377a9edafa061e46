import { ConfirmTopicDto } from '../routing/dto.js';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { ConsentService } from '../consent/consent.service.js';
import { SubjectInputDto, SubjectMatchDto } from '../data-subjects/dto/subject.dto.js';
import { CreateEnquiryDto, CreatedEnquiryDto } from './dto/create-enquiry.dto.js';
import {
  AddNoteDto,
  AssignEnquiryDto,
  CloseEnquiryDto,
  ConsentRecordDto,
  EnquiryDetailDto,
  EnquiryPageDto,
  ListEnquiriesQueryDto,
  MyWorkQueryDto,
  ResolveEnquiryDto,
  SignpostEnquiryDto,
  WithdrawConsentDto,
} from './dto/enquiry-actions.dto.js';
import { consentNotFound, enquiryNotFound } from './enquiries.errors.js';
import { EnquiryIntakeService } from './enquiry-intake.service.js';
import { EnquiryQueryService } from './enquiry-query.service.js';
import { EnquiryWorkflowService, type EnquiryState } from './enquiry-workflow.service.js';

const EnquiryId = new ResourceIdPipe(enquiryNotFound);

@ApiTags('enquiries')
@ApiBearerAuth()
@Controller('api')
@Roles('advisor', 'supervisor')
export class EnquiriesController {
  constructor(
    private readonly intake: EnquiryIntakeService,
    private readonly queries: EnquiryQueryService,
    private readonly workflow: EnquiryWorkflowService,
    private readonly consent: ConsentService,
  ) {}

  @Post('enquiries')
  @ApiOperation({
    summary: 'Log an enquiry',
    description:
      'One record per contact, with its data subject, UK GDPR legal basis (the organisation default when omitted), consent and any special category data. ' +
      'Special category data needs `explicitConsent: true` (else 422). The response suggests people already held who may be the same person; link them with `dataSubjectId`.',
  })
  @ApiCreatedResponse({ type: CreatedEnquiryDto })
  @ApiUnprocessableEntityResponse({
    description: 'Special category data without explicit consent; consent basis without consent; unknown privacy-notice version',
  })
  create(@Body() body: CreateEnquiryDto): Promise<CreatedEnquiryDto> {
    return this.intake.create(body);
  }

  @Get('enquiries')
  @ApiOperation({
    summary: 'List and search enquiries',
    description: '`q` finds by reference, name, phone number, e-mail address or postcode, however written.',
  })
  @ApiOkResponse({ type: EnquiryPageDto })
  list(@Query() query: ListEnquiriesQueryDto): Promise<EnquiryPageDto> {
    return this.queries.list(query);
  }

  @Get('my-work')
  @ApiOperation({
    summary: 'My work: the enquiries assigned to you that are still open, soonest due first',
    description:
      'New and in-progress enquiries whose assignee is you, whether you took them, a supervisor assigned them or automatic assignment ' +
      'gave them to you (`assignedAutomaticallyAt`), ordered by when their running service-level target falls due (those with none last), ' +
      'then oldest first.',
  })
  @ApiOkResponse({ type: EnquiryPageDto })
  myWork(@Query() query: MyWorkQueryDto): Promise<EnquiryPageDto> {
    return this.queries.myWork(query);
  }

  @Get('enquiries/:id')
  @ApiOperation({ summary: 'An enquiry with its subject, consent records and timeline (the read is audited)' })
  @ApiOkResponse({ type: EnquiryDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', EnquiryId) id: string): Promise<EnquiryDetailDto> {
    return this.queries.get(id);
  }

  @Post('enquiries/:id/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve with information and advice',
    description:
      'From new or in_progress. `knowledgeArticleId` records the knowledge article the advice came from: one of your organisation’s ' +
      '(404 KNOWLEDGE_ARTICLE_NOT_FOUND otherwise), not archived (422 KNOWLEDGE_ARTICLE_ARCHIVED). `outcome`: a wrap-up outcome code ' +
      '(GET /api/outcome-codes): 400 OUTCOME_UNKNOWN or OUTCOME_INACTIVE; 400 OUTCOME_REQUIRED when your organisation requires one and none is given.',
  })
  @ApiBadRequestResponse({ description: 'OUTCOME_UNKNOWN, OUTCOME_INACTIVE or OUTCOME_REQUIRED (the field named)' })
  @ApiConflictResponse({ description: 'Not allowed from the current status' })
  resolve(@Param('id', EnquiryId) id: string, @Body() body: ResolveEnquiryDto): Promise<EnquiryState> {
    return this.workflow.resolve(id, body);
  }

  @Post('enquiries/:id/signpost')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve the enquiry by directing the citizen to another organisation (a district council, the NHS, the police…)',
    description:
      'From the organisation’s signposting list (GET /api/signposting); recorded with the advice given, and counted apart in the reports. ' +
      '`outcome` as for resolve; when none is given, "signposted" if your organisation has that code active.',
  })
  @ApiBadRequestResponse({ description: 'OUTCOME_UNKNOWN, OUTCOME_INACTIVE or OUTCOME_REQUIRED (the field named)' })
  @ApiConflictResponse({ description: 'Not allowed from the current status, or processing is restricted' })
  signpost(@Param('id', EnquiryId) id: string, @Body() body: SignpostEnquiryDto) {
    return this.workflow.signpost(id, body);
  }

  @Post('enquiries/:id/take')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the enquiry: assigned to you, in progress' })
  take(@Param('id', EnquiryId) id: string): Promise<EnquiryState> {
    return this.workflow.take(id);
  }

  @Post('enquiries/:id/wait-for-citizen')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Wait for the citizen: the service-level clock stops',
    description:
      'The advisor asked the citizen something. From new or in_progress; the enquiry shows `slaState: "paused"` and `waitingSince` until the citizen ' +
      'answers on its thread (an e-mail or text reply) or the advisor stops waiting, when the due times still ahead move on by the working time waited. ' +
      '409 WAIT_NOT_ALLOWED when already waiting or not open with the contact centre.',
  })
  @ApiConflictResponse({ description: 'Already waiting, or not new or in progress' })
  waitForCitizen(@Param('id', EnquiryId) id: string) {
    return this.workflow.waitForCitizen(id);
  }

  @Post('enquiries/:id/stop-waiting')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop waiting for the citizen: the clock runs again',
    description:
      'The due times still ahead move on by the working time waited (in opening hours). 409 NOT_WAITING when it was not waiting.',
  })
  @ApiConflictResponse({ description: 'Not waiting for the citizen' })
  stopWaiting(@Param('id', EnquiryId) id: string) {
    return this.workflow.stopWaiting(id);
  }

  @Post('enquiries/:id/assign')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Assign the enquiry to an advisor (supervisors)' })
  assign(@Param('id', EnquiryId) id: string, @Body() body: AssignEnquiryDto): Promise<EnquiryState> {
    return this.workflow.assign(id, body.assigneeId);
  }

  @Post('enquiries/:id/notes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a note or call note to the timeline' })
  addNote(@Param('id', EnquiryId) id: string, @Body() body: AddNoteDto): Promise<EnquiryState> {
    return this.workflow.addNote(id, body);
  }

  @Post('enquiries/:id/topic')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the service the enquiry is for, or correct the suggestion',
    description:
      'Sets the enquiry’s topic and records the decision beside what was suggested (GET /api/routing/summary), which teaches the organisation’s topic model. 409 PROCESSING_RESTRICTED while restricted.',
  })
  confirmTopic(@Param('id', EnquiryId) id: string, @Body() body: ConfirmTopicDto) {
    return this.workflow.confirmTopic(id, body.service);
  }

  @Post('enquiries/:id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a resolved or escalated enquiry',
    description:
      '`outcome`: a wrap-up outcome code (GET /api/outcome-codes); needed when your organisation requires one and the enquiry has none yet (400 OUTCOME_REQUIRED).',
  })
  @ApiBadRequestResponse({ description: 'OUTCOME_UNKNOWN, OUTCOME_INACTIVE or OUTCOME_REQUIRED (the field named)' })
  close(@Param('id', EnquiryId) id: string, @Body() body: CloseEnquiryDto): Promise<EnquiryState> {
    return this.workflow.close(id, body);
  }

  @Post('enquiries/:id/consents/:consentId/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the person withdrew a consent',
    description:
      'One step; the record is kept as history. Withdrawn explicit consent redacts the special category details; withdrawn consent to an enquiry processed on consent stops every use of its data: escalation, notes, advice, assignment, topic, texts (409 CONSENT_WITHDRAWN); closing it is still allowed.',
  })
  @ApiOkResponse({ type: ConsentRecordDto })
  withdrawConsent(
    @Param('id', EnquiryId) id: string,
    @Param('consentId', new ResourceIdPipe(consentNotFound)) consentId: string,
    @Body() body: WithdrawConsentDto,
  ): Promise<ConsentRecordDto> {
    return this.consent.withdraw(id, consentId, body.method);
  }

  @Post('data-subjects/matches')
  @HttpCode(200)
  @ApiOperation({
    summary: 'People already held who may be this person',
    description:
      'Same phone or e-mail, or same name with the same date of birth or postcode. A suggestion only: the advisor decides. POST, so that personal details never appear in a URL.',
  })
  @ApiOkResponse({ type: [SubjectMatchDto] })
  matches(@Body() body: SubjectInputDto): Promise<SubjectMatchDto[]> {
    return this.queries.matches(body);
  }
}
