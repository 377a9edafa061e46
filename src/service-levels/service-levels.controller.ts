import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ReferralsAwaitingAcknowledgementDto, ServiceAcknowledgementTargetDto } from './dto/referral-acknowledgement.dto.js';
import { SaveServiceLevelsDto, ServiceLevelsDto } from './dto/service-levels.dto.js';
import { ReferralAcknowledgementWatch } from './referral-acknowledgement-watch.service.js';
import { ServiceLevelsService } from './service-levels.service.js';

/** The organisation's service-level targets: first response and resolution by channel and service, referral acknowledgement. */
@ApiTags('service-levels')
@ApiBearerAuth()
@Controller('api/service-levels')
export class ServiceLevelsController {
  constructor(
    private readonly serviceLevels: ServiceLevelsService,
    private readonly referrals: ReferralAcknowledgementWatch,
  ) {}

  @Get()
  @Roles('advisor', 'supervisor', 'admin')
  @ApiOperation({ summary: 'The targets in force: every channel’s (defaults where none is set), services’ own, referral acknowledgement' })
  @ApiOkResponse({ type: ServiceLevelsDto })
  get(): Promise<ServiceLevelsDto> {
    return this.serviceLevels.get();
  }

  @Put()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Replace the targets; what the body leaves out takes the default. Applies to enquiries received from now on' })
  @ApiOkResponse({ type: ServiceLevelsDto })
  @ApiBadRequestResponse({ description: 'A malformed target, an unknown or repeated service code (VALIDATION_FAILED, the field named)' })
  @ApiForbiddenResponse({ description: 'Not a supervisor or an administrator' })
  save(@Body() body: SaveServiceLevelsDto): Promise<ServiceLevelsDto> {
    return this.serviceLevels.save(body);
  }

  @Get('referrals')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Services whose referrals are not yet acknowledged and past (or at risk of) their acknowledgement target',
    description:
      'Per service: how many referrals are past their target and how many at risk (80 % of the working time passed), the earliest due time among them, and the target in force. Services with none are left out. Counts only.',
  })
  @ApiOkResponse({ type: ReferralsAwaitingAcknowledgementDto })
  @ApiForbiddenResponse({ description: 'Not a supervisor or an administrator' })
  referralsAwaitingAcknowledgement(): Promise<ReferralsAwaitingAcknowledgementDto> {
    return this.referrals.awaiting();
  }

  @Get('acknowledgement-target')
  @Roles('service')
  @ApiOperation({ summary: 'For a service user (the portal): how soon their service must acknowledge a referral' })
  @ApiOkResponse({ type: ServiceAcknowledgementTargetDto })
  @ApiNotFoundResponse({ description: 'The account is not linked to a service (SERVICE_NOT_FOUND)' })
  acknowledgementTarget(): Promise<ServiceAcknowledgementTargetDto> {
    return this.referrals.ownTarget();
  }
}
