import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ukDate } from '../../common/uk-date.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { isOpen } from '../../tenancy/opening-hours.js';
import { findNoticeInForce } from '../../tenancy/privacy-notice-in-force.js';
import { ChannelAuthService } from '../channel-auth.service.js';
import type { Availability } from './availability.js';
import { AvailabilityReadings } from './availability-readings.js';

class WebchatNoticeDto {
  @ApiProperty({ example: '1' }) version: string;
  @ApiProperty({ example: 'How we use your information' }) title: string;
  @ApiPropertyOptional({ nullable: true }) url: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The notice text, shown to the citizen before they consent' }) body: string | null;
}

class WebchatInfoDto {
  @ApiProperty({ example: 'lancashire' }) organisation: string;
  @ApiProperty({ example: 'Lancashire County Council' }) name: string;
  @ApiProperty({ description: 'Open now, by the organisation’s opening hours and UK bank holidays' }) open: boolean;
  @ApiProperty({ type: WebchatNoticeDto, nullable: true, description: 'The privacy notice in force today' })
  privacyNotice: WebchatNoticeDto | null;
  @ApiPropertyOptional({ nullable: true, description: 'Where to write to the Data Protection Officer' }) dpoEmail: string | null;
  @ApiProperty({ enum: ['AVAILABLE', 'BUSY', 'UNAVAILABLE'], description: 'As GET /api/webchat/:organisation/availability' })
  availability: Availability;
}

class WebchatAvailabilityDto {
  @ApiProperty({ enum: ['AVAILABLE', 'BUSY', 'UNAVAILABLE'], example: 'AVAILABLE' }) status: Availability;
}

/** What the citizen's chat page shows before a chat exists: who runs it, whether it is open, the privacy notice. */
@ApiTags('webchat')
@Controller('api/webchat')
export class WebchatInfoController {
  constructor(
    private readonly organisations: ChannelAuthService,
    private readonly db: TenantDatabase,
    private readonly readings: AvailabilityReadings,
  ) {}

  @Get(':organisation/availability')
  @Public()
  @Header('cache-control', 'public, max-age=5')
  @Header('access-control-allow-origin', '*')
  @Header('cross-origin-resource-policy', 'cross-origin')
  @ApiOperation({
    summary: 'Is webchat available now? For the council’s own pages, before they show a chat button (no login, any origin)',
    description:
      '`AVAILABLE`; `BUSY` when every available advisor is at their limit and at least as many chats wait as there are advisors on; ' +
      '`UNAVAILABLE` when closed (opening hours, bank holidays) or nobody is on. Cacheable for 5 seconds; counts nothing personal.',
  })
  @ApiOkResponse({ type: WebchatAvailabilityDto })
  @ApiNotFoundResponse({ description: 'No such organisation' })
  async availability(@Param('organisation') slug: string): Promise<WebchatAvailabilityDto> {
    const organisation = await this.organisations.organisationBySlug(slug);
    if (!organisation) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', 'No such organisation');
    return { status: await this.readings.statusOf(organisation.id, isOpen(organisation.businessHours)) };
  }

  @Get(':organisation')
  @Public()
  @Header('cache-control', 'public, max-age=30')
  @ApiOperation({ summary: 'The chat page’s organisation, opening state and privacy notice (no login)' })
  @ApiOkResponse({ type: WebchatInfoDto })
  @ApiNotFoundResponse({ description: 'No such organisation' })
  async info(@Param('organisation') slug: string): Promise<WebchatInfoDto> {
    const organisation = await this.organisations.organisationBySlug(slug);
    if (!organisation) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', 'No such organisation');
    const notice = await this.db.forTenant(organisation.id, (m) => findNoticeInForce(m, ukDate()));
    return {
      organisation: organisation.slug,
      name: organisation.name,
      open: isOpen(organisation.businessHours),
      privacyNotice: notice ? { version: notice.version, title: notice.title, url: notice.url, body: notice.body } : null,
      dpoEmail: organisation.dpoEmail ?? null,
      availability: await this.readings.statusOf(organisation.id, isOpen(organisation.businessHours)),
    };
  }
}
