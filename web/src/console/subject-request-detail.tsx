import { useEffect, useRef, useState } from 'preact/hooks';
import { formatInstant, request, type Session } from '../shared/api.js';
import { ClarificationAnsweredForm, ClarificationForm, EvidenceForm, ExtendForm, FulfilForm, LiftRestrictionForm, ObjectionForm, RectifyForm, RestrictForm, WithdrawConsentForm, type ActionProps } from './subject-request-actions.js';
import { EraseForm, ERASED_KINDS, groundName, type ErasureResult } from './subject-erasure-form.js';
import { isOpen, isReadyToAct, isVerified, recipientsTold, typeName, words, type SubjectRequest } from './subject-request-model.js';
import { ExportPanel, FindRecords, type SearchResult } from './subject-records.js';

/** How close the deadline is, as a GOV.UK tag: red when overdue, orange within five days. */
export function DaysLeft({ item }: { item: SubjectRequest }) {
  if (!isOpen(item)) return <strong class="govuk-tag govuk-tag--grey">{words(item.status)}</strong>;
  if (item.daysLeft < 0) return <strong class="govuk-tag govuk-tag--red">Overdue by {-item.daysLeft} day{item.daysLeft === -1 ? '' : 's'}</strong>;
  if (item.daysLeft <= 5) return <strong class="govuk-tag govuk-tag--orange">{item.daysLeft} day{item.daysLeft === 1 ? '' : 's'} left</strong>;
  return <strong class="govuk-tag govuk-tag--green">{item.daysLeft} days left</strong>;
}

function SummaryList({ id, rows }: { id?: string; rows: [string, string][] }) {
  return (
    <dl class="govuk-summary-list" id={id}>
      {rows.map(([key, value]) => (
        <div class="govuk-summary-list__row" key={key}>
          <dt class="govuk-summary-list__key">{key}</dt>
          <dd class="govuk-summary-list__value signpost-pre-wrap">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One request: its details and clock, and the actions its status and type allow. Every action reloads it. */
export function SubjectRequestDetail({ session, id, onBack, onChanged }: { session: Session; id: string; onBack: () => void; onChanged: () => void }) {
  const [item, setItem] = useState<SubjectRequest>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; at: number }>();
  const [found, setFound] = useState<SearchResult>();
  const [erasure, setErasure] = useState<ErasureResult>();
  const banner = useRef<HTMLDivElement>(null);
  const load = () => request<SubjectRequest>('GET', `/api/subject-requests/${id}`, session).then(setItem, (failure: Error) => setError(failure.message));
  useEffect(() => void load(), [id]);
  // The banner takes the focus, so that the result of an action far down the page is seen and announced.
  useEffect(() => banner.current?.focus(), [notice]);
  if (error) return <p class="govuk-error-message">{error}</p>;
  if (!item) return <p class="govuk-body">Loading…</p>;

  const done = (text: string) => {
    setNotice({ text, at: Date.now() });
    void load();
    onChanged();
  };
  const props: ActionProps = { session, request: item, onDone: done };
  const open = isOpen(item);
  const rows: [string, string][] = [
    ['Status', words(item.status)],
    ['Received', item.receivedOn],
    ['Clock started', item.clockStartsOn],
    ['About', Object.values(item.subject).join(', ')],
    ...(item.representative ? ([['Acting for them', `${item.representative.name} (${item.representative.relationship})`]] as [string, string][]) : []),
    ['Identity evidence', item.identityEvidence ? `${item.identityEvidence}, received ${item.identityReceivedOn ?? ''}` : 'Not yet verified'],
    ...(item.representative ? ([['Proof of authority', item.authorityEvidence ? `${item.authorityEvidence}, received ${item.authorityReceivedOn ?? ''}` : 'Not yet received']] as [string, string][]) : []),
    ['Records confirmed', item.dataSubjectIds.length === 0 ? 'None yet' : String(item.dataSubjectIds.length)],
    ...(item.extendedOn ? ([['Extended', `${item.extendedOn}: ${item.extensionReason ?? ''}`]] as [string, string][]) : []),
    ...(item.outcome ? ([['Outcome', item.outcome]] as [string, string][]) : []),
  ];

  return (
    <>
      <button type="button" class="govuk-back-link signpost-link-button" onClick={onBack}>Back to requests</button>
      {notice && (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="notice-title" id="request-notice" tabIndex={-1} ref={banner}>
          <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="notice-title">Success</h2></div>
          <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{notice.text}</p></div>
        </div>
      )}
      <h1 class="govuk-heading-l">{typeName(item.type)} request</h1>
      <p class="govuk-body"><DaysLeft item={item} /> Due {item.dueAt}</p>
      <div class="signpost-columns">
        <section aria-labelledby="request-details-heading">
          <h2 class="govuk-heading-m" id="request-details-heading">Details</h2>
          <SummaryList id="request-details" rows={rows} />
          {erasure && (
            <section aria-labelledby="erasure-result-heading" id="erasure-result">
              <h2 class="govuk-heading-m" id="erasure-result-heading">What was erased</h2>
              <SummaryList rows={Object.entries(erasure.erased).map(([kind, count]): [string, string] => [ERASED_KINDS[kind] ?? kind, String(count)])} />
              {erasure.kept.length > 0 && (
                <>
                  <h3 class="govuk-heading-s">Kept</h3>
                  <ul class="govuk-list govuk-list--bullet">
                    {erasure.kept.map((kept) => <li key={kept.enquiryId}>Enquiry {kept.enquiryId}: {groundName(kept.ground)}</li>)}
                  </ul>
                </>
              )}
            </section>
          )}
          <h2 class="govuk-heading-m">The clock</h2>
          <table class="govuk-table" id="clock-history">
            <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">When</th><th scope="col" class="govuk-table__header">What happened</th><th scope="col" class="govuk-table__header">Due date then</th></tr></thead>
            <tbody class="govuk-table__body">
              {item.clockHistory.map((entry, index) => (
                <tr class="govuk-table__row" key={index}>
                  <td class="govuk-table__cell">{formatInstant(entry.at)}</td>
                  <td class="govuk-table__cell">{words(entry.event)}</td>
                  <td class="govuk-table__cell">{entry.dueOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {item.pauses.length > 0 && (
            <>
              <h2 class="govuk-heading-m">Clarifications</h2>
              <ul class="govuk-list govuk-list--bullet">
                {item.pauses.map((pause, index) => <li key={index}>{pause.from} to {pause.to ?? 'awaited'}: {pause.reason}</li>)}
              </ul>
            </>
          )}
        </section>
        <section aria-labelledby="actions-heading" id="request-actions">
          <h2 class="govuk-heading-m" id="actions-heading">{open ? 'Next steps' : 'This request is closed'}</h2>
          {open && !item.identityEvidence && <EvidenceForm {...props} kind="identity" />}
          {open && item.representative && !item.authorityEvidence && <EvidenceForm {...props} kind="authority" />}
          {open && <FindRecords session={session} request={item} found={found} onFound={setFound} onDone={done} />}
          {/* Once erased, the search results are out of date and there is nothing left to erase. */}
          {!erasure && <RightAction {...props} found={found} onErased={(result) => { setErasure(result); setFound(undefined); done(`Their data was erased${recipientsTold(result.recipientsNotified)}: the counts are shown under the details`); }} />}
          {open && isVerified(item) && <FulfilForm {...props} />}
          {open && (item.status === 'paused' ? <ClarificationAnsweredForm {...props} /> : <ClarificationForm {...props} />)}
          {open && !item.extendedOn && <ExtendForm {...props} />}
        </section>
      </div>
    </>
  );
}

/** What the right exercised asks for, once the requester is verified and their records are confirmed. */
function RightAction(props: ActionProps & { found?: SearchResult; onErased: (result: ErasureResult) => void }) {
  const { request: item } = props;
  const open = isOpen(item);
  if (!isReadyToAct(item)) {
    if (!open) return null;
    const first = !isVerified(item) ? `verify the requester’s identity${item.representative ? ' and the representative’s authority' : ''}, then find and confirm their records` : 'find and confirm the person’s records';
    return <div class="govuk-inset-text" id="right-action-waiting">Before anything is {item.type === 'access' || item.type === 'portability' ? 'exported' : 'changed'}, {first}.</div>;
  }
  switch (item.type) {
    case 'access':
    case 'portability':
      return <ExportPanel session={props.session} request={item} />;
    case 'erasure':
      return open ? <EraseForm session={props.session} request={item} found={props.found} onErased={props.onErased} /> : null;
    case 'rectification':
      return open ? <RectifyForm {...props} /> : null;
    case 'restriction':
      return (
        <>
          {open && <RestrictForm {...props} />}
          <LiftRestrictionForm {...props} />
        </>
      );
    case 'objection':
      return open ? <ObjectionForm {...props} /> : null;
    case 'withdraw_consent':
      return open ? <WithdrawConsentForm {...props} /> : null;
  }
}
