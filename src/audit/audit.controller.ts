import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { AuditService } from './audit.service.js';
import { AuditPageDto, AuditQueryDto, AuditVerifyDto } from './dto/audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
@Roles('dpo', 'admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: "Your organisation's audit trail, newest first",
    description: 'Filter by entity type and id, e.g. `?entity=enquiry&id=…`.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.audit.list({ entityType: query.entity, entityId: query.id, page, pageSize });
    // Asking about one record that has no trail here (unknown, or another organisation's): the same 404.
    if (query.id && total === 0) throw new NotFoundError('AUDIT_ENTITY_NOT_FOUND', 'Audit trail for that record');
    return {
      items: items.map((entry) => ({
        seq: Number(entry.seq),
        occurredAt: entry.occurredAt.toISOString(),
        actor: { type: entry.actorType, id: entry.actorId },
        action: entry.action,
        entityType: entry.entityType,
        ...(entry.entityId ? { entityId: entry.entityId } : {}),
        fields: entry.fields,
        details: entry.details,
        ...(entry.correlationId ? { correlationId: entry.correlationId } : {}),
        hash: entry.hash,
      })),
      page,
      pageSize,
      total,
    };
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the hash chain',
    description:
      '`{"valid":true,"entries":N}`, or `valid: false` with the first broken link: an altered entry, a missing one, or a truncated tail.',
  })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(): Promise<AuditVerifyDto> {
    return this.audit.verify();
  }
}
