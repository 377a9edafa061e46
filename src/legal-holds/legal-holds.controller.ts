import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { LegalHoldDto, ListLegalHoldsQueryDto, PlaceLegalHoldDto, ReleaseLegalHoldDto } from './dto/legal-hold.dto.js';
import { legalHoldNotFound, LegalHoldsService } from './legal-holds.service.js';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/legal-holds')
@Roles('dpo', 'admin')
export class LegalHoldsController {
  constructor(private readonly holds: LegalHoldsService) {}

  @Post()
  @ApiOperation({
    summary: 'Place a legal hold on a person or an enquiry',
    description:
      'Held records are kept whatever an erasure request or the retention schedule says: erasure and sweeps skip them and list them as held, until the hold is released.',
  })
  @ApiCreatedResponse({ type: LegalHoldDto })
  @ApiNotFoundResponse({ description: 'No such person or enquiry in this organisation' })
  place(@Body() body: PlaceLegalHoldDto): Promise<LegalHoldDto> {
    return this.holds.place(body);
  }

  @Get()
  @ApiOperation({ summary: 'Legal holds, newest first (active ones unless `state` says otherwise)' })
  @ApiOkResponse({ type: [LegalHoldDto] })
  list(@Query() query: ListLegalHoldsQueryDto): Promise<LegalHoldDto[]> {
    return this.holds.list(query);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a legal hold, with the reason' })
  @ApiOkResponse({ type: LegalHoldDto })
  @ApiConflictResponse({ description: 'Released already' })
  release(@Param('id', new ResourceIdPipe(legalHoldNotFound)) id: string, @Body() body: ReleaseLegalHoldDto): Promise<LegalHoldDto> {
    return this.holds.release(id, body);
  }
}
