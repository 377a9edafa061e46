import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ukDate } from '../../common/uk-date.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { isOpen } from '../../tenancy/opening-hours.js';
import { PrivacyNoticeEntity } from '../../tenancy/privacy-notice.entity.js';
import { ChannelAuthService } from '../channel-auth.service.js';

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
  @ApiProperty({ type: WebchatNoticeDto, nullable: true, description: 'The privacy notice in force today' }) privacyNotice: WebchatNoticeDto | null;
  @ApiPropertyOptional({ nullable: true, description: 'Where to write to the Data Protection Officer' }) dpoEmail: string | null;
}

/** What the citizen's chat page shows before a chat exists: who runs it, whether it is open, the privacy notice. */
@ApiTags('webchat')
@Controller('api/webchat')
export class WebchatInfoController {
  constructor(
    private readonly organisations: ChannelAuthService,
    private readonly db: TenantDatabase,
  ) {}

  @Get(':organisation')
  @Public()
  @Header('cache-control', 'public, max-age=30')
  @ApiOperation({ summary: 'The chat page’s organisation, opening state and privacy notice (no login)' })
  @ApiOkResponse({ type: WebchatInfoDto })
  @ApiNotFoundResponse({ description: 'No such organisation' })
  async info(@Param('organisation') slug: string): Promise<WebchatInfoDto> {
    const organisation = await this.organisations.organisationBySlug(slug);
    if (!organisation) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', 'No such organisation');
    const notice = await this.db.forTenant(organisation.id, (m) =>
      m
        .createQueryBuilder(PrivacyNoticeEntity, 'notice')
        .where('notice.effective_from <= :date', { date: ukDate() })
        .orderBy('notice.effective_from', 'DESC')
        .addOrderBy('notice.published_at', 'DESC')
        .getOne(),
    );
    return {
      organisation: organisation.slug,
      name: organisation.name,
      open: isOpen(organisation.businessHours),
      privacyNotice: notice ? { version: notice.version, title: notice.title, url: notice.url, body: notice.body } : null,
      dpoEmail: organisation.dpoEmail ?? null,
    };
  }
}
