import type { SlaState } from '../contracts/enquiry-vocabulary.js';
import type { BusinessHours } from '../tenancy/organisation-settings.js';
import { addWorkingTime, stateFromInstants, workingTimeBetween } from '../service-levels/working-time.js';

/**
 * An enquiry's service-level state, from the due times stored at intake (`service-levels/service-level-reads.ts`)
 * and the clock. Two targets run: the first response (met by the first reply queued to the citizen, by the contact
 * itself when the channel's target is 0, or by the advice given when it is resolved) and the resolution (met while the enquiry is
 * resolved or closed). The state is that of the sooner unmet target; with none unmet (resolved, closed, or an
 * enquiry older than service levels) there is none. While the advisor waits for the citizen the state is `paused`
 * (`clockAfterWait` moves the due times on when the wait ends). `ENQUIRY_SLA_SQL` says the same in SQL for the list, where
 * it filters and sorts; the e2e test checks the two agree.
 */
export interface EnquiryClock {
  status: string;
  firstResponseDueAt: Date | null;
  firstResponseAtRiskAt: Date | null;
  firstRespondedAt: Date | null;
  resolutionDueAt: Date | null;
  resolutionAtRiskAt: Date | null;
  /** Waiting for the citizen since: the clock stands still. */
  waitingSince?: Date | null;
}

const DONE = ['resolved', 'closed'];

/** The sooner unmet target's due and at-risk instants, or none. */
function runningTarget(e: EnquiryClock): { due: Date; atRisk: Date } | undefined {
  if (DONE.includes(e.status) || !e.resolutionDueAt || !e.resolutionAtRiskAt) return undefined;
  const resolution = { due: e.resolutionDueAt, atRisk: e.resolutionAtRiskAt };
  const { firstResponseDueAt: due, firstResponseAtRiskAt: atRisk } = e;
  const firstResponseOpen = !e.firstRespondedAt && due && atRisk && due.getTime() <= e.resolutionDueAt.getTime();
  return firstResponseOpen ? { due, atRisk } : resolution;
}

export function enquirySla(e: EnquiryClock, now: Date): { slaState: SlaState | null; slaDueAt: Date | null } {
  const running = runningTarget(e);
  if (running && e.waitingSince) return { slaState: 'paused', slaDueAt: null };
  return running
    ? { slaState: stateFromInstants(running.atRisk, running.due, now), slaDueAt: running.due }
    : { slaState: null, slaDueAt: null };
}

const firstResponseOpen = (alias: string) =>
  `(${alias}.first_responded_at is null and ${alias}.first_response_due_at <= ${alias}.resolution_due_at)`;
const running = (alias: string, first: string, resolution: string) =>
  `(case when ${alias}.status in ('resolved', 'closed') then null when ${firstResponseOpen(alias)} then ${alias}.${first} else ${alias}.${resolution} end)`;

/** The same in SQL, over the enquiries table under `alias`, with the clock as the parameter `:now`. */
export const ENQUIRY_SLA_SQL = {
  dueAt: (alias: string) => running(alias, 'first_response_due_at', 'resolution_due_at'),
  state: (alias: string) => {
    const due = running(alias, 'first_response_due_at', 'resolution_due_at');
    const atRisk = running(alias, 'first_response_at_risk_at', 'resolution_at_risk_at');
    return `(case when ${due} is null then null when ${alias}.waiting_since is not null then 'paused' when cast(:now as timestamptz) >= ${due} then 'breached' when cast(:now as timestamptz) >= ${atRisk} then 'at_risk' else 'on_track' end)`;
  },
};

/** The due and at-risk instants an enquiry still has to meet, as stored. */
export type EnquiryDueInstants = Pick<
  EnquiryClock,
  'firstResponseDueAt' | 'firstResponseAtRiskAt' | 'resolutionDueAt' | 'resolutionAtRiskAt'
>;

/**
 * The rule for waiting on the citizen: the working time (in the organisation's opening hours) from `since` to
 * `until` does not count. Every due or at-risk instant still ahead when the wait began moves on by that much working
 * time; one already passed stays where it was (a wait never undoes a breach or a warning). A first response already
 * given is not moved. Returns the new instants and the working time the clock stood still.
 */
export function clockAfterWait(
  e: EnquiryDueInstants & { firstRespondedAt: Date | null },
  hours: BusinessHours,
  since: Date,
  until: Date,
): EnquiryDueInstants & { waitedMs: number } {
  const waitedMs = workingTimeBetween(hours, since, until);
  const moved = (instant: Date | null, met = false) =>
    instant && !met && waitedMs > 0 && instant.getTime() > since.getTime() ? addWorkingTime(hours, instant, waitedMs) : instant;
  const firstMet = e.firstRespondedAt !== null;
  return {
    firstResponseDueAt: moved(e.firstResponseDueAt, firstMet),
    firstResponseAtRiskAt: moved(e.firstResponseAtRiskAt, firstMet),
    resolutionDueAt: moved(e.resolutionDueAt),
    resolutionAtRiskAt: moved(e.resolutionAtRiskAt),
    waitedMs,
  };
}
