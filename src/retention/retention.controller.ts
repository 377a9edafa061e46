import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { Roles } from '../common/auth/access.decorators.js';
import { ChangeRetentionRuleDto, RetentionRuleDto, StartSweepDto, SweepDto } from './dto/retention-schedule.dto.js';
import { RetentionSweeps, sweepNotFound } from './retention-sweeps.js';
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

const SweepId = new ResourceIdPipe(sweepNotFound);

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/retention/sweeps')
@Roles('dpo', 'admin')
export class RetentionSweepsController {
  constructor(private readonly sweeps: RetentionSweeps) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the retention sweep now (or, with dryRun, count what it would erase)',
    description:
      'Erases, in place and in small batches, every record whose period in the schedule has run (judged on today’s UK date), except those under a legal hold ' +
      'or about a person with an open subject-rights request, which are counted and listed by id. Answers when the sweep has finished, with the counts by record type. ' +
      'The sweep also runs every night on the job queue’s schedule (RETENTION_SWEEP_CRON).',
  })
  @ApiOkResponse({ type: SweepDto })
  @ApiConflictResponse({ description: 'A sweep is running for this organisation already (SWEEP_RUNNING)' })
  start(@Body() body: StartSweepDto): Promise<SweepDto> {
    return this.sweeps.run(body.dryRun);
  }

  @Get()
  @ApiOperation({ summary: 'The organisation’s sweeps, newest first: the evidence that retention is enforced' })
  @ApiOkResponse({ type: [SweepDto] })
  list(): Promise<SweepDto[]> {
    return this.sweeps.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: SweepDto })
  @ApiNotFoundResponse()
  get(@Param('id', SweepId) id: string): Promise<SweepDto> {
    return this.sweeps.get(id);
  }
}
