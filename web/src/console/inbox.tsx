import { useEffect, useState } from 'preact/hooks';
import { formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { Checkbox, Select, TextInput } from '../shared/govuk-form.js';
import { Link } from '../shared/router.js';
import { CHANNELS, ENQUIRY_STATUSES, SLA_FILTERS, type SlaState } from '../../../src/contracts/enquiry-vocabulary.js';
import { pathOf } from './console-routes.js';

interface EnquirySummary {
  id: string;
  reference: string;
  status: string;
  channel: string;
  topic?: string;
  subjectName: string;
  createdAt: string;
  slaState: SlaState | null;
  slaDueAt?: string;
}

/** A service level's state in words (never colour alone), with the GOV.UK tag colour that goes with it. */
const SLA_TAGS: Record<SlaState, { text: string; tag: string }> = {
  on_track: { text: 'On track', tag: 'govuk-tag--green' },
  at_risk: { text: 'At risk', tag: 'govuk-tag--orange' },
  breached: { text: 'Breached', tag: 'govuk-tag--red' },
};

export function ServiceLevel({ state, dueAt }: { state: SlaState | null; dueAt?: string }) {
  if (!state) return <span class="govuk-body-s">No target running</span>;
  return (
    <>
      <strong class={`govuk-tag ${SLA_TAGS[state].tag}`}>{SLA_TAGS[state].text}</strong>
      {dueAt && (
        <span class="govuk-body-s govuk-!-display-block">
          {state === 'breached' ? 'was due' : 'due'} {formatInstant(dueAt)}
        </span>
      )}
    </>
  );
}

const label = (value: string) => value.replace('_', ' ');

/** Every channel's enquiries in one list, newest first, with filters. */
export function Inbox() {
  const session = useSession();
  const [filters, setFilters] = useState({ channel: '', status: '', service: '', sla: '', mine: false, q: '' });
  const services = useApi<{ code: string; name: string }[]>('/api/services').data ?? [];
  const set =
    <Filter extends keyof typeof filters>(filter: Filter) =>
    (value: (typeof filters)[Filter]) =>
      setFilters({ ...filters, [filter]: value });
  const [applied, setApplied] = useState(filters);
  const [result, setResult] = useState<{ items: EnquirySummary[]; total: number }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const query = new URLSearchParams({ pageSize: '50' });
    if (applied.channel) query.set('channel', applied.channel);
    if (applied.status) query.set('status', applied.status);
    if (applied.service) query.set('service', applied.service);
    if (applied.sla) query.set('sla', applied.sla);
    if (applied.mine) query.set('assignee', 'me');
    if (applied.q.trim()) query.set('q', applied.q.trim());
    request<{ items: EnquirySummary[]; total: number }>('GET', `/api/enquiries?${query}`, session).then(setResult, (failure: Error) =>
      setError(failure.message),
    );
  }, [applied, session]);
  return (
    <>
      <h1 class="govuk-heading-l">Inbox</h1>
      <form
        class="govuk-!-margin-bottom-6"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(filters);
        }}
      >
        <div class="govuk-grid-row">
          <Select
            id="filter-channel"
            label="Channel"
            wrapperClass="govuk-grid-column-one-quarter"
            value={filters.channel}
            options={[['', 'All channels'], ...CHANNELS.map((channel): [string, string] => [channel, channel])]}
            onChange={set('channel')}
          />
          <Select
            id="filter-status"
            label="Status"
            wrapperClass="govuk-grid-column-one-quarter"
            value={filters.status}
            options={[['', 'Any status'], ...ENQUIRY_STATUSES.map((status): [string, string] => [status, label(status)])]}
            onChange={set('status')}
          />
          <Select
            id="filter-service"
            label="Service"
            wrapperClass="govuk-grid-column-one-quarter"
            value={filters.service}
            options={[['', 'All services'], ...services.map((service): [string, string] => [service.code, service.name])]}
            onChange={set('service')}
          />
        </div>
        <div class="govuk-grid-row">
          <Select
            id="filter-sla"
            label="Service level"
            hint="At risk or breached: soonest due first"
            wrapperClass="govuk-grid-column-one-quarter"
            value={filters.sla}
            options={[['', 'Any'], ...SLA_FILTERS.map((sla): [string, string] => [sla, SLA_TAGS[sla].text])]}
            onChange={set('sla')}
          />
          <TextInput
            id="filter-q"
            label="Reference, name, phone, email or postcode"
            type="search"
            wrapperClass="govuk-grid-column-one-half"
            value={filters.q}
            onInput={set('q')}
          />
          <Checkbox
            id="filter-mine"
            label="Assigned to me"
            wrapperClass="govuk-grid-column-one-quarter govuk-!-margin-top-6"
            checked={filters.mine}
            onChange={set('mine')}
          />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" id="apply-filters">
          Apply filters
        </button>
      </form>
      {error && <p class="govuk-error-message">{error}</p>}
      {result && (
        <table class="govuk-table" id="inbox">
          <caption class="govuk-table__caption govuk-table__caption--m">
            {result.total} {result.total === 1 ? 'enquiry' : 'enquiries'}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Reference
              </th>
              <th scope="col" class="govuk-table__header">
                Name
              </th>
              <th scope="col" class="govuk-table__header">
                Channel
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              <th scope="col" class="govuk-table__header">
                Received
              </th>
              <th scope="col" class="govuk-table__header">
                Service level
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {result.items.map((enquiry) => (
              <tr class="govuk-table__row" key={enquiry.id}>
                <td class="govuk-table__cell">
                  <Link class="govuk-link" href={pathOf('enquiry', { id: enquiry.id })} state={{ from: 'inbox' }}>
                    {enquiry.reference}
                  </Link>
                </td>
                <td class="govuk-table__cell">{enquiry.subjectName}</td>
                <td class="govuk-table__cell">{enquiry.channel}</td>
                <td class="govuk-table__cell">
                  <strong class="govuk-tag govuk-tag--grey">{label(enquiry.status)}</strong>
                </td>
                <td class="govuk-table__cell">{formatInstant(enquiry.createdAt)}</td>
                <td class="govuk-table__cell">
                  <ServiceLevel state={enquiry.slaState} dueAt={enquiry.slaDueAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
