import { Injectable } from '@nestjs/common';
import { IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { insertRow } from '../database/insert-row.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { LegalHoldDto, ListLegalHoldsQueryDto, PlaceLegalHoldDto, ReleaseLegalHoldDto } from './dto/legal-hold.dto.js';
import { LegalHoldEntity } from './legal-hold.entity.js';

export const legalHoldNotFound = () => new DomainError(404, 'LEGAL_HOLD_NOT_FOUND', 'Legal hold not found');

/**
 * Placing and releasing legal holds. A held person's or enquiry's records survive erasure requests and
 * retention sweeps (both skip and list them) until the hold is released; both steps are audited.
 */
@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  place(input: PlaceLegalHoldDto): Promise<LegalHoldDto> {
    if (Boolean(input.dataSubjectId) === Boolean(input.enquiryId)) {
      throw new RequestValidationError([
        { field: 'dataSubjectId', problem: 'give either dataSubjectId or enquiryId, not both or neither' },
      ]);
    }
    return this.db.transaction(async (m) => {
      const target = input.dataSubjectId
        ? await m.query(`select id from data_subjects where id = $1`, [input.dataSubjectId])
        : await m.query(`select id from enquiries where id = $1`, [input.enquiryId]);
      if (target.length === 0)
        throw new DomainError(
          404,
          input.dataSubjectId ? 'DATA_SUBJECT_NOT_FOUND' : 'ENQUIRY_NOT_FOUND',
          input.dataSubjectId ? 'Data subject not found' : 'Enquiry not found',
        );
      const hold = await insertRow(m, LegalHoldEntity, {
        organisationId: requestContext.tenant(),
        dataSubjectId: input.dataSubjectId?.toLowerCase() ?? null,
        enquiryId: input.enquiryId?.toLowerCase() ?? null,
        reason: input.reason.trim(),
        placedBy: requestContext.principal()?.userId ?? null,
      });
      await this.audit.record(m, {
        action: 'legal_hold.place',
        entityType: 'legal_hold',
        entityId: hold.id,
        details: { dataSubjectId: hold.dataSubjectId, enquiryId: hold.enquiryId },
      });
      return toDto(hold);
    });
  }

  list(query: ListLegalHoldsQueryDto): Promise<LegalHoldDto[]> {
    const state = query.state ?? 'active';
    const where: FindOptionsWhere<LegalHoldEntity> = state === 'all' ? {} : { releasedAt: state === 'active' ? IsNull() : Not(IsNull()) };
    return this.db.transaction(async (m) => {
      const holds = await m.find(LegalHoldEntity, { where, order: { placedAt: 'DESC' }, take: 1000 });
      await this.audit.record(m, { action: 'legal_hold.list', entityType: 'legal_hold', details: { state, count: holds.length } });
      return holds.map(toDto);
    });
  }

  release(id: string, input: ReleaseLegalHoldDto): Promise<LegalHoldDto> {
    return this.db.transaction(async (m) => {
      const hold = await m.findOne(LegalHoldEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!hold) throw legalHoldNotFound();
      if (hold.releasedAt) throw new DomainError(409, 'LEGAL_HOLD_RELEASED', 'The hold was released already');
      Object.assign(hold, {
        releasedAt: new Date(),
        releasedBy: requestContext.principal()?.userId ?? null,
        releaseReason: input.reason.trim(),
      });
      await m.save(hold);
      await this.audit.record(m, {
        action: 'legal_hold.release',
        entityType: 'legal_hold',
        entityId: id,
        details: { dataSubjectId: hold.dataSubjectId, enquiryId: hold.enquiryId },
      });
      return toDto(hold);
    });
  }
}

function toDto(hold: LegalHoldEntity): LegalHoldDto {
  return {
    id: hold.id,
    ...(hold.dataSubjectId ? { dataSubjectId: hold.dataSubjectId } : {}),
    ...(hold.enquiryId ? { enquiryId: hold.enquiryId } : {}),
    reason: hold.reason,
    placedAt: hold.placedAt.toISOString(),
    ...(hold.placedBy ? { placedBy: hold.placedBy } : {}),
    ...(hold.releasedAt ? { releasedAt: hold.releasedAt.toISOString(), releaseReason: hold.releaseReason ?? undefined } : {}),
  };
}
