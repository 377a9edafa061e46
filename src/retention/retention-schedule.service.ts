import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { ChangeRetentionRuleDto, RetentionRuleDto } from './dto/retention-schedule.dto.js';
import { RETENTION_CLASSES, type RetentionClass } from './retention-class.js';
import { describePeriod, parsePeriod, type RetentionPeriod } from './retention-period.js';
import { RetentionRuleEntity } from './retention-rule.entity.js';
import { DEFAULT_SCHEDULE, RETENTION_STARTS, type RetentionStart } from './retention-schedule.js';

export const unknownRecordType = () =>
  new DomainError(404, 'RECORD_TYPE_NOT_FOUND', `No such record type: the schedule has ${RETENTION_CLASSES.join(', ')}`);

/** One record type's rule in force for an organisation. */
export interface EffectiveRule {
  recordType: RetentionClass;
  period: RetentionPeriod;
  startsFrom: RetentionStart;
}

/**
 * The retention schedule of the organisation in the request: the default for each record type, or the period the
 * organisation set instead (with its reason). Changes are audited; the event a period runs from never changes.
 */
@Injectable()
export class RetentionScheduleService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  schedule(): Promise<RetentionRuleDto[]> {
    return this.db.transaction(async (m) => toDtos(await m.find(RetentionRuleEntity)));
  }

  change(recordType: string, input: ChangeRetentionRuleDto): Promise<RetentionRuleDto[]> {
    const type = asRecordType(recordType);
    if (!parsePeriod(input.period))
      throw new RequestValidationError([{ field: 'period', problem: 'period must be between 1 day and 100 years' }]);
    return this.db.transaction(async (m) => {
      const before = await m.findOne(RetentionRuleEntity, { where: { recordType: type } });
      await m.upsert(
        RetentionRuleEntity,
        {
          organisationId: requestContext.tenant(),
          recordType: type,
          period: input.period,
          reason: input.reason.trim(),
          updatedBy: requestContext.principal()?.userId ?? null,
        },
        ['organisationId', 'recordType'],
      );
      await this.audit.record(m, {
        action: 'retention.rule_changed',
        entityType: 'retention_rule',
        details: { recordType: type, from: before?.period ?? DEFAULT_SCHEDULE[type].period, to: input.period },
      });
      return toDtos(await m.find(RetentionRuleEntity));
    });
  }

  /** Back to the default period. */
  reset(recordType: string): Promise<RetentionRuleDto[]> {
    const type = asRecordType(recordType);
    return this.db.transaction(async (m) => {
      const before = await m.findOne(RetentionRuleEntity, { where: { recordType: type } });
      if (before) {
        await m.delete(RetentionRuleEntity, { organisationId: requestContext.tenant(), recordType: type });
        await this.audit.record(m, {
          action: 'retention.rule_reset',
          entityType: 'retention_rule',
          details: { recordType: type, from: before.period, to: DEFAULT_SCHEDULE[type].period },
        });
      }
      return toDtos(await m.find(RetentionRuleEntity));
    });
  }
}

/** The rules in force, read within the caller's transaction (the sweep uses them). */
export async function effectiveRules(m: EntityManager): Promise<EffectiveRule[]> {
  const own = await m.find(RetentionRuleEntity);
  return RETENTION_CLASSES.map((recordType) => {
    const period = own.find((rule) => rule.recordType === recordType)?.period ?? DEFAULT_SCHEDULE[recordType].period;
    return { recordType, period: parsePeriod(period) as RetentionPeriod, startsFrom: DEFAULT_SCHEDULE[recordType].startsFrom };
  });
}

function asRecordType(value: string): RetentionClass {
  if (!(RETENTION_CLASSES as readonly string[]).includes(value)) throw unknownRecordType();
  return value as RetentionClass;
}

function toDtos(own: RetentionRuleEntity[]): RetentionRuleDto[] {
  return RETENTION_CLASSES.map((recordType) => {
    const rule = own.find((candidate) => candidate.recordType === recordType);
    const defaults = DEFAULT_SCHEDULE[recordType];
    const period = rule?.period ?? defaults.period;
    return {
      recordType,
      period,
      periodText: describePeriod(parsePeriod(period) as RetentionPeriod),
      startsFrom: defaults.startsFrom,
      startsFromText: RETENTION_STARTS[defaults.startsFrom],
      description: defaults.description,
      erases: defaults.erases,
      source: rule ? 'the organisation’s own period' : defaults.source,
      changed: Boolean(rule),
      ...(rule ? { reason: rule.reason, changedAt: rule.updatedAt.toISOString() } : {}),
    };
  });
}
