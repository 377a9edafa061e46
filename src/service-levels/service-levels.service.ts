import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { FieldProblem } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { CHANNELS } from '../contracts/enquiry-vocabulary.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { serviceCodes } from '../directory/service-reads.js';
import { MAX_TARGET, type SaveServiceLevelsDto, type ServiceLevelsDto } from './dto/service-levels.dto.js';
import { storedServiceLevels } from './service-level-reads.js';
import { ServiceLevelEntity } from './service-level.entity.js';
import {
  DEFAULT_REFERRAL_ACKNOWLEDGEMENT,
  channelTargets,
  type ServiceTargets,
  type StoredServiceLevels,
} from './service-level-targets.js';
import { invalidServiceLevels } from './service-levels.errors.js';
import type { WorkingTimeTarget } from './working-time.js';

function toDto(stored: StoredServiceLevels, updatedAt: Date | null): ServiceLevelsDto {
  return {
    channels: channelTargets(stored),
    services: stored.services ?? [],
    referralAcknowledgement: stored.referralAcknowledgement ?? DEFAULT_REFERRAL_ACKNOWLEDGEMENT,
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}

const target = (value: WorkingTimeTarget): WorkingTimeTarget => ({ amount: value.amount, unit: value.unit });

/** The organisation's service-level targets: read by its staff, set by supervisors and administrators. */
@Injectable()
export class ServiceLevelsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<ServiceLevelsDto> {
    return this.db.transaction(async (m) => {
      const row = await m.findOne(ServiceLevelEntity, { where: {} });
      return toDto(row?.targets ?? {}, row?.updatedAt ?? null);
    });
  }

  /** Replaces the targets; what the body leaves out takes the default. Unknown or repeated services are refused. */
  save(body: SaveServiceLevelsDto): Promise<ServiceLevelsDto> {
    return this.db.transaction(async (m) => {
      const stored = await this.checked(m, body);
      const previous = await storedServiceLevels(m);
      await m.upsert(
        ServiceLevelEntity,
        { organisationId: requestContext.tenant(), targets: stored, updatedBy: requestContext.principal()?.userId ?? null },
        ['organisationId'],
      );
      const row = await m.findOneOrFail(ServiceLevelEntity, { where: {} });
      await this.audit.record(m, {
        action: 'service_levels.save',
        entityType: 'service_levels',
        entityId: row.organisationId,
        fields: changedFields(previous, stored),
        details: { services: (stored.services ?? []).map((service) => service.service) },
      });
      return toDto(row.targets, row.updatedAt);
    });
  }

  private async checked(m: EntityManager, body: SaveServiceLevelsDto): Promise<StoredServiceLevels> {
    const problems: FieldProblem[] = [];
    const check = (field: string, value: WorkingTimeTarget | undefined) => {
      if (value && value.amount > MAX_TARGET[value.unit])
        problems.push({ field, problem: `at most ${MAX_TARGET[value.unit]} ${value.unit.replace('_', ' ')}` });
    };
    const stored: StoredServiceLevels = {};
    for (const channel of CHANNELS) {
      const given = body.channels?.[channel];
      if (!given) continue;
      check(`channels.${channel}.firstResponse`, given.firstResponse);
      check(`channels.${channel}.resolution`, given.resolution);
      const entry = {
        ...(given.firstResponse ? { firstResponse: target(given.firstResponse) } : {}),
        ...(given.resolution ? { resolution: target(given.resolution) } : {}),
      };
      if (Object.keys(entry).length > 0) stored.channels = { ...stored.channels, [channel]: entry };
    }
    if (body.services) {
      const known = new Set((await serviceCodes(m)).values());
      const seen = new Set<string>();
      stored.services = body.services.map((service, index): ServiceTargets => {
        if (!known.has(service.service)) problems.push({ field: `services.${index}.service`, problem: 'no service has this code' });
        if (seen.has(service.service)) problems.push({ field: `services.${index}.service`, problem: 'this service is listed twice' });
        seen.add(service.service);
        check(`services.${index}.firstResponse`, service.firstResponse);
        check(`services.${index}.resolution`, service.resolution);
        check(`services.${index}.acknowledgement`, service.acknowledgement);
        return {
          service: service.service,
          ...(service.firstResponse ? { firstResponse: target(service.firstResponse) } : {}),
          ...(service.resolution ? { resolution: target(service.resolution) } : {}),
          ...(service.acknowledgement ? { acknowledgement: target(service.acknowledgement) } : {}),
        };
      });
    }
    if (body.referralAcknowledgement) {
      check('referralAcknowledgement', body.referralAcknowledgement);
      stored.referralAcknowledgement = target(body.referralAcknowledgement);
    }
    if (problems.length > 0) throw invalidServiceLevels(problems);
    return stored;
  }
}

/** The names of the targets that changed (`channels.email.firstResponse`, `services.highways.acknowledgement`): what the audit entry records. */
export function changedFields(before: StoredServiceLevels, after: StoredServiceLevels): string[] {
  const flat = (levels: StoredServiceLevels): Map<string, string> => {
    const entries = new Map<string, string>();
    for (const [channel, targets] of Object.entries(levels.channels ?? {}))
      for (const [kind, value] of Object.entries(targets ?? {})) entries.set(`channels.${channel}.${kind}`, JSON.stringify(value));
    for (const service of levels.services ?? [])
      for (const kind of ['firstResponse', 'resolution', 'acknowledgement'] as const)
        if (service[kind]) entries.set(`services.${service.service}.${kind}`, JSON.stringify(service[kind]));
    if (levels.referralAcknowledgement) entries.set('referralAcknowledgement', JSON.stringify(levels.referralAcknowledgement));
    return entries;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((key) => a.get(key) !== b.get(key)).sort();
}
