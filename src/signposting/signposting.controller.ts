import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service.js';
import { ALL_STAFF, Roles } from '../common/auth/access.decorators.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { SaveSignpostingDestinationDto, SignpostingDestinationDto } from './dto/signposting.dto.js';
import { SignpostingDestinationEntity } from './signposting-destination.entity.js';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function toDto(destination: SignpostingDestinationEntity): SignpostingDestinationDto {
  return {
    code: destination.code,
    name: destination.name,
    kind: destination.kind,
    ...(destination.contact ? { contact: destination.contact } : {}),
    ...(destination.description ? { description: destination.description } : {}),
    active: destination.active,
  };
}

/** The organisation's list of other organisations advisors may direct citizens to (two-tier areas, the NHS, the police…). */
@ApiTags('signposting')
@ApiBearerAuth()
@Controller('api/signposting')
export class SignpostingController {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({ summary: 'Where advisors may signpost citizens: other organisations, with how to reach them' })
  @ApiOkResponse({ type: [SignpostingDestinationDto] })
  list(): Promise<SignpostingDestinationDto[]> {
    return this.db.transaction(async (m) => (await m.find(SignpostingDestinationEntity, { order: { name: 'ASC' } })).map(toDto));
  }

  @Put(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a destination or change one (by its code); `active: false` withdraws it from advisors’ lists' })
  @ApiOkResponse({ type: SignpostingDestinationDto })
  save(@Param('code') code: string, @Body() body: SaveSignpostingDestinationDto): Promise<SignpostingDestinationDto> {
    if (!CODE.test(code) || code.length > 100) throw new RequestValidationError([{ field: 'code', problem: 'code must be lower-case words joined by dashes' }]);
    return this.db.transaction(async (m) => {
      await m.upsert(
        SignpostingDestinationEntity,
        { organisationId: requestContext.tenant(), code, name: body.name.trim(), kind: body.kind, contact: body.contact?.trim() || null, description: body.description?.trim() || null, active: body.active ?? true },
        ['organisationId', 'code'],
      );
      const saved = await m.findOneOrFail(SignpostingDestinationEntity, { where: { code } });
      await this.audit.record(m, { action: 'signposting.save', entityType: 'signposting_destination', entityId: saved.id, details: { code, kind: body.kind, active: saved.active } });
      return toDto(saved);
    });
  }
}
