import { useEffect, useState } from 'preact/hooks';
import { formatInstant, request, type Session } from '../shared/api.js';
import { Link } from '../shared/router.js';
import { CHANNELS, ENQUIRY_STATUSES } from '../../../src/contracts/enquiry-vocabulary.js';
import { pathOf } from './console-routes.js';

interface EnquirySummary {
  id: string;
  reference: string;
  status: string;
  channel: string;
  topic?: string;
  subjectName: string;
  createdAt: string;
}

const label = (value: string) => value.replace('_', ' ');

/** Every channel's enquiries in one list, newest first, with filters. */
export function Inbox({ session }: { session: Session }) {
  const [filters, setFilters] = useState({ channel: '', status: '', service: '', mine: false, q: '' });
  const [services, setServices] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    request<{ code: string; name: string }[]>('GET', '/api/services', session).then(setServices, () => setServices([]));
  }, [session]);
  const [applied, setApplied] = useState(filters);
  const [result, setResult] = useState<{ items: EnquirySummary[]; total: number }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const query = new URLSearchParams({ pageSize: '50' });
    if (applied.channel) query.set('channel', applied.channel);
    if (applied.status) query.set('status', applied.status);
    if (applied.service) query.set('service', applied.service);
    if (applied.mine) query.set('assignee', 'me');
    if (applied.q.trim()) query.set('q', applied.q.trim());
    request<{ items: EnquirySummary[]; total: number }>('GET', `/api/enquiries?${query}`, session).then(setResult, (failure: Error) => setError(failure.message));
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
          <div class="govuk-grid-column-one-quarter govuk-form-group">
            <label class="govuk-label" for="filter-channel">Channel</label>
            <select class="govuk-select" id="filter-channel" value={filters.channel} onChange={(event) => setFilters({ ...filters, channel: event.currentTarget.value })}>
              <option value="">All channels</option>
              {CHANNELS.map((channel) => <option key={channel} value={channel}>{channel}</option>)}
            </select>
          </div>
          <div class="govuk-grid-column-one-quarter govuk-form-group">
            <label class="govuk-label" for="filter-status">Status</label>
            <select class="govuk-select" id="filter-status" value={filters.status} onChange={(event) => setFilters({ ...filters, status: event.currentTarget.value })}>
              <option value="">Any status</option>
              {ENQUIRY_STATUSES.map((status) => <option key={status} value={status}>{label(status)}</option>)}
            </select>
          </div>
          <div class="govuk-grid-column-one-quarter govuk-form-group">
            <label class="govuk-label" for="filter-service">Service</label>
            <select class="govuk-select" id="filter-service" value={filters.service} onChange={(event) => setFilters({ ...filters, service: event.currentTarget.value })}>
              <option value="">All services</option>
              {services.map((service) => <option key={service.code} value={service.code}>{service.name}</option>)}
            </select>
          </div>
        </div>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half govuk-form-group">
            <label class="govuk-label" for="filter-q">Reference, name, phone, email or postcode</label>
            <input class="govuk-input" id="filter-q" type="search" value={filters.q} onInput={(event) => setFilters({ ...filters, q: event.currentTarget.value })} />
          </div>
          <div class="govuk-grid-column-one-quarter govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-top-6">
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id="filter-mine" type="checkbox" checked={filters.mine} onChange={(event) => setFilters({ ...filters, mine: event.currentTarget.checked })} />
                <label class="govuk-label govuk-checkboxes__label" for="filter-mine">Assigned to me</label>
              </div>
            </div>
          </div>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" id="apply-filters">Apply filters</button>
      </form>
      {error && <p class="govuk-error-message">{error}</p>}
      {result && (
        <table class="govuk-table" id="inbox">
          <caption class="govuk-table__caption govuk-table__caption--m">{result.total} {result.total === 1 ? 'enquiry' : 'enquiries'}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Reference</th>
              <th scope="col" class="govuk-table__header">Name</th>
              <th scope="col" class="govuk-table__header">Channel</th>
              <th scope="col" class="govuk-table__header">Status</th>
              <th scope="col" class="govuk-table__header">Received</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {result.items.map((enquiry) => (
              <tr class="govuk-table__row" key={enquiry.id}>
                <td class="govuk-table__cell">
                  <Link class="govuk-link" href={pathOf('enquiry', { id: enquiry.id })} state={{ from: 'inbox' }}>{enquiry.reference}</Link>
                </td>
                <td class="govuk-table__cell">{enquiry.subjectName}</td>
                <td class="govuk-table__cell">{enquiry.channel}</td>
                <td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--grey">{label(enquiry.status)}</strong></td>
                <td class="govuk-table__cell">{formatInstant(enquiry.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
