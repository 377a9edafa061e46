import { useEffect, useState } from 'preact/hooks';
import type { WorkAssigned } from '../../../src/contracts/chat-events.js';
import type { SlaState } from '../../../src/contracts/enquiry-vocabulary.js';
import { formatInstant } from '../shared/api.js';
import { Link } from '../shared/router.js';
import { useApi } from '../shared/session-context.js';
import type { ConsoleSocket } from './console-socket.js';
import { pathOf } from './console-routes.js';
import { ServiceLevel } from './service-level-tag.js';

interface Work {
  id: string;
  reference: string;
  status: string;
  channel: string;
  topic?: string;
  assignedAutomaticallyAt?: string;
  slaState: SlaState | null;
  slaDueAt?: string;
}

const CHANNEL_NAMES: Record<string, string> = {
  email: 'E-mail',
  form: 'Online form',
  social: 'Social media',
  phone: 'Phone',
  webchat: 'Live chat',
  internal: 'Internal',
};

/**
 * My work: the enquiries assigned to the advisor that are still open, soonest due first, with each one's service
 * level in words. Work automatic assignment gives them (`work:assigned`) is announced and the list read again.
 */
export function MyWork({ socket }: { socket?: ConsoleSocket }) {
  const work = useApi<{ items: Work[]; total: number }>('/api/my-work?pageSize=100');
  const [arrived, setArrived] = useState<WorkAssigned[]>([]);
  const { reload } = work;
  useEffect(() => {
    if (!socket) return;
    const heard = (assigned: WorkAssigned) => {
      setArrived((seen) => [assigned, ...seen.filter((entry) => entry.enquiryId !== assigned.enquiryId)].slice(0, 5));
      void reload();
    };
    socket.on('work:assigned', heard);
    return () => void socket.off('work:assigned', heard);
  }, [socket, reload]);
  const items = work.data?.items;
  return (
    <>
      <h1 class="govuk-heading-l">My work</h1>
      <p class="govuk-body">Enquiries assigned to you that are still open, soonest due first.</p>
      <div aria-live="polite" id="work-arrived">
        {arrived.length > 0 && (
          <p class="govuk-inset-text">New work assigned to you: {arrived.map((entry) => entry.reference).join(', ')}</p>
        )}
      </div>
      {work.error && <p class="govuk-error-message">{work.error}</p>}
      {items && items.length === 0 && (
        <p class="govuk-body" id="my-work-empty">
          Nothing is assigned to you at the moment.
        </p>
      )}
      {items && items.length > 0 && (
        <table class="govuk-table" id="my-work">
          <caption class="govuk-table__caption govuk-table__caption--m">
            {work.data?.total} open {work.data?.total === 1 ? 'enquiry' : 'enquiries'}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Reference
              </th>
              <th scope="col" class="govuk-table__header">
                Channel
              </th>
              <th scope="col" class="govuk-table__header">
                Topic
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              <th scope="col" class="govuk-table__header">
                Due
              </th>
              <th scope="col" class="govuk-table__header">
                Service level
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((enquiry) => (
              <tr class="govuk-table__row" key={enquiry.id}>
                <td class="govuk-table__cell">
                  <Link class="govuk-link" href={pathOf('enquiry', { id: enquiry.id })} state={{ from: 'my-work' }}>
                    {enquiry.reference}
                  </Link>
                  {enquiry.assignedAutomaticallyAt && (
                    <span class="govuk-body-s govuk-!-display-block">
                      assigned automatically {formatInstant(enquiry.assignedAutomaticallyAt)}
                    </span>
                  )}
                </td>
                <td class="govuk-table__cell">{CHANNEL_NAMES[enquiry.channel] ?? enquiry.channel}</td>
                <td class="govuk-table__cell">{enquiry.topic ?? 'None'}</td>
                <td class="govuk-table__cell">{enquiry.status.replace('_', ' ')}</td>
                <td class="govuk-table__cell">{enquiry.slaDueAt ? formatInstant(enquiry.slaDueAt) : 'No target running'}</td>
                <td class="govuk-table__cell">
                  <ServiceLevel state={enquiry.slaState} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
