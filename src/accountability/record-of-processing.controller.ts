import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../common/auth/access.decorators.js';
import { toCsv } from '../common/csv.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ukDate } from '../common/uk-date.js';
import { recordRows, type RecordOfProcessing } from './record-of-processing.js';
import { RecordOfProcessingService } from './record-of-processing.service.js';

@ApiTags('accountability')
@ApiBearerAuth()
@Controller('api/organisation/record-of-processing')
@Roles('dpo', 'admin')
export class RecordOfProcessingController {
  constructor(private readonly records: RecordOfProcessingService) {}

  @Get()
  @ApiOperation({
    summary: 'The record of processing activities (UK GDPR Art. 30) of your customer contact service',
    description:
      'Generated from what Signpost holds today: controller and DPO, purposes and lawful bases, categories of people and of data, the services and processors that receive data, ' +
      'transfers outside the UK (processors located elsewhere, with their safeguard), the retention schedule in force and the security measures. `format=csv` gives the same as rows for a spreadsheet.',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse({ description: 'The record (JSON), or rows of section, item and detail (CSV)' })
  async read(
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordOfProcessing | string> {
    if (format !== undefined && format !== 'json' && format !== 'csv')
      throw new DomainError(400, 'VALIDATION_FAILED', 'format must be json or csv');
    const record = await this.records.read(format ?? 'json');
    reply.header('content-disposition', `attachment; filename="record-of-processing-${ukDate()}.${format === 'csv' ? 'csv' : 'json'}"`);
    if (format !== 'csv') return record;
    reply.header('content-type', 'text/csv; charset=utf-8');
    return toCsv(['section', 'item', 'detail'], recordRows(record));
  }
}
