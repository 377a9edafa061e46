import type { EntityManager } from 'typeorm';
import { AdvisorPresenceEntity } from './chat.entities.js';

/**
 * How other contexts read advisor presence (the e-mail, form and social work router): inside the caller's
 * transaction and tenant. Only the live chat context writes advisor_presence (the console's connection and
 * `presence:set`).
 */

/** The advisors with the console open and available (not away). */
export async function availableAdvisorIds(m: EntityManager): Promise<string[]> {
  const rows = await m.find(AdvisorPresenceEntity, { where: { status: 'available' }, select: { userId: true } });
  return rows.map((row) => row.userId);
}
