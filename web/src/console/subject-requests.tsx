import { useEffect, useState } from 'preact/hooks';
import { formatInstant, request, type Session } from '../shared/api.js';

interface SubjectRequest {
  id: string;
  type: string;
  status: string;
  dueAt: string;
  daysLeft: number;
  receivedOn: string;
  clockStartsOn: string;
  subject: Record<string, string>;
  representative?: { name: string; relationship: string };
  identityEvidence?: string;
  extendedOn?: string;
  extensionReason?: string;
  pauses: { from: string; to?: string | null; reason: string }[];
  clockHistory: { at: string; event: string; dueOn: string }[];
  outcome?: string;
}

const words = (value: string) => value.replaceAll('_', ' ');
const open = (status: string) => status !== 'completed' && status !== 'refused';

/** How close the deadline is, as a GOV.UK tag: red when overdue, orange within five days. */
function DaysLeft({ item }: { item: SubjectRequest }) {
  if (!open(item.status)) return <strong class="govuk-tag govuk-tag--grey">{words(item.status)}</strong>;
  if (item.daysLeft < 0) return <strong class="govuk-tag govuk-tag--red">Overdue by {-item.daysLeft} day{item.daysLeft === -1 ? '' : 's'}</strong>;
  if (item.daysLeft <= 5) return <strong class="govuk-tag govuk-tag--orange">{item.daysLeft} day{item.daysLeft === 1 ? '' : 's'} left</strong>;
  return <strong class="govuk-tag govuk-tag--green">{item.daysLeft} days left</strong>;
}

/** The DPO's view: every subject-rights request, soonest due first, and each one's clock history. */
export function SubjectRequests({ session }: { session: Session }) {
  const [items, setItems] = useState<SubjectRequest[]>();
  const [selected, setSelected] = useState<SubjectRequest>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request<SubjectRequest[]>('GET', '/api/subject-requests', session).then(setItems, (failure: Error) => setError(failure.message));
  }, [session]);
  if (selected) {
    return (
      <>
        <button type="button" class="govuk-back-link signpost-link-button" onClick={() => setSelected(undefined)}>Back to requests</button>
        <h1 class="govuk-heading-l">{words(selected.type)} request</h1>
        <p class="govuk-body"><DaysLeft item={selected} /> Due {selected.dueAt}</p>
        <dl class="govuk-summary-list" id="request-details">
          {[
            ['Status', words(selected.status)],
            ['Received', selected.receivedOn],
            ['Clock started', selected.clockStartsOn],
            ['About', Object.values(selected.subject).join(', ')],
            ...(selected.representative ? [['Acting for them', `${selected.representative.name} (${selected.representative.relationship})`]] : []),
            ['Identity evidence', selected.identityEvidence ?? 'Not yet verified'],
            ...(selected.extendedOn ? [['Extended', `${selected.extendedOn}: ${selected.extensionReason ?? ''}`]] : []),
            ...(selected.outcome ? [['Outcome', selected.outcome]] : []),
          ].map(([key, value]) => (
            <div class="govuk-summary-list__row" key={key}>
              <dt class="govuk-summary-list__key">{key}</dt>
              <dd class="govuk-summary-list__value signpost-pre-wrap">{value}</dd>
            </div>
          ))}
        </dl>
        <h2 class="govuk-heading-m">The clock</h2>
        <table class="govuk-table" id="clock-history">
          <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">When</th><th scope="col" class="govuk-table__header">What happened</th><th scope="col" class="govuk-table__header">Due date then</th></tr></thead>
          <tbody class="govuk-table__body">
            {selected.clockHistory.map((entry, index) => (
              <tr class="govuk-table__row" key={index}>
                <td class="govuk-table__cell">{formatInstant(entry.at)}</td>
                <td class="govuk-table__cell">{words(entry.event)}</td>
                <td class="govuk-table__cell">{entry.dueOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {selected.pauses.length > 0 && (
          <>
            <h2 class="govuk-heading-m">Clarifications</h2>
            <ul class="govuk-list govuk-list--bullet">
              {selected.pauses.map((pause, index) => <li key={index}>{pause.from} to {pause.to ?? 'awaited'}: {pause.reason}</li>)}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <>
      <h1 class="govuk-heading-l">Subject-rights requests</h1>
      {error && <p class="govuk-error-message">{error}</p>}
      {items && items.length === 0 && <p class="govuk-body">No requests.</p>}
      {items && items.length > 0 && (
        <table class="govuk-table" id="subject-requests">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Request</th>
              <th scope="col" class="govuk-table__header">Received</th>
              <th scope="col" class="govuk-table__header">Due</th>
              <th scope="col" class="govuk-table__header">Time left</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((item) => (
              <tr class="govuk-table__row" key={item.id}>
                <td class="govuk-table__cell">
                  <button type="button" class="govuk-link signpost-link-button" onClick={() => setSelected(item)}>
                    {words(item.type)}<span class="govuk-visually-hidden"> request received {item.receivedOn}</span>
                  </button>
                </td>
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
