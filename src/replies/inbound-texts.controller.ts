import { Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/access.decorators.js';
import { ChannelAuthService } from '../channels/channel-auth.service.js';
import { parseSignedBody, rawBodyOf } from '../channels/signed-body.js';
import { InboundTextDto, InboundTextResultDto } from './dto/reply.dto.js';
import { InboundTexts } from './inbound-texts.service.js';

/** GOV.UK Notify's inbound-text callback, relayed and signed per Standard Webhooks with the organisation's `sms` channel secret. */
@ApiTags('channels')
@Controller('api/channels/sms')
@Public()
export class InboundTextsController {
  constructor(
    private readonly auth: ChannelAuthService,
    private readonly texts: InboundTexts,
  ) {}

  @Post(':organisation/inbound')
  @ApiHeader({ name: 'webhook-id', required: true, description: 'Standard Webhooks message id' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds; refused when more than 5 minutes off' })
  @ApiHeader({
    name: 'webhook-signature',
    required: true,
    description: 'v1,<base64 HMAC-SHA256 of id.timestamp.body> with the organisation’s sms channel secret',
  })
  @ApiOperation({
    summary: 'A citizen’s text back (GOV.UK Notify’s received-text callback, signed)',
    description:
      'Joins the enquiry whose latest text reply went to that number (within 90 days), reopens it if resolved, and tells the advisor who answered. The signature is checked over the raw bytes before anything is parsed. A text that answers no reply is acknowledged and not kept.',
  })
  @ApiBody({ type: InboundTextDto })
  @ApiCreatedResponse({ type: InboundTextResultDto, description: 'Joined an enquiry' })
  @ApiOkResponse({
    type: InboundTextResultDto,
    description: 'The same text delivered again, or one that answers no reply (matched: false)',
  })
  @ApiUnauthorizedResponse({ description: 'Unsigned, badly signed, or a timestamp more than 5 minutes off' })
  async receive(
    @Param('organisation') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InboundTextResultDto> {
    const raw = rawBodyOf(request.body);
    const { organisationId } = await this.auth.verifyStandardWebhook(slug, 'sms', raw, request.headers);
    const { created, ...result } = await this.texts.receive(organisationId, await parseSignedBody(raw, InboundTextDto));
    void reply.status(created ? 201 : 200);
    return result;
  }
}
