import type { EntityManager } from 'typeorm';
import { readOrganisation } from '../tenancy/organisation-reads.js';
import { clockAfterWait } from './enquiry-sla.js';
import type { EnquiryEntity } from './enquiry.entity.js';
import { appendTimelineEvent } from './timeline.js';

/** Who ended a wait: the citizen's answer, or the advisor deciding not to wait any longer (or finishing the enquiry). */
export type WaitEndedBy = 'citizen_answered' | 'advisor';

/**
 * Waiting for the citizen, inside the caller's transaction on a locked enquiry: the service-level clock stops when the
 * advisor starts waiting and, when the wait ends, the due times the enquiry still has to meet move on by the working
 * time that passed (`clockAfterWait`, in the organisation's opening hours). Both are on the timeline.
 */
export async function startWaiting(m: EntityManager, enquiry: EnquiryEntity, staffId: string, now: Date): Promise<void> {
  enquiry.waitingSince = now;
  await appendTimelineEvent(m, {
    organisationId: enquiry.organisationId,
    enquiryId: enquiry.id,
    kind: 'system',
    authorType: 'staff',
    authorId: staffId,
    metadata: { event: 'waiting_for_citizen' },
  });
}

/** Ends a wait, if there is one: the due times move on, the working time waited is added up. */
export async function endWaiting(
  m: EntityManager,
  enquiry: EnquiryEntity,
  endedBy: WaitEndedBy,
  staffId: string | null,
  now: Date,
): Promise<{ waitedMs: number } | undefined> {
  const since = enquiry.waitingSince;
  if (!since) return undefined;
  const { businessHours } = await readOrganisation(m, enquiry.organisationId);
  const { waitedMs, ...due } = clockAfterWait(enquiry, businessHours, since, now);
  Object.assign(enquiry, due, { waitingSince: null, waitedWorkingMs: enquiry.waitedWorkingMs + waitedMs });
  await appendTimelineEvent(m, {
    organisationId: enquiry.organisationId,
    enquiryId: enquiry.id,
    kind: 'system',
    authorType: staffId ? 'staff' : 'system',
    authorId: staffId,
    metadata: {
      event: 'waiting_for_citizen_ended',
      endedBy,
      waitedWorkingMinutes: Math.round(waitedMs / 60_000),
      ...(due.resolutionDueAt ? { resolutionDueAt: due.resolutionDueAt.toISOString() } : {}),
    },
  });
  return { waitedMs };
}
