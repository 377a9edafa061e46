import { Controller, Get, Header, Param } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ukDate } from '../../common/uk-date.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { isOpen } from '../../tenancy/opening-hours.js';
import { findNoticeInForce } from '../../tenancy/privacy-notice-in-force.js';
import { ChannelAuthService } from '../channel-auth.service.js';
import { availability, type Availability } from './availability.js';

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

/** Advisors on, the chats they could still take, and the queue: counts only. */
const LOAD = `
  select count(*)::int as advisors,
         coalesce(sum(greatest(0, u.max_concurrent_chats - (select count(*) from chats c where c.status = 'active' and c.advisor_id = p.user_id))), 0)::int as free_slots,
         (select count(*) from chats where status = 'queued')::int as queued
  from advisor_presence p join staff_users u on u.id = p.user_id
  where p.status = 'available' and p.connections > 0 and not u.disabled`;

/** How long one reading of an organisation's availability answers every page asking (they poll). */
const AVAILABILITY_MS = 2000;

/** What the citizen's chat page shows before a chat exists: who runs it, whether it is open, the privacy notice. */
@ApiTags('webchat')
@Controller('api/webchat')
export class WebchatInfoController {
  private readonly readings = new Map<string, { at: number; status: Promise<Availability> }>();

  constructor(
    private readonly organisations: ChannelAuthService,
    private readonly db: TenantDatabase,
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
    return { status: await this.statusOf(organisation.id, isOpen(organisation.businessHours)) };
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
      availability: await this.statusOf(organisation.id, isOpen(organisation.businessHours)),
    };
  }

  /** One reading per organisation serves every page asking within AVAILABILITY_MS. */
  private statusOf(organisationId: string, open: boolean): Promise<Availability> {
    if (!open) return Promise.resolve('UNAVAILABLE');
    const cached = this.readings.get(organisationId);
    if (cached && Date.now() - cached.at < AVAILABILITY_MS) return cached.status;
    const status = this.db
      .forTenant(organisationId, (m: EntityManager) => m.query(LOAD))
      .then(([load]: { advisors: number; free_slots: number; queued: number }[]) =>
        availability({ open, advisorsAvailable: load.advisors, freeSlots: load.free_slots, queued: load.queued }),
      );
    status.catch(() => this.readings.delete(organisationId));
    this.readings.set(organisationId, { at: Date.now(), status });
    return status;
  }
}
