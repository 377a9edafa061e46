import type { EntityManager } from 'typeorm';
import { ACKNOWLEDGEMENT_SQL } from './referral-acknowledgement.js';

/**
 * How other contexts read referrals' acknowledgement, inside their own transaction and tenant: per service, the
 * referrals not yet acknowledged that are past their target or at risk of it (for the supervisor). Ids and counts only.
 */
export interface ServiceAwaitingAcknowledgement {
  serviceId: string;
  breached: number;
  atRisk: number;
  /** The earliest acknowledgement due time among them: the longest overdue when any is. */
  oldestDueAt: Date;
}

const AWAITING = `
  select service_id, count(*) filter (where state = 'breached')::int as breached, count(*) filter (where state = 'at_risk')::int as at_risk,
         min(acknowledgement_due_at) as oldest_due_at
    from (select x.service_id, x.acknowledgement_due_at, ${ACKNOWLEDGEMENT_SQL.state('x', '$1::timestamptz')} as state
            from escalations x where ${ACKNOWLEDGEMENT_SQL.awaiting('x')}) awaiting
   where state in ('at_risk', 'breached')
   group by service_id
   order by count(*) filter (where state = 'breached') desc, min(acknowledgement_due_at)`;

/** Services with referrals past or at risk of their acknowledgement target at `now`: the most breached first, then the longest overdue. */
export async function referralsAwaitingAcknowledgement(m: EntityManager, now: Date): Promise<ServiceAwaitingAcknowledgement[]> {
  const rows: { service_id: string; breached: number; at_risk: number; oldest_due_at: Date }[] = await m.query(AWAITING, [now]);
  return rows.map((row) => ({
    serviceId: row.service_id,
    breached: row.breached,
    atRisk: row.at_risk,
    oldestDueAt: new Date(row.oldest_due_at),
  }));
}
