import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toCsv } from '../common/csv.js';
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
import { DomainError } from '../common/errors/domain-error.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import {
  ClarificationDto,
  ConfirmSubjectsDto,
  CreateSubjectRequestDto,
  EraseDto,
  EvidenceDto,
  FulfilDto,
  LiftRestrictionDto,
  ObjectionDecisionDto,
  ReasonDto,
  RecipientNoticeDto,
  RefuseDto,
  RectifyDto,
  ResumeDto,
  SubjectRequestDto,
  WithdrawConsentRequestDto,
} from './dto/subject-request.dto.js';
import { SubjectAccess } from './subject-access.service.js';
import { SubjectErasure } from './subject-erasure.service.js';
import { SubjectRectification } from './subject-rectification.service.js';
import { SubjectRequestLifecycle } from './subject-request-lifecycle.service.js';
import { SubjectRestriction } from './subject-restriction.service.js';

const RequestId = new ResourceIdPipe(() => new DomainError(404, 'SUBJECT_REQUEST_NOT_FOUND', 'Subject request not found'));
const AttachmentId = new ResourceIdPipe(
  () => new DomainError(404, 'ATTACHMENT_NOT_FOUND', 'No such attachment among the confirmed people’s records'),
);

@ApiTags('subject rights')
@ApiBearerAuth()
@Controller('api/subject-requests')
@Roles('dpo')
export class SubjectRequestsController {
  constructor(
    private readonly lifecycle: SubjectRequestLifecycle,
    private readonly access: SubjectAccess,
    private readonly erasure: SubjectErasure,
    private readonly rectification: SubjectRectification,
    private readonly restriction: SubjectRestriction,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Log a subject-rights request (any right, any channel)',
    description:
      'The due date follows the ICO’s guidance: the same date next month (or its last day), moved to the next working day of the organisation’s nation; ' +
      'it is recomputed when identity evidence or proof of authority arrives later, when a clarification pauses the clock, or when the request is extended.',
  })
  @ApiCreatedResponse({ type: SubjectRequestDto })
  create(@Body() body: CreateSubjectRequestDto): Promise<SubjectRequestDto> {
    return this.lifecycle.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Every request, soonest due first, with the days left' })
  @ApiOkResponse({ type: [SubjectRequestDto] })
  list(): Promise<SubjectRequestDto[]> {
    return this.lifecycle.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: SubjectRequestDto })
  @ApiNotFoundResponse()
  get(@Param('id', RequestId) id: string): Promise<SubjectRequestDto> {
    return this.lifecycle.get(id);
  }

  @Post(':id/verify-identity')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the identity evidence seen (its type, not a copy) and when it arrived' })
  @ApiOkResponse({ type: SubjectRequestDto })
  verifyIdentity(@Param('id', RequestId) id: string, @Body() body: EvidenceDto): Promise<SubjectRequestDto> {
    return this.lifecycle.verifyIdentity(id, body);
  }

  @Post(':id/authority')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the proof of authority of someone acting for the person, and when it arrived' })
  @ApiOkResponse({ type: SubjectRequestDto })
  @ApiConflictResponse({ description: 'Nobody acts for the person in this request' })
  authority(@Param('id', RequestId) id: string, @Body() body: EvidenceDto): Promise<SubjectRequestDto> {
    return this.lifecycle.recordAuthority(id, body);
  }

  @Post(':id/clarification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask for a clarification that is genuinely needed: the clock stops until the answer' })
  @ApiOkResponse({ type: SubjectRequestDto })
  clarification(@Param('id', RequestId) id: string, @Body() body: ClarificationDto): Promise<SubjectRequestDto> {
    return this.lifecycle.askClarification(id, body);
  }

  @Post(':id/clarification/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'The clarification arrived: the clock runs again, the paused days added' })
  @ApiOkResponse({ type: SubjectRequestDto })
  answered(@Param('id', RequestId) id: string, @Body() body: ResumeDto): Promise<SubjectRequestDto> {
    return this.lifecycle.clarificationReceived(id, body);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend a complex request to three months from the start, with reasons (409 after the first month)' })
  @ApiOkResponse({ type: SubjectRequestDto })
  @ApiConflictResponse({ description: 'Extended already, or too late: it must be recorded before the first month ends' })
  extend(@Param('id', RequestId) id: string, @Body() body: ReasonDto): Promise<SubjectRequestDto> {
    return this.lifecycle.extend(id, body);
  }

  @Post(':id/subjects')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm which data subjects held are the requester (from POST /api/subject-search)' })
  @ApiOkResponse({ type: SubjectRequestDto })
  subjects(@Param('id', RequestId) id: string, @Body() body: ConfirmSubjectsDto): Promise<SubjectRequestDto> {
    return this.lifecycle.confirmSubjects(id, body);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'Everything held about the confirmed subjects (access, portability), with every recipient',
    description:
      'JSON: the person, their identifiers and consent records, every enquiry with its timeline, chat, e-mail and social messages, call logs and recording references, ' +
      'and the recipients from the disclosure ledger (who received what, when, on what basis). 409 until identity (and any authority) is verified and the subjects are confirmed.',
  })
  @ApiConflictResponse({
    description: 'Not an access or portability request, identity or authority not verified, or no subjects confirmed',
  })
  async export(
    @Param('id', RequestId) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (format !== undefined && format !== 'json' && format !== 'csv')
      throw new DomainError(400, 'VALIDATION_FAILED', 'format must be json or csv');
    const exported = await this.access.export(id);
    reply.header('content-disposition', `attachment; filename="subject-access-${id}.${format === 'csv' ? 'csv' : 'json'}"`);
    reply.header('cache-control', 'no-store');
    if (format !== 'csv') return exported;
    // The tabular part: one row per enquiry, with its messages counted (the JSON holds the messages themselves).
    reply.header('content-type', 'text/csv; charset=utf-8');
    const rows = exported.subjects.flatMap((subject) =>
      subject.enquiries.map((enquiry) => ({
        name: subject.subject.name,
        reference: enquiry.reference,
        channel: enquiry.channel,
        status: enquiry.status,
        created_at: enquiry.created_at,
        description: enquiry.description,
        legal_basis: enquiry.legal_basis,
        timeline_entries: enquiry.timeline.length,
        chat_messages: enquiry.chatMessages.length,
        email_messages: enquiry.emailMessages.length,
        call_logs: enquiry.callLogs.length,
        recipients: subject.recipients
          .filter((recipient) => recipient.enquiry_id === enquiry.id)
          .map((recipient) => recipient.recipient)
          .join('; '),
      })),
    );
    return toCsv(
      [
        'name',
        'reference',
        'channel',
        'status',
        'created_at',
        'description',
        'legal_basis',
        'timeline_entries',
        'chat_messages',
        'email_messages',
        'call_logs',
        'recipients',
      ],
      rows,
    );
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({
    summary: 'One e-mail attachment held about the confirmed people (access, portability), as a download',
    description:
      'The export lists each attachment with its `download` path. Always sent as a download (application/octet-stream), never shown in the browser.',
  })
  @ApiOkResponse({ description: 'The attachment’s bytes' })
  @ApiNotFoundResponse({ description: 'No such request, or no such attachment among the confirmed people’s records' })
  async attachment(
    @Param('id', RequestId) id: string,
    @Param('attachmentId', AttachmentId) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { filename, content } = await this.access.attachment(id, attachmentId);
    const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    reply.header('content-type', 'application/octet-stream');
    reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    reply.header('cache-control', 'no-store');
    return content;
  }

  @Get(':id/notices')
  @ApiOperation({
    summary: 'The notice ledger: which services were told of a rectification, erasure or restriction, and whether it reached them',
  })
  @ApiOkResponse({ type: [RecipientNoticeDto] })
  notices(@Param('id', RequestId) id: string): Promise<RecipientNoticeDto[]> {
    return this.lifecycle.recipientNotices(id);
  }

  @Post(':id/fulfil')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the response went to the person: the request is completed' })
  @ApiOkResponse({ type: SubjectRequestDto })
  fulfil(@Param('id', RequestId) id: string, @Body() body: FulfilDto): Promise<SubjectRequestDto> {
    return this.lifecycle.fulfil(id, body);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the request was refused, with the reason: the request is closed',
    description:
      'For a request that is manifestly unfounded or excessive (Art. 12(5)), or where an exemption applies. The person must be told why, and of their right to complain to the ICO.',
  })
  @ApiOkResponse({ type: SubjectRequestDto })
  refuse(@Param('id', RequestId) id: string, @Body() body: RefuseDto): Promise<SubjectRequestDto> {
    return this.lifecycle.refuse(id, body);
  }

  @Post(':id/restrict')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Restrict processing of the confirmed people’s data (Art. 18): only stored until lifted',
    description:
      'Escalation, notes, advice, assignment and export answer 409 PROCESSING_RESTRICTED until lifted. Every service that received the data (from the disclosure ledger) is sent a notice through the delivery outbox — a signed `subject.restricted` webhook, an e-mail, or a note in its portal — recorded in the notice ledger (`GET …/:id/notices`); the answer counts them in `recipientsNotified`.',
  })
  restrict(@Param('id', RequestId) id: string) {
    return this.restriction.restrict(id);
  }

  @Post(':id/lift-restriction')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lift the restriction, after telling the person (Art. 18(3))',
    description:
      'Needs the date the person was told. Every service that received the data (from the disclosure ledger) is sent a notice through the delivery outbox — a signed `subject.restriction_lifted` webhook, an e-mail, or a note in its portal — recorded in the notice ledger (`GET …/:id/notices`); the answer counts them in `recipientsNotified`.',
  })
  lift(@Param('id', RequestId) id: string, @Body() body: LiftRestrictionDto) {
    return this.restriction.liftRestriction(id, body);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase everything held about the confirmed people (Art. 17), except records kept on a recorded ground or under a legal hold',
    description:
      'Answers with the counts erased by kind of record and the records kept (with their ground; `legal_hold` and the hold’s id for held records). ' +
      'Ids, dates and statuses stay, so reports stay true; the audit chain holds ids only and stays valid. Every service that received the data (from the disclosure ledger) is sent a notice through the delivery outbox — a signed `subject.erased` webhook, an e-mail, or a note in its portal — recorded in the notice ledger (`GET …/:id/notices`); the answer counts them in `recipientsNotified`.',
  })
  erase(@Param('id', RequestId) id: string, @Body() body: EraseDto) {
    return this.erasure.erase(id, body);
  }

  @Post(':id/withdraw-consent')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw every consent the confirmed people gave: processing on consent stops, explicit-consent details are redacted',
  })
  withdrawConsent(@Param('id', RequestId) id: string, @Body() body: WithdrawConsentRequestDto) {
    return this.restriction.withdrawConsent(id, body);
  }

  @Post(':id/rectify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct the confirmed people’s details (Art. 16); a phone or e-mail given replaces those held',
    description:
      'Only services that received a corrected field are told, with the corrected values of those fields only. Every service that received the data (from the disclosure ledger) is sent a notice through the delivery outbox — a signed `subject.rectified` webhook, an e-mail, or a note in its portal — recorded in the notice ledger (`GET …/:id/notices`); the answer counts them in `recipientsNotified`.',
  })
  rectify(@Param('id', RequestId) id: string, @Body() body: RectifyDto) {
    return this.rectification.rectify(id, body);
  }

  @Post(':id/objection-decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide an objection (Art. 21): upheld stops processing; otherwise record the compelling grounds',
    description: 'Upheld, the services that received the data are told as for a restriction (`subject.restricted`).',
  })
  decideObjection(@Param('id', RequestId) id: string, @Body() body: ObjectionDecisionDto) {
    return this.restriction.decideObjection(id, body);
  }
}
