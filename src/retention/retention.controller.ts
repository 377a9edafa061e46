import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ChangeRetentionRuleDto, RetentionRuleDto } from './dto/retention-schedule.dto.js';
import { RetentionScheduleService } from './retention-schedule.service.js';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/retention/schedule')
export class RetentionScheduleController {
  constructor(private readonly schedule: RetentionScheduleService) {}

  @Get()
  @Roles('dpo', 'admin', 'supervisor')
  @ApiOperation({
    summary: 'The retention schedule: every record type, its period, the event it runs from, and where the period comes from',
    description:
      'Periods are added as calendar years and months, then days: a record erased “2 years” after 29 February 2024 is erased on 28 February 2026 ' +
      '(the same date, or the month’s last day when there is no such date).',
  })
  @ApiOkResponse({ type: [RetentionRuleDto] })
  read(): Promise<RetentionRuleDto[]> {
    return this.schedule.schedule();
  }

  @Put(':recordType')
  @Roles('dpo', 'admin')
  @ApiOperation({ summary: 'Set the organisation’s own period for a record type, with the reason (audited)' })
  @ApiOkResponse({ type: [RetentionRuleDto] })
  @ApiNotFoundResponse({ description: 'No such record type' })
  change(@Param('recordType') recordType: string, @Body() body: ChangeRetentionRuleDto): Promise<RetentionRuleDto[]> {
    return this.schedule.change(recordType, body);
  }

  @Delete(':recordType')
  @Roles('dpo', 'admin')
  @ApiOperation({ summary: 'Return a record type to the default period (audited)' })
  @ApiOkResponse({ type: [RetentionRuleDto] })
  reset(@Param('recordType') recordType: string): Promise<RetentionRuleDto[]> {
    return this.schedule.reset(recordType);
  }
}
