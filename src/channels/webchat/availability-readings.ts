import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../../database/tenant-database.js';
import { availability, type Availability } from './availability.js';

/**
 * Advisors on, the chats they could still take, and the queue: counts only. Reads staff_users (the identity
 * context's) for each available advisor's chat limit and whether the account is enabled, in the same statement.
 */
const LOAD = `
  select count(*)::int as advisors,
         coalesce(sum(greatest(0, u.max_concurrent_chats - (select count(*) from chats c where c.status = 'active' and c.advisor_id = p.user_id))), 0)::int as free_slots,
         (select count(*) from chats where status = 'queued')::int as queued
  from advisor_presence p join staff_users u on u.id = p.user_id
  where p.status = 'available' and p.connections > 0 and not u.disabled`;

/** How long one reading of an organisation's availability answers every page asking (they poll). */
const AVAILABILITY_MS = 2000;

/** Whether an organisation's webchat can take a chat now, read at most once per 2 s per organisation however many pages ask. */
@Injectable()
export class AvailabilityReadings {
  private readonly readings = new Map<string, { at: number; status: Promise<Availability> }>();

  constructor(private readonly db: TenantDatabase) {}

  statusOf(organisationId: string, open: boolean): Promise<Availability> {
    if (!open) return Promise.resolve('UNAVAILABLE');
    const cached = this.readings.get(organisationId);
    if (cached && Date.now() - cached.at < AVAILABILITY_MS) return cached.status;
    const status = this.db
      .forTenant(organisationId, (m: EntityManager) => m.query(LOAD))
      .then(([load]: { advisors: number; free_slots: number; queued: number }[]) =>
        availability({ open, advisorsAvailable: load.advisors, freeSlots: load.free_slots, queued: load.queued }),
      );
    status.catch(() => this.readings.delete(organisationId));
    this.readings.set(organisationId, { at: Date.now(), status });
    return status;
  }
}
