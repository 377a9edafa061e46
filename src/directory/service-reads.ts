import { In, type EntityManager } from 'typeorm';
import { ServiceEntity } from './service.entity.js';

/**
 * How other contexts read the directory's services table: by code, by id, or the whole list. Each takes the
 * caller's entity manager, so the read joins the caller's transaction and tenant. Nothing outside src/directory
 * writes the table: a service changes through DirectoryService.
 */

/** A back-office service as other contexts see it: read-only. */
export type Service = Readonly<Omit<ServiceEntity, 'organisation'>>;

export function serviceByCode(m: EntityManager, code: string): Promise<Service | null> {
  return m.findOne(ServiceEntity, { where: { code } });
}

export function serviceById(m: EntityManager, id: string): Promise<Service | null> {
  return m.findOne(ServiceEntity, { where: { id } });
}

export function serviceExists(m: EntityManager, code: string): Promise<boolean> {
  return m.exists(ServiceEntity, { where: { code } });
}

/** The organisation's services, by name; only the active ones when asked. */
export function listServices(m: EntityManager, filter: { active?: true } = {}): Promise<Service[]> {
  return m.find(ServiceEntity, { where: filter.active ? { active: true } : {}, order: { name: 'ASC' } });
}

/** The codes of the services with these ids, by id. */
export async function serviceCodes(m: EntityManager, ids?: string[]): Promise<Map<string, string>> {
  const rows = await m.find(ServiceEntity, { where: ids ? { id: In(ids) } : {}, select: { id: true, code: true } });
  return new Map(rows.map((row) => [row.id, row.code]));
}
