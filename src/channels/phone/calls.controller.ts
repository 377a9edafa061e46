import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import { CallLinks } from './call-links.js';
import { CallLinkDto, LinkCallDto } from './dto/ringing-call.dto.js';

/** The advisor's side of the ringing phone: which enquiry the call is about. */
@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/calls')
@Roles('advisor', 'supervisor')
export class CallsController {
  constructor(private readonly links: CallLinks) {}

  @Post(':callId/enquiry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Say which enquiry a ringing call is about',
    description:
      'By the advisor the call rang at (`POST /api/channels/phone/:organisation/ringing`) or a supervisor, while it rings or during it: an enquiry they ' +
      'created for the call or one of the caller’s open enquiries. The call log the telephony platform sends when the call ends then joins that ' +
      'enquiry rather than becoming a new one. Calls are remembered for a day. Once the call log has arrived the call stays on the enquiry it joined: ' +
      'another answers 409 CALL_ALREADY_LOGGED naming its reference.',
  })
  @ApiOkResponse({ type: CallLinkDto })
  @ApiNotFoundResponse({ description: 'No such ringing call, or no such enquiry, in your organisation' })
  @ApiForbiddenResponse({ description: 'The call rang at another advisor (CALL_RANG_ELSEWHERE)' })
  @ApiConflictResponse({ description: 'The call log has already joined another enquiry (CALL_ALREADY_LOGGED)' })
  link(@Param('callId') callId: string, @Body() body: LinkCallDto): Promise<CallLinkDto> {
    return this.links.link(callId, body.enquiryId);
  }
}
