import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { FlagDto, FlagListDto, FlagListQueryDto, ReviewFlagDto } from './dto/safeguarding.dto.js';
import { SafeguardingFlags } from './safeguarding-flags.service.js';

/**
 * Messages that suggested someone was in immediate danger, for the people who check what was done: supervisors
 * review them; the Data Protection Officer may read them.
 */
@ApiTags('safeguarding')
@ApiBearerAuth()
@Controller('api/safeguarding/flags')
export class SafeguardingController {
  constructor(private readonly flags: SafeguardingFlags) {}

  @Get()
  @Roles('supervisor', 'dpo')
  @ApiOperation({
    summary: 'Safeguarding flags: unreviewed first, the longest waiting at the top (supervisors, DPO)',
    description: 'Kinds and ids only: the words are on the enquiry’s timeline.',
  })
  @ApiOkResponse({ type: FlagListDto })
  async list(@Query() query: FlagListQueryDto): Promise<FlagListDto> {
    return { flags: await this.flags.list(query.status ?? 'open') };
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Mark a flag handled or a false alarm, with an optional note (supervisors)',
    description: 'Counted in reports. A review never retrains the detector by itself: the corpus changes only by a reviewed commit.',
  })
  @ApiOkResponse({ type: FlagDto })
  @ApiNotFoundResponse({ description: 'No such flag (FLAG_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Already reviewed (FLAG_ALREADY_REVIEWED)' })
  review(
    @Param('id', new ResourceIdPipe(() => new DomainError(404, 'FLAG_NOT_FOUND', 'Safeguarding flag not found'))) id: string,
    @Body() body: ReviewFlagDto,
  ): Promise<FlagDto> {
    return this.flags.review(id, body.decision, body.note);
  }
}
