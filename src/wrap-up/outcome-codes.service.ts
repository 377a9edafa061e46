import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { FieldProblem } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { outcomeCodesInUse } from '../enquiries/enquiry-reads.js';
import type { OutcomeCodesDto, SaveOutcomeCodesDto } from './dto/outcome-codes.dto.js';
import { wrapUpSettings } from './outcome-reads.js';
import type { WrapUpSettings } from './outcome-rule.js';
import { OutcomeCodeEntity, WrapUpSettingEntity } from './wrap-up.entities.js';
import { invalidOutcomeCodes } from './wrap-up.errors.js';

function toDto(settings: WrapUpSettings & { updatedAt: Date | null }, includeInactive: boolean): OutcomeCodesDto {
  return {
    required: settings.required,
    codes: settings.codes.filter((code) => includeInactive || code.active).map(({ code, label, active }) => ({ code, label, active })),
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/** The organisation's wrap-up outcome codes: read by its staff, set by supervisors and administrators. */
@Injectable()
export class OutcomeCodesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  get(includeInactive = false): Promise<OutcomeCodesDto> {
    return this.db.transaction(async (m) => toDto(await wrapUpSettings(m), includeInactive));
  }

  /** Replaces the codes and the required flag. A code an enquiry carries may be deactivated, never deleted. */
  save(body: SaveOutcomeCodesDto): Promise<OutcomeCodesDto> {
    return this.db.transaction(async (m) => {
      const previous = await wrapUpSettings(m);
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      body.codes.forEach((entry, index) => {
        if (seen.has(entry.code)) problems.push({ field: `codes.${index}.code`, problem: 'code is listed twice' });
        seen.add(entry.code);
      });
      const removed = previous.codes.map((entry) => entry.code).filter((code) => !seen.has(code));
      const inUse = await outcomeCodesInUse(m, removed);
      for (const code of inUse)
        problems.push({ field: 'codes', problem: `${code} is recorded on enquiries and cannot be deleted: set active to false instead` });
      if (body.required && !body.codes.some((entry) => entry.active))
        problems.push({ field: 'required', problem: 'an outcome can be required only when at least one code is active' });
      if (problems.length > 0) throw invalidOutcomeCodes(problems);

      const organisationId = requestContext.tenant();
      // Row-level security keeps this to the organisation's own codes.
      await m.query('delete from outcome_codes');
      if (body.codes.length > 0)
        await m.insert(
          OutcomeCodeEntity,
          body.codes.map((entry, position) => ({
            organisationId,
            code: entry.code,
            label: entry.label.trim(),
            active: entry.active,
            position,
          })),
        );
      await m.upsert(
        WrapUpSettingEntity,
        { organisationId, outcomeRequired: body.required, updatedBy: requestContext.principal()?.userId ?? null },
        ['organisationId'],
      );
      const saved = await wrapUpSettings(m);
      const was = new Map(previous.codes.map((entry) => [entry.code, entry]));
      await this.audit.record(m, {
        action: 'outcome_codes.save',
        entityType: 'outcome_codes',
        entityId: organisationId,
        details: {
          required: body.required,
          codes: body.codes.map((entry) => entry.code),
          added: body.codes.filter((entry) => !was.has(entry.code)).map((entry) => entry.code),
          deactivated: body.codes.filter((entry) => !entry.active && was.get(entry.code)?.active !== false).map((entry) => entry.code),
          removed,
        },
      });
      return toDto(saved, true);
    });
  }
}
