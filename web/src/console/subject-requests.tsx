import { Link, navigate } from '../shared/router.js';
import { useApi } from '../shared/session-context.js';
import { pathOf } from './console-routes.js';
import { NewSubjectRequest } from './new-subject-request.js';
import { DaysLeft, SubjectRequestDetail } from './subject-request-detail.js';
import { aboutWhom, typeName, type SubjectRequest } from './subject-request-model.js';

export type SubjectRequestsView = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: string };

/**
 * The DPO's view: every subject-rights request, soonest due first (/console/requests); record a new one
 * (/console/requests/new); work one to completion (/console/requests/:id). The list stays loaded across the three.
 */
export function SubjectRequests({ showing: view }: { showing: SubjectRequestsView }) {
  const { data: items, error, reload } = useApi<SubjectRequest[]>('/api/subject-requests');

  if (view.kind === 'new') {
    return (
      <NewSubjectRequest
        backHref={pathOf('requests')}
        onCreated={(created) => {
          void reload();
          // In place of the form: Back from the new request goes to the list, not to a spent form.
          navigate(pathOf('request', { id: created.id }), { replace: true });
        }}
      />
    );
  }
  if (view.kind === 'detail') return <SubjectRequestDetail id={view.id} backHref={pathOf('requests')} onChanged={() => void reload()} />;
  return (
    <>
      <h1 class="govuk-heading-l">Subject-rights requests</h1>
      <button type="button" class="govuk-button" id="new-subject-request-button" onClick={() => navigate(pathOf('new-request'))}>
        Record a new request
      </button>
      {error && <p class="govuk-error-message">{error}</p>}
      {items && items.length === 0 && <p class="govuk-body">No requests.</p>}
      {items && items.length > 0 && (
        <table class="govuk-table" id="subject-requests">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Request
              </th>
              <th scope="col" class="govuk-table__header">
                About
              </th>
              <th scope="col" class="govuk-table__header">
                Received
              </th>
              <th scope="col" class="govuk-table__header">
                Due
              </th>
              <th scope="col" class="govuk-table__header">
                Time left
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((item) => (
              <tr class="govuk-table__row" key={item.id}>
                <td class="govuk-table__cell">
                  <Link class="govuk-link" href={pathOf('request', { id: item.id })}>
                    {typeName(item.type)}
                    <span class="govuk-visually-hidden">
                      {' '}
                      request about {aboutWhom(item.subject)}, received {item.receivedOn}
                    </span>
                  </Link>
                </td>
                <td class="govuk-table__cell signpost-pre-wrap">{aboutWhom(item.subject)}</td>
                <td class="govuk-table__cell">{item.receivedOn}</td>
                <td class="govuk-table__cell">{item.dueAt}</td>
                <td class="govuk-table__cell">
                  <DaysLeft item={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
