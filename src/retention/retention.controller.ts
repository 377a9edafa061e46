import { Body, Controller, Delete, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors/domain-error.js';
import { ukDate } from '../common/uk-date.js';
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

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/retention/sweeps')
@Roles('dpo', 'admin')
export class RetentionSweepsController {
  constructor(private readonly sweeps: RetentionSweeps) {}

  @Post()
  @ApiOperation({
    summary: 'Run the retention sweep now (or, with dryRun, count what it would erase)',
    description:
      'Erases, in place and in small batches, every record whose period in the schedule has run (judged on today’s UK date), except those under a legal hold ' +
      'or about a person with an open subject-rights request, which are counted and listed by id. Answers when the sweep has finished, with the counts by record type; ' +
      'a first sweep over a large backlog can take many minutes (about 1,000 enquiries a second), so a client that cannot wait sends `Prefer: respond-async` ' +
      'and is answered 202 at once with the running sweep and its `Location`, to read until its status is completed or failed. ' +
      'The sweep also runs every night on the job queue’s schedule (RETENTION_SWEEP_CRON).',
  })
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: answer 202 at once and sweep in the background (RFC 7240)' })
  @ApiOkResponse({ type: SweepDto, description: 'The sweep, finished' })
  @ApiAcceptedResponse({
    type: SweepDto,
    description: 'With `Prefer: respond-async`: the sweep, running; `Location` is where to follow it',
  })
  @ApiConflictResponse({ description: 'A sweep is running for this organisation already (SWEEP_RUNNING)' })
  async start(@Body() body: StartSweepDto, @Headers('prefer') prefer: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const inBackground = /(^|[\s,;])respond-async([\s,;]|$)/i.test(prefer ?? '');
    const sweep = await this.sweeps.run(body.dryRun, inBackground);
    if (!inBackground) {
      await reply.code(200).send(sweep);
      return;
    }
    await reply.code(202).header('location', `/api/retention/sweeps/${sweep.id}`).header('preference-applied', 'respond-async').send(sweep);
  }

  @Get()
  @ApiOperation({
    summary: 'The organisation’s sweeps, newest first: the evidence that retention is enforced',
    description:
      'The latest 100 as JSON. `format=csv` gives every sweep, one row per record type with what was erased, held and not erased (no record ids), for an auditor.',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse({ type: [SweepDto] })
  async list(@Query('format') format: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<SweepDto[] | string> {
    if (format !== undefined && format !== 'json' && format !== 'csv')
      throw new DomainError(400, 'VALIDATION_FAILED', 'format must be json or csv');
    if (format !== 'csv') return this.sweeps.list();
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="retention-sweeps-${ukDate()}.csv"`);
    return this.sweeps.csv();
  }

  @Get(':id')
  @ApiOkResponse({ type: SweepDto })
  @ApiNotFoundResponse()
  get(@Param('id', new ResourceIdPipe(sweepNotFound)) id: string): Promise<SweepDto> {
    return this.sweeps.get(id);
  }
}
