import { useEffect } from 'preact/hooks';
import type { SlaState } from '../../../src/contracts/enquiry-vocabulary.js';
import { useApi } from '../shared/session-context.js';
import { Link } from '../shared/router.js';
import { pathOf } from './console-routes.js';
import { ServiceLevel } from './service-level-tag.js';

interface WorkItem {
  id: string;
  reference: string;
  channel: string;
  topic?: string;
  assigneeId?: string;
  slaState: SlaState | null;
  slaDueAt?: string;
}

interface Page {
  items: WorkItem[];
  total: number;
}

/** How many of each state the table shows; the totals count them all. */
const SHOWN = 50;
const REFRESH_MS = 60_000;

/**
 * Warnings before breach, on every channel: the enquiries past their sooner unmet service-level target and those at
 * risk of missing it (80 % of the working time gone), breached first, then at risk, each soonest due first, with who
 * has them. Read again every minute, as time alone moves work from on track to at risk.
 */
export function AtRiskWork({ names }: { names: Map<string, string> }) {
  const breached = useApi<Page>(`/api/enquiries?sla=breached&pageSize=${SHOWN}`);
  const atRisk = useApi<Page>(`/api/enquiries?sla=at_risk&pageSize=${SHOWN}`);
  useEffect(() => {
    const timer = window.setInterval(() => {
      void breached.reload();
      void atRisk.reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [breached.reload, atRisk.reload]);
  const error = breached.error ?? atRisk.error;
  const items = [...(breached.data?.items ?? []), ...(atRisk.data?.items ?? [])];
  return (
    <section aria-labelledby="at-risk-work-heading" id="at-risk-work">
      <h2 class="govuk-heading-m" id="at-risk-work-heading">
        Service levels: work at risk
      </h2>
      {error && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {breached.data && atRisk.data && (
        <p class="govuk-body" id="at-risk-work-summary">
          {breached.data.total} breached, {atRisk.data.total} at risk of breaching
        </p>
      )}
      {items.length > 0 && (
        <table class="govuk-table" id="at-risk-work-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Breached and at-risk enquiries, soonest due first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Reference
              </th>
              <th scope="col" class="govuk-table__header">
                Channel
              </th>
              <th scope="col" class="govuk-table__header">
                Service
              </th>
              <th scope="col" class="govuk-table__header">
                With
              </th>
              <th scope="col" class="govuk-table__header">
                Service level
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((item) => (
              <tr class="govuk-table__row" key={item.id}>
                <td class="govuk-table__cell">
                  <Link class="govuk-link" href={pathOf('enquiry', { id: item.id })} state={{ from: 'supervision' }}>
                    {item.reference}
                  </Link>
                </td>
                <td class="govuk-table__cell">{item.channel}</td>
                <td class="govuk-table__cell">{item.topic ?? 'Not yet known'}</td>
                <td class="govuk-table__cell">
                  {item.assigneeId ? (names.get(item.assigneeId) ?? 'Another member of staff') : 'Nobody yet'}
                </td>
                <td class="govuk-table__cell">
                  <ServiceLevel state={item.slaState} dueAt={item.slaDueAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
