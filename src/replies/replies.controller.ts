import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { CreateReplyDto, CreatedReplyDto, PreviewReplyDto, ReplyOptionsDto, ReplyPreviewDto, ReplyViewDto } from './dto/reply.dto.js';
import { replyNotFound } from './reply.errors.js';
import { ReplyService } from './reply.service.js';

const EnquiryId = new ResourceIdPipe(enquiryNotFound);
const ReplyId = new ResourceIdPipe(replyNotFound);

@ApiTags('replies')
@ApiBearerAuth()
@Controller('api/enquiries')
@Roles('advisor', 'supervisor')
export class RepliesController {
  constructor(private readonly replies: ReplyService) {}

  @Post(':id/replies')
  @ApiOperation({
    summary: 'Answer the citizen on their channel (e-mail, text or social), from the job queue',
    description:
      'The channel defaults to the one the citizen used, else what they gave (e-mail, then mobile). E-mail goes from the organisation’s address with the reference and reply token in the subject, threaded on the citizen’s message (SMTP, or GOV.UK Notify’s replyEmail template); texts by Notify’s replySms template; social through the platform. Stored, put on the timeline, audited (ids and channel) and queued in one transaction; `resolve` resolves the enquiry with it. A card number is removed from the text.',
  })
  @ApiCreatedResponse({ type: CreatedReplyDto })
  @ApiBadRequestResponse({ description: 'A field is invalid, the text is missing, or it uses an unknown variable (named)' })
  @ApiNotFoundResponse({ description: 'No such enquiry in your organisation (or the saved reply or article named)' })
  @ApiConflictResponse({
    description:
      'PROCESSING_RESTRICTED, CONSENT_WITHDRAWN, SUBJECT_ERASED, NO_REPLY_CHANNEL, NOTIFY_NOT_CONFIGURED, MAIL_NOT_CONFIGURED or ILLEGAL_STATUS_TRANSITION (resolve): nothing stored or sent',
  })
  @ApiUnprocessableEntityResponse({ description: 'REPLY_CHANNEL_UNAVAILABLE, CONTACT_AGREEMENT_REQUIRED or SPECIAL_CATEGORY_BY_TEXT' })
  send(@Param('id', EnquiryId) id: string, @Body() body: CreateReplyDto): Promise<CreatedReplyDto> {
    return this.replies.send(id, body);
  }

  @Post(':id/replies/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exactly what a reply would send (channel, recipient, subject, text), by the same rules, without sending it',
  })
  @ApiOkResponse({ type: ReplyPreviewDto })
  @ApiConflictResponse({ description: 'As for sending' })
  preview(@Param('id', EnquiryId) id: string, @Body() body: PreviewReplyDto): Promise<ReplyPreviewDto> {
    return this.replies.preview(id, body);
  }

  @Post(':id/replies/:replyId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a failed reply again (the same words to the same recipient), through the job queue',
    description:
      'For a reply dead-lettered after an outage, or refused before the transport was set up. The rules that stop every reply decide again.',
  })
  @ApiOkResponse({ type: CreatedReplyDto })
  @ApiNotFoundResponse({ description: 'No such enquiry or reply in your organisation' })
  @ApiConflictResponse({ description: 'REPLY_NOT_FAILED, PROCESSING_RESTRICTED, CONSENT_WITHDRAWN or SUBJECT_ERASED' })
  retry(@Param('id', EnquiryId) id: string, @Param('replyId', ReplyId) replyId: string): Promise<CreatedReplyDto> {
    return this.replies.retry(id, replyId);
  }

  @Get(':id/replies')
  @ApiOperation({ summary: 'The replies sent on an enquiry, oldest first, with their delivery status (queued, sent, delivered, failed)' })
  @ApiOkResponse({ type: [ReplyViewDto] })
  list(@Param('id', EnquiryId) id: string): Promise<ReplyViewDto[]> {
    return this.replies.list(id);
  }

  @Get(':id/reply-options')
  @ApiOperation({ summary: 'The channels a reply may use for this enquiry, the default one, and the person’s language' })
  @ApiOkResponse({ type: ReplyOptionsDto })
  options(@Param('id', EnquiryId) id: string): Promise<ReplyOptionsDto> {
    return this.replies.options(id);
  }
}
