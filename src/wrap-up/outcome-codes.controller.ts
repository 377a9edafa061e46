import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { OutcomeCodesDto, OutcomeCodesQueryDto, SaveOutcomeCodesDto } from './dto/outcome-codes.dto.js';
import { OutcomeCodesService } from './outcome-codes.service.js';

/** Wrap-up: the organisation's outcome codes, and whether resolving or closing an enquiry needs one. */
@ApiTags('wrap-up')
@ApiBearerAuth()
@Controller('api/outcome-codes')
export class OutcomeCodesController {
  constructor(private readonly outcomes: OutcomeCodesService) {}

  @Get()
  @Roles('advisor', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      'The outcome codes offered when wrapping up an enquiry (the defaults until the organisation sets its own), and whether one is required',
  })
  @ApiOkResponse({ type: OutcomeCodesDto })
  get(@Query() query: OutcomeCodesQueryDto): Promise<OutcomeCodesDto> {
    return this.outcomes.get(query.includeInactive ?? false);
  }

  @Put()
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Replace the outcome codes (in order) and the required flag; answers every code, inactive ones included',
  })
  @ApiOkResponse({ type: OutcomeCodesDto })
  @ApiBadRequestResponse({
    description:
      'A malformed or repeated code, a code recorded on enquiries left out (deactivate it instead), required with no active code',
  })
  @ApiForbiddenResponse({ description: 'Not a supervisor or an administrator' })
  save(@Body() body: SaveOutcomeCodesDto): Promise<OutcomeCodesDto> {
    return this.outcomes.save(body);
  }
}
