import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { SaveSignpostingDestinationDto, SignpostingDestinationDto } from './dto/signposting.dto.js';
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

/** A destination advisors may signpost to now, by its code, inside the caller's tenant transaction (an enquiry signposted elsewhere names it). */
export async function activeDestination(m: EntityManager, code: string): Promise<{ code: string; name: string } | undefined> {
  const [destination]: { code: string; name: string }[] = await m.query(
    `select code, name from signposting_destinations where code = $1 and active`,
    [code],
  );
  return destination;
}

/** The organisation's list of other organisations advisors may direct citizens to (two-tier areas, the NHS, the police…). */
@Injectable()
export class SignpostingDestinations {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<SignpostingDestinationDto[]> {
    return this.db.transaction(async (m) => (await m.find(SignpostingDestinationEntity, { order: { name: 'ASC' } })).map(toDto));
  }

  /** Adds a destination or changes one, by its code. */
  save(code: string, body: SaveSignpostingDestinationDto): Promise<SignpostingDestinationDto> {
    if (!CODE.test(code) || code.length > 100)
      throw new RequestValidationError([{ field: 'code', problem: 'code must be lower-case words joined by dashes' }]);
    return this.db.transaction(async (m) => {
      await m.upsert(
        SignpostingDestinationEntity,
        {
          organisationId: requestContext.tenant(),
          code,
          name: body.name.trim(),
          kind: body.kind,
          contact: body.contact?.trim() || null,
          description: body.description?.trim() || null,
          active: body.active ?? true,
        },
        ['organisationId', 'code'],
      );
      const saved = await m.findOneOrFail(SignpostingDestinationEntity, { where: { code } });
      await this.audit.record(m, {
        action: 'signposting.save',
        entityType: 'signposting_destination',
        entityId: saved.id,
        details: { code, kind: body.kind, active: saved.active },
      });
      return toDto(saved);
    });
  }
}
