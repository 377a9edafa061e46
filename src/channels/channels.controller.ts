import { applyDecorators, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiCreatedResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/access.decorators.js';
import type { Channel } from '../contracts/enquiry-vocabulary.js';
import type { CredentialChannel } from '../tenancy/credential-channel.js';
import { ChannelAuthService } from './channel-auth.service.js';
import { ChannelIntakeService, type IngestResult } from './channel-intake.service.js';
import { FormSubmissionDto } from './forms/dto/form-submission.dto.js';
import { EmailIngestService } from './email/email-ingest.service.js';
import { FormIngestService } from './forms/form-ingest.service.js';
import { CallLogDto, IngestResponseDto } from './phone/dto/call-log.dto.js';
import { RingingAcceptedDto, RingingCallDto } from './phone/dto/ringing-call.dto.js';
import { PhoneIngestService } from './phone/phone-ingest.service.js';
import { RingingCalls } from './phone/ringing-calls.js';
import { parseSignedBody, parseSignedJson, rawBodyOf } from './signed-body.js';
import { parseMetaEvents } from './social/meta-events.js';
import { SocialIngestService, type SocialIngestReport } from './social/social-ingest.service.js';
import { SocialWebhookAuth } from './social/social-webhook-auth.js';

/** The Standard Webhooks headers every signed push carries, in the OpenAPI description. */
const SignedPush = () =>
  applyDecorators(
    ApiHeader({ name: 'webhook-id', required: true, description: 'Standard Webhooks message id' }),
    ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds; refused when more than 5 minutes off' }),
    ApiHeader({
      name: 'webhook-signature',
      required: true,
      description: 'v1,<base64 HMAC-SHA256 of id.timestamp.body> with the organisation’s channel secret',
    }),
  );

/**
 * Machine-to-machine ingestion, authenticated by signature (not login): the signature is checked over the raw
 * bytes before anything is parsed; a new delivery answers 201, a repeated one 200 with the same enquiry.
 */
@ApiTags('channels')
@Controller('api/channels')
@Public()
export class ChannelsController {
  constructor(
    private readonly auth: ChannelAuthService,
    private readonly intake: ChannelIntakeService,
    private readonly phone: PhoneIngestService,
    private readonly forms: FormIngestService,
    private readonly emails: EmailIngestService,
    private readonly social: SocialWebhookAuth,
    private readonly socialIngest: SocialIngestService,
    private readonly ringingCalls: RingingCalls,
  ) {}

  @Post('phone/:organisation/calls')
  @SignedPush()
  @ApiOperation({
    summary: 'A call log from the telephony platform',
    description:
      'Creates an enquiry for the call, or attaches the call to `enquiryReference`. Recording references keep their own retention (audio 2 years, screen video 28 days).',
  })
  @ApiBody({ type: CallLogDto })
  @ApiCreatedResponse({ type: IngestResponseDto, description: 'New call' })
  @ApiOkResponse({ type: IngestResponseDto, description: 'The same call delivered again' })
  @ApiUnauthorizedResponse({ description: 'Unsigned, badly signed, or a timestamp more than 5 minutes off' })
  async call(
    @Param('organisation') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IngestResponseDto> {
    return this.receive('phone', 'phone', slug, request, reply, async (organisationId, raw) =>
      this.phone.ingest(organisationId, await parseSignedBody(raw, CallLogDto)),
    );
  }

  @Post('phone/:organisation/ringing')
  @SignedPush()
  @HttpCode(202)
  @ApiOperation({
    summary: 'A call ringing at an advisor’s phone',
    description:
      'Signed with the phone channel’s secret, like call logs. The advisor (`agent`, their Signpost login) is shown at once, in every console they have open, who is calling: the caller’s earlier contact with this organisation (references, channels, statuses and dates, newest first, at most 20) and which of it is still open. The read is audited. Nothing personal is answered.',
  })
  @ApiBody({ type: RingingCallDto })
  @ApiAcceptedResponse({ type: RingingAcceptedDto })
  @ApiUnauthorizedResponse({ description: 'Unsigned, badly signed, or a timestamp more than 5 minutes off' })
  @ApiUnprocessableEntityResponse({ description: 'AGENT_UNKNOWN: `agent` is not an advisor or supervisor of this organisation' })
  async ringing(@Param('organisation') slug: string, @Req() request: FastifyRequest): Promise<RingingAcceptedDto> {
    const raw = rawBodyOf(request.body);
    const { organisationId } = await this.auth.verifyStandardWebhook(slug, 'phone', raw, request.headers);
    const alert = await this.ringingCalls.ring(organisationId, await parseSignedBody(raw, RingingCallDto));
    return { earlierContacts: alert.call.earlierContact.length };
  }

  @Post('forms/:organisation/submissions')
  @SignedPush()
  @ApiOperation({
    summary: 'An online-form submission from the e-form platform',
    description: 'Mapped to an enquiry by the organisation’s mapping for the form; retention class online form (or website contact form).',
  })
  @ApiBody({ type: FormSubmissionDto })
  @ApiCreatedResponse({ type: IngestResponseDto })
  @ApiOkResponse({ type: IngestResponseDto, description: 'The same submission delivered again' })
  @ApiUnauthorizedResponse({ description: 'Unsigned or badly signed' })
  async submission(
    @Param('organisation') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IngestResponseDto> {
    return this.receive('form', 'forms', slug, request, reply, async (organisationId, raw) =>
      this.forms.ingest(organisationId, await parseSignedBody(raw, FormSubmissionDto)),
    );
  }

  @Post('email/:organisation/inbound')
  @SignedPush()
  @ApiOperation({
    summary: 'One raw RFC 5322 message (Content-Type: message/rfc822), as the SMTP listener would receive it',
    description:
      'Signed per Standard Webhooks over the raw bytes. A reply carrying the enquiry’s token threads into it; otherwise a new enquiry, acknowledged with its reference. Over EMAIL_MAX_BYTES, or a MIME bomb → 413.',
  })
  @ApiCreatedResponse({ type: IngestResponseDto })
  @ApiOkResponse({ type: IngestResponseDto, description: 'The same message delivered again' })
  async email(
    @Param('organisation') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IngestResponseDto> {
    return this.receive('email', 'email', slug, request, reply, (organisationId, raw) => this.emails.ingest(organisationId, raw));
  }

  @Get('social/:organisation/webhook')
  @ApiOperation({
    summary: 'The social platform’s subscription handshake',
    description: 'Echoes `hub.challenge` as plain text when `hub.mode=subscribe` and `hub.verify_token` matches; 403 otherwise.',
  })
  @ApiQuery({ name: 'hub.mode', required: true })
  @ApiQuery({ name: 'hub.verify_token', required: true })
  @ApiQuery({ name: 'hub.challenge', required: true })
  async handshake(@Param('organisation') slug: string, @Query() query: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    const challenge = await this.social.handshake(slug, query['hub.mode'], query['hub.verify_token'], query['hub.challenge']);
    await reply.status(200).header('content-type', 'text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(challenge);
  }

  @Post('social/:organisation/webhook')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Social platform events (direct messages, comments)',
    description:
      'Signed with `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app secret), checked before parsing. A new conversation becomes an enquiry; later messages continue it; repeats are ignored.',
  })
  @ApiHeader({ name: 'x-hub-signature-256', required: true })
  @ApiOkResponse({ description: '{received, created, continued, duplicates}' })
  async socialEvents(@Param('organisation') slug: string, @Req() request: FastifyRequest): Promise<SocialIngestReport> {
    try {
      const raw = rawBodyOf(request.body);
      const organisationId = await this.social.verify(slug, raw, request.headers['x-hub-signature-256'] as string | undefined);
      return await this.socialIngest.ingest(organisationId, parseMetaEvents(await parseSignedJson(raw)));
    } catch (error) {
      this.intake.rejected('social');
      throw error;
    }
  }

  private async receive(
    channel: Channel,
    credential: CredentialChannel,
    slug: string,
    request: FastifyRequest,
    reply: FastifyReply,
    ingest: (organisationId: string, raw: Buffer) => Promise<IngestResult>,
  ): Promise<IngestResponseDto> {
    try {
      const raw = rawBodyOf(request.body);
      const { organisationId } = await this.auth.verifyStandardWebhook(slug, credential, raw, request.headers);
      const result = await ingest(organisationId, raw);
      void reply.status(result.created ? 201 : 200);
      return { enquiryId: result.enquiryId, reference: result.reference };
    } catch (error) {
      this.intake.rejected(channel);
      throw error;
    }
  }
}
