import type { EntityManager } from 'typeorm';
import type { Channel } from '../contracts/enquiry-vocabulary.js';
import type { BusinessHours } from '../tenancy/organisation-settings.js';
import { ServiceLevelEntity } from './service-level.entity.js';
import { enquiryTargets, type StoredServiceLevels } from './service-level-targets.js';
import { atRiskAt, dueAt } from './working-time.js';

/**
 * How other contexts read service levels, inside their own transaction and tenant: the due times of a new enquiry.
 * Nothing outside src/service-levels writes the table.
 */

/** An organisation's stored targets, or none set (`{}`: the defaults apply). */
export async function storedServiceLevels(m: EntityManager): Promise<StoredServiceLevels> {
  return (await m.findOne(ServiceLevelEntity, { where: {} }))?.targets ?? {};
}

/** When a new enquiry's first response and resolution fall due, when each becomes at risk, and whether the contact answered itself. */
export interface EnquiryDueTimes {
  firstResponseDueAt: Date;
  firstResponseAtRiskAt: Date;
  /** Set when the first response target is 0: the contact itself (a call, a chat) is the first response. */
  firstRespondedAt: Date | null;
  resolutionDueAt: Date;
  resolutionAtRiskAt: Date;
}

/** The due times of an enquiry received at `receivedAt`, in the organisation's opening hours and bank holidays. */
export async function enquiryDueTimes(
  m: EntityManager,
  organisationId: string,
  enquiry: { channel: Channel; topic: string | null; receivedAt: Date },
): Promise<EnquiryDueTimes> {
  // One round trip on every intake path: the organisation's opening hours (a read of the tenancy context's table,
  // named here) and its stored targets together.
  const [row]: { hours: BusinessHours; targets: StoredServiceLevels | null }[] = await m.query(
    `select o.business_hours as hours, (select targets from service_levels) as targets from organisations o where o.id = $1`,
    [organisationId],
  );
  if (!row) throw new Error('An organisation the caller holds a reference to is not in its tenant');
  const hours = row.hours;
  const targets = enquiryTargets(row.targets ?? {}, enquiry.channel, enquiry.topic);
  const { receivedAt } = enquiry;
  const answeredAtContact = targets.firstResponse.amount === 0;
  const firstResponseDueAt = answeredAtContact ? receivedAt : dueAt(hours, receivedAt, targets.firstResponse);
  const resolutionDueAt = dueAt(hours, receivedAt, targets.resolution);
  return {
    firstResponseDueAt,
    firstResponseAtRiskAt: answeredAtContact ? receivedAt : atRiskAt(hours, receivedAt, firstResponseDueAt),
    firstRespondedAt: answeredAtContact ? receivedAt : null,
    resolutionDueAt,
    resolutionAtRiskAt: atRiskAt(hours, receivedAt, resolutionDueAt),
  };
}
