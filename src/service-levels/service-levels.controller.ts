import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { SaveServiceLevelsDto, ServiceLevelsDto } from './dto/service-levels.dto.js';
import { ServiceLevelsService } from './service-levels.service.js';

/** The organisation's service-level targets: first response and resolution by channel and service, referral acknowledgement. */
@ApiTags('service-levels')
@ApiBearerAuth()
@Controller('api/service-levels')
export class ServiceLevelsController {
  constructor(private readonly serviceLevels: ServiceLevelsService) {}

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
}
