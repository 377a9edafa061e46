import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ALL_STAFF, Roles } from '../common/auth/access.decorators.js';
import type { CredentialChannel } from './credential-channel.js';
import { OrganisationDto, PrivacyNoticeDto, PublishPrivacyNoticeDto, UpdateOrganisationDto } from './dto/organisation.dto.js';
import { OrganisationService } from './organisation.service.js';

const SIGNED_CHANNELS = { phone: 'phone', forms: 'forms', email: 'email', sms: 'sms' } as const;

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/organisation')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Your organisation: DPO contact, default legal basis, opening hours and the privacy notice in force' })
  @ApiOkResponse({ type: OrganisationDto })
  current(): Promise<OrganisationDto> {
    return this.organisations.current();
  }

  @Patch()
  @Roles('admin')
  @ApiOperation({ summary: "Change your organisation's settings" })
  @ApiOkResponse({ type: OrganisationDto })
  update(@Body() body: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.update(body);
  }

  @Get('privacy-notices')
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Every published version of the privacy notice, newest first' })
  @ApiOkResponse({ type: [PrivacyNoticeDto] })
  notices(): Promise<PrivacyNoticeDto[]> {
    return this.organisations.notices();
  }

  @Post('privacy-notices')
  @Roles('admin', 'dpo')
  @ApiOperation({
    summary: 'Publish a new version of the privacy notice',
    description: 'Versions are never edited: consent records name the version shown.',
  })
  @ApiCreatedResponse({ type: PrivacyNoticeDto })
  @ApiConflictResponse({ description: 'That version label is already published' })
  publish(@Body() body: PublishPrivacyNoticeDto): Promise<PrivacyNoticeDto> {
    return this.organisations.publishNotice(body);
  }

  @Post('channels/:channel/secret')
  @Roles('admin')
  @HttpCode(201)
  @ApiParam({ name: 'channel', enum: Object.keys(SIGNED_CHANNELS) })
  @ApiOperation({
    summary: 'Rotate the signing secret of an inbound channel',
    description:
      'Returns the new Standard Webhooks secret once. The previous secret is still accepted until the next rotation, so the outside system can switch over.',
  })
  @ApiCreatedResponse({ schema: { properties: { channel: { type: 'string' }, secret: { type: 'string' } } } })
  rotate(
    @Param('channel', new ParseEnumPipe(SIGNED_CHANNELS)) channel: CredentialChannel,
  ): Promise<{ channel: CredentialChannel; secret: string }> {
    return this.organisations.rotateChannelSecret(channel);
  }
}
