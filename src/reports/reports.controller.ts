import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../common/auth/access.decorators.js';
import { toCsv } from '../common/csv.js';
import { ReportQueryDto, ReportSummaryDto } from './dto/report.dto.js';
import { reportPeriod } from './report-period.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
@Roles('supervisor', 'admin', 'dpo')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({
    summary:
      'The contact centre’s figures for a period: volumes by channel, day and service, first-contact resolution, handling and wait times',
    description:
      'UK dates, both included; at most 366 days. Figures are counts and times only, computed from ids, dates and statuses, so they stay true after records are erased. ' +
      '`format=csv` gives one row per figure (section, key, value).',
  })
  @ApiOkResponse({ type: ReportSummaryDto })
  async summary(@Query() query: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReportSummaryDto | string> {
    const period = reportPeriod(query.from, query.to);
    const summary = await this.reports.summary(period);
    if (query.format !== 'csv') return summary;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="signpost-report-${period.from}-${period.to}.csv"`);
    const rows = [
      { section: 'enquiries', key: 'total', value: summary.enquiries },
      ...summary.byChannel.map((entry) => ({ section: 'channel', key: entry.key, value: entry.count })),
      ...summary.byDay.map((entry) => ({ section: 'day', key: entry.key, value: entry.count })),
      ...summary.byService.flatMap((entry) => [
        { section: 'escalations', key: entry.service, value: entry.escalations },
        { section: 'acknowledgement_seconds', key: entry.service, value: entry.averageAcknowledgementSeconds ?? '' },
        { section: 'acknowledged_on_time', key: entry.service, value: entry.acknowledgedOnTime },
        { section: 'acknowledged_late', key: entry.service, value: entry.acknowledgedLate },
        { section: 'unacknowledged_past_target', key: entry.service, value: entry.unacknowledgedPastTarget },
      ]),
      { section: 'signposted', key: 'total', value: summary.signposted.count },
      ...summary.signposted.byDestination.map((entry) => ({ section: 'signposted', key: entry.key, value: entry.count })),
      { section: 'outcomes', key: 'recorded', value: summary.outcomes.recorded },
      ...summary.outcomes.byCode.map((entry) => ({ section: 'outcome', key: entry.key, value: entry.count })),
      { section: 'first_contact_resolution', key: 'rate', value: summary.firstContactResolution.rate ?? '' },
      { section: 'handling_seconds', key: 'average', value: summary.averageHandlingSeconds ?? '' },
      { section: 'webchat', key: 'chats', value: summary.webchat.chats },
      { section: 'webchat', key: 'abandoned', value: summary.webchat.abandoned },
      { section: 'webchat', key: 'average_wait_seconds', value: summary.webchat.averageWaitSeconds ?? '' },
      { section: 'calls', key: 'calls', value: summary.calls.calls },
      { section: 'subject_requests', key: 'open', value: summary.subjectRequests.open },
      { section: 'subject_requests', key: 'overdue', value: summary.subjectRequests.overdue },
      { section: 'safeguarding', key: 'raised', value: summary.safeguarding.raised },
      { section: 'safeguarding', key: 'open', value: summary.safeguarding.open },
      { section: 'safeguarding', key: 'handled', value: summary.safeguarding.handled },
      { section: 'safeguarding', key: 'false_alarms', value: summary.safeguarding.falseAlarms },
      ...summary.safeguarding.byKind.map((entry) => ({ section: 'safeguarding_kind', key: entry.key, value: entry.count })),
    ];
    return toCsv(
      ['section', 'key', 'value'],
      rows.map((row) => ({ ...row, value: String(row.value) })),
    );
  }
}
