import { useEffect, useState } from 'preact/hooks';
import { request, type Session } from '../shared/api.js';
import { NewSubjectRequest } from './new-subject-request.js';
import { DaysLeft, SubjectRequestDetail } from './subject-request-detail.js';
import { aboutWhom, typeName, type SubjectRequest } from './subject-request-model.js';

type View = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: string };

/** The DPO's view: every subject-rights request, soonest due first; record a new one; work one to completion. */
export function SubjectRequests({ session }: { session: Session }) {
  const [items, setItems] = useState<SubjectRequest[]>();
  const [error, setError] = useState<string>();
  const [view, setView] = useState<View>({ kind: 'list' });
  const reload = () => request<SubjectRequest[]>('GET', '/api/subject-requests', session).then(setItems, (failure: Error) => setError(failure.message));
  useEffect(() => void reload(), [session]);

  if (view.kind === 'new') {
    return (
      <NewSubjectRequest
        session={session}
        onCancel={() => setView({ kind: 'list' })}
        onCreated={(created) => {
          void reload();
          setView({ kind: 'detail', id: created.id });
        }}
      />
    );
  }
  if (view.kind === 'detail') return <SubjectRequestDetail session={session} id={view.id} onBack={() => setView({ kind: 'list' })} onChanged={() => void reload()} />;
  return (
    <>
      <h1 class="govuk-heading-l">Subject-rights requests</h1>
      <button type="button" class="govuk-button" id="new-subject-request-button" onClick={() => setView({ kind: 'new' })}>Record a new request</button>
      {error && <p class="govuk-error-message">{error}</p>}
      {items && items.length === 0 && <p class="govuk-body">No requests.</p>}
      {items && items.length > 0 && (
        <table class="govuk-table" id="subject-requests">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Request</th>
              <th scope="col" class="govuk-table__header">About</th>
              <th scope="col" class="govuk-table__header">Received</th>
              <th scope="col" class="govuk-table__header">Due</th>
              <th scope="col" class="govuk-table__header">Time left</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((item) => (
              <tr class="govuk-table__row" key={item.id}>
                <td class="govuk-table__cell">
                  <button type="button" class="govuk-link signpost-link-button" onClick={() => setView({ kind: 'detail', id: item.id })}>
                    {typeName(item.type)}<span class="govuk-visually-hidden"> request about {aboutWhom(item.subject)}, received {item.receivedOn}</span>
                  </button>
                </td>
                <td class="govuk-table__cell signpost-pre-wrap">{aboutWhom(item.subject)}</td>
                <td class="govuk-table__cell">{item.receivedOn}</td>
                <td class="govuk-table__cell">{item.dueAt}</td>
                <td class="govuk-table__cell"><DaysLeft item={item} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
