import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_STAFF, Roles } from '../common/auth/access.decorators.js';
import { SaveSignpostingDestinationDto, SignpostingDestinationDto } from './dto/signposting.dto.js';
import { SignpostingDestinations } from './signposting-destinations.js';

/** The organisation's list of other organisations advisors may direct citizens to (two-tier areas, the NHS, the police…). */
@ApiTags('signposting')
@ApiBearerAuth()
@Controller('api/signposting')
export class SignpostingController {
  constructor(private readonly destinations: SignpostingDestinations) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Where advisors may signpost citizens: other organisations, with how to reach them' })
  @ApiOkResponse({ type: [SignpostingDestinationDto] })
  list(): Promise<SignpostingDestinationDto[]> {
    return this.destinations.list();
  }

  @Put(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a destination or change one (by its code); `active: false` withdraws it from advisors’ lists' })
  @ApiOkResponse({ type: SignpostingDestinationDto })
  save(@Param('code') code: string, @Body() body: SaveSignpostingDestinationDto): Promise<SignpostingDestinationDto> {
    return this.destinations.save(code, body);
  }
}
