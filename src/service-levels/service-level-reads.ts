import type { EntityManager } from 'typeorm';
import type { Channel } from '../contracts/enquiry-vocabulary.js';
import type { BusinessHours } from '../tenancy/organisation-settings.js';
import { ServiceLevelEntity } from './service-level.entity.js';
import { acknowledgementTarget, enquiryTargets, type StoredServiceLevels } from './service-level-targets.js';
import { atRiskAt, dueAt, type WorkingTimeTarget } from './working-time.js';

/**
 * How other contexts read service levels, inside their own transaction and tenant: the due times of a new enquiry
 * and of a new referral, and the acknowledgement target a service is held to. Nothing outside src/service-levels
 * writes the table.
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

/** An organisation's opening hours (a read of the tenancy context's table, named here) and its stored targets, together. */
async function hoursAndTargets(m: EntityManager, organisationId: string): Promise<{ hours: BusinessHours; targets: StoredServiceLevels }> {
  const [row]: { hours: BusinessHours; targets: StoredServiceLevels | null }[] = await m.query(
    `select o.business_hours as hours, (select targets from service_levels) as targets from organisations o where o.id = $1`,
    [organisationId],
  );
  if (!row) throw new Error('An organisation the caller holds a reference to is not in its tenant');
  return { hours: row.hours, targets: row.targets ?? {} };
}

/** The due times of an enquiry received at `receivedAt`, in the organisation's opening hours and bank holidays. */
export async function enquiryDueTimes(
  m: EntityManager,
  organisationId: string,
  enquiry: { channel: Channel; topic: string | null; receivedAt: Date },
): Promise<EnquiryDueTimes> {
  // One round trip on every intake path.
  const { hours, targets: stored } = await hoursAndTargets(m, organisationId);
  const targets = enquiryTargets(stored, enquiry.channel, enquiry.topic);
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

/** When a referral must be acknowledged by, and when it becomes at risk (80 % of the working time to then). */
export interface ReferralDueTimes {
  acknowledgementDueAt: Date;
  acknowledgementAtRiskAt: Date;
}

/** The acknowledgement due times of a referral to `service` (a service code) made at `sentAt`, in the organisation's opening hours. */
export async function referralDueTimes(
  m: EntityManager,
  organisationId: string,
  referral: { service: string; sentAt: Date },
): Promise<ReferralDueTimes> {
  const { hours, targets } = await hoursAndTargets(m, organisationId);
  const due = dueAt(hours, referral.sentAt, acknowledgementTarget(targets, referral.service));
  return { acknowledgementDueAt: due, acknowledgementAtRiskAt: atRiskAt(hours, referral.sentAt, due) };
}

/** How soon a service (a service code) must acknowledge a referral: its own target, else the organisation's, else the default. */
export async function serviceAcknowledgementTarget(m: EntityManager, service: string): Promise<WorkingTimeTarget> {
  return acknowledgementTarget(await storedServiceLevels(m), service);
}
