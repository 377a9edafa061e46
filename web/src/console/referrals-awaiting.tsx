import { useEffect, useState } from 'preact/hooks';
import { targetInWords, type WorkingTimeTarget } from '../shared/acknowledgement.js';
import { formatInstant, request } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';

/** GET /api/service-levels/referrals (ReferralsAwaitingAcknowledgementDto). */
interface AwaitingAcknowledgement {
  services: { service: string; name: string; breached: number; atRisk: number; oldestDueAt: string; target: WorkingTimeTarget }[];
  checkedAt: string;
}

/**
 * The supervisor's "Referrals awaiting acknowledgement": the services whose referrals are past their acknowledgement
 * target (or at risk of it), the most overdue first, as the service lists them. Read every 5 seconds with the rest of
 * the board.
 */
export function ReferralsAwaitingAcknowledgement() {
  const session = useSession();
  const [awaiting, setAwaiting] = useState<AwaitingAcknowledgement>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const load = async () => {
      try {
        setAwaiting(await request<AwaitingAcknowledgement>('GET', '/api/service-levels/referrals', session));
        setError(undefined);
      } catch (failure) {
        setError((failure as Error).message);
      }
    };
    void load();
    const timer = window.setInterval(() => void load(), 5000);
    return () => window.clearInterval(timer);
  }, [session]);
  return (
    <section aria-labelledby="referrals-awaiting-heading" id="referrals-awaiting" class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m" id="referrals-awaiting-heading">
        Referrals awaiting acknowledgement
      </h2>
      {error && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> Referrals awaiting acknowledgement could not be loaded: {error}
        </p>
      )}
      {awaiting && awaiting.services.length === 0 && (
        <p class="govuk-body" id="referrals-awaiting-none">
          None: no service has a referral past or near its acknowledgement target.
        </p>
      )}
      {awaiting && awaiting.services.length > 0 && (
        <table class="govuk-table" id="referrals-awaiting-table">
          <caption class="govuk-table__caption govuk-table__caption--s">
            Services with referrals they have not acknowledged, past their target or at risk of it (80 % of the time gone)
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Service
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Past target
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                At risk
              </th>
              <th scope="col" class="govuk-table__header">
                Oldest due
              </th>
              <th scope="col" class="govuk-table__header">
                Target
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {awaiting.services.map((entry) => (
              <tr class="govuk-table__row" key={entry.service}>
                <th scope="row" class="govuk-table__header">
                  {entry.name}
                  {entry.breached > 0 && <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-1">Overdue</strong>}
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{entry.breached}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{entry.atRisk}</td>
                <td class="govuk-table__cell">
                  {entry.breached > 0 ? 'was due' : 'due'} {formatInstant(entry.oldestDueAt)}
                </td>
                <td class="govuk-table__cell">acknowledge within {targetInWords(entry.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
