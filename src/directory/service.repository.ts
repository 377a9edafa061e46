import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

  findByCodeForUpdate(m: EntityManager, code: string): Promise<ServiceEntity | null> {
    return m.findOne(ServiceEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  save(m: EntityManager, service: ServiceEntity): Promise<ServiceEntity> {
    return m.save(service);
  }
}
