import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../database/tenant-database.js';
import { ServiceEntity } from './service.entity.js';

/** The services directory of the current organisation (row-level security does the scoping). */
@Injectable()
export class ServiceRepository {
  constructor(private readonly db: TenantDatabase) {}

  listForOrganisation(): Promise<ServiceEntity[]> {
    return this.db.transaction((m) => m.find(ServiceEntity, { order: { name: 'ASC' } }));
  }

  findByCode(code: string): Promise<ServiceEntity | null> {
    return this.db.transaction((m) => m.findOne(ServiceEntity, { where: { code } }));
  }

  /** Applies a change to the service with this code; undefined when the organisation has no such service. */
  updateByCode(code: string, change: (service: ServiceEntity) => void): Promise<ServiceEntity | undefined> {
    return this.db.transaction(async (m) => {
      const service = await m.findOne(ServiceEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!service) return undefined;
      change(service);
      return m.save(service);
    });
  }
}
