import { Injectable } from '@nestjs/common';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { listServices, serviceById } from '../directory/service-reads.js';
import { referralsAwaitingAcknowledgement } from '../escalations/referral-acknowledgement-reads.js';
import type { ReferralsAwaitingAcknowledgementDto, ServiceAcknowledgementTargetDto } from './dto/referral-acknowledgement.dto.js';
import { storedServiceLevels } from './service-level-reads.js';
import { acknowledgementTarget } from './service-level-targets.js';
import { noServiceOfYourOwn } from './service-levels.errors.js';

/**
 * Referral acknowledgement targets as people see them: the supervisor, the services whose referrals are past (or at
 * risk of) their target; a service user, their own service's target. The referrals are the escalations context's,
 * read through its named read; the targets are this context's.
 */
@Injectable()
export class ReferralAcknowledgementWatch {
  constructor(private readonly db: TenantDatabase) {}

  awaiting(now = new Date()): Promise<ReferralsAwaitingAcknowledgementDto> {
    return this.db.transaction(async (m) => {
      const awaiting = await referralsAwaitingAcknowledgement(m, now);
      if (awaiting.length === 0) return { services: [], checkedAt: now.toISOString() };
      const services = new Map((await listServices(m)).map((service) => [service.id, service]));
      const stored = await storedServiceLevels(m);
      return {
        services: awaiting.flatMap((entry) => {
          const service = services.get(entry.serviceId);
          if (!service) return [];
          return [
            {
              service: service.code,
              name: service.name,
              breached: entry.breached,
              atRisk: entry.atRisk,
              oldestDueAt: entry.oldestDueAt.toISOString(),
              target: acknowledgementTarget(stored, service.code),
            },
          ];
        }),
        checkedAt: now.toISOString(),
      };
    });
  }

  /** The signed-in service user's own service's acknowledgement target. */
  ownTarget(): Promise<ServiceAcknowledgementTargetDto> {
    const serviceId = requestContext.principal()?.serviceId;
    if (!serviceId) throw noServiceOfYourOwn();
    return this.db.transaction(async (m) => {
      const service = await serviceById(m, serviceId);
      if (!service) throw noServiceOfYourOwn();
      return { service: service.code, name: service.name, target: acknowledgementTarget(await storedServiceLevels(m), service.code) };
    });
  }
}
