import type { AcknowledgementState } from '../contracts/referral-acknowledgement.js';
import { stateFromInstants } from '../service-levels/working-time.js';

/**
 * A referral's acknowledgement state, from the due times stored when it was made (`service-levels/service-level-reads.ts`:
 * `referralDueTimes`), its acknowledgement and the clock: on track, at risk once 80 % of the working time has passed,
 * breached from the due time on, until the service acknowledges it (or closes it, which acknowledges it too); then
 * none, and whether it was acknowledged on time (by the due instant, inclusive). A referral made before
 * acknowledgement targets has neither. `ACKNOWLEDGEMENT_SQL` says the same in SQL for the lists, where it filters and
 * sorts; the e2e test checks the two agree.
 */
export interface ReferralClock {
  acknowledgedAt: Date | null;
  acknowledgementDueAt: Date | null;
  acknowledgementAtRiskAt: Date | null;
}

export interface ReferralAcknowledgement {
  acknowledgementState: AcknowledgementState | null;
  /** Set once acknowledged, when there was a target: whether it was by the due time. */
  acknowledgedOnTime: boolean | null;
}

export function referralAcknowledgement(r: ReferralClock, now: Date): ReferralAcknowledgement {
  if (!r.acknowledgementDueAt || !r.acknowledgementAtRiskAt) return { acknowledgementState: null, acknowledgedOnTime: null };
  if (r.acknowledgedAt)
    return { acknowledgementState: null, acknowledgedOnTime: r.acknowledgedAt.getTime() <= r.acknowledgementDueAt.getTime() };
  return { acknowledgementState: stateFromInstants(r.acknowledgementAtRiskAt, r.acknowledgementDueAt, now), acknowledgedOnTime: null };
}

/** The same in SQL, over the escalations table under `alias`, with the clock as the SQL expression `now`. */
export const ACKNOWLEDGEMENT_SQL = {
  /** Still waiting for the service, with a target running. */
  awaiting: (alias: string) => `(${alias}.acknowledged_at is null and ${alias}.acknowledgement_due_at is not null)`,
  state: (alias: string, now: string) =>
    `(case when ${alias}.acknowledged_at is not null or ${alias}.acknowledgement_due_at is null then null
           when ${now} >= ${alias}.acknowledgement_due_at then 'breached'
           when ${now} >= ${alias}.acknowledgement_at_risk_at then 'at_risk' else 'on_track' end)`,
  onTime: (alias: string) => `(${alias}.acknowledged_at is not null and ${alias}.acknowledged_at <= ${alias}.acknowledgement_due_at)`,
  late: (alias: string) => `(${alias}.acknowledged_at > ${alias}.acknowledgement_due_at)`,
};
