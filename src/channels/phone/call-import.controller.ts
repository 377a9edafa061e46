import { Body, Controller, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/access.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { requestContext } from '../../common/request-context.js';
import { CallImportService, type ImportMode, type ImportReport } from './call-import.service.js';

interface RefusedImport {
  statusCode: 422;
  error: string;
  code: 'INVALID_ROWS';
  message: string;
}

export class ImportQueryDto {
  @IsOptional() @IsIn(['all-or-nothing', 'good-rows']) mode?: ImportMode;
}

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/calls')
export class CallImportController {
  constructor(private readonly imports: CallImportService) {}

  @Post('import')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'callId,callerNumber,direction,startedAt,endedAt,queue,agent,disposition,audioRef,videoRef,requesterType',
    },
  })
  @ApiQuery({ name: 'mode', enum: ['all-or-nothing', 'good-rows'], required: false })
  @ApiOperation({
    summary: 'Import a day’s call log (CSV)',
    description:
      'A per-row report. `all-or-nothing` (default) writes nothing if any row is bad (422 with the report); `good-rows` imports the good rows and reports the rest. Repeated calls are duplicates, not new enquiries.',
  })
  @ApiOkResponse({ description: '{mode, committed, imported, duplicates, invalid, rows:[{row, status, reference?, problems?}]}' })
  async import(
    @Body() body: unknown,
    @Query() query: ImportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReport | (ImportReport & RefusedImport)> {
    if (typeof body !== 'string') throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the call log as text/csv');
    const report = await this.imports.import(requestContext.tenant(), body, query.mode ?? 'all-or-nothing');
    if (report.mode === 'all-or-nothing' && report.invalid > 0) {
      void reply.status(422);
      // An error like every other (statusCode, error, code, message), with the per-row report beside it.
      return {
        statusCode: 422,
        error: 'Unprocessable Entity',
        code: 'INVALID_ROWS',
        message: `${report.invalid} of the rows are invalid (see rows): nothing was imported`,
        ...report,
      };
    }
    return report;
  }
}
