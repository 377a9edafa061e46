import { useEffect, useState } from 'preact/hooks';
import { formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { Link } from '../shared/router.js';
import { SuccessBanner, type Notice } from '../shared/govuk-form.js';
import {
  ClarificationAnsweredForm,
  ClarificationForm,
  EvidenceForm,
  ExtendForm,
  FulfilForm,
  LiftRestrictionForm,
  ObjectionForm,
  RectifyForm,
  RefuseForm,
  RestrictForm,
  WithdrawConsentForm,
  type ActionProps,
} from './subject-request-actions.js';
import { EraseForm, ERASED_KINDS, groundName, type ErasureResult } from './subject-erasure-form.js';
import {
  actionDetail,
  actionName,
  fieldName,
  inOrder,
  isOpen,
  isReadyToAct,
  isVerified,
  plural,
  recipientsTold,
  typeName,
  words,
  type RecipientNotice,
  type SubjectRequest,
} from './subject-request-model.js';
import { ExportPanel, FindRecords, type SearchResult } from './subject-records.js';
import { CHANNELS } from './new-subject-request.js';

/** How close the deadline is, as a GOV.UK tag: red when overdue, orange within five days. */
export function DaysLeft({ item }: { item: SubjectRequest }) {
  if (!isOpen(item)) return <strong class="govuk-tag govuk-tag--grey">{words(item.status)}</strong>;
  if (item.daysLeft < 0)
    return (
      <strong class="govuk-tag govuk-tag--red">
        Overdue by {-item.daysLeft} day{item.daysLeft === -1 ? '' : 's'}
      </strong>
    );
  if (item.daysLeft <= 5)
    return (
      <strong class="govuk-tag govuk-tag--orange">
        {item.daysLeft} day{item.daysLeft === 1 ? '' : 's'} left
      </strong>
    );
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

const NOTICE_KINDS: Record<RecipientNotice['kind'], string> = {
  rectification: 'Correction',
  erasure: 'Erasure',
  restriction: 'Restriction',
  restriction_lifted: 'Restriction lifted',
};

const DELIVERY_TYPES: Record<RecipientNotice['deliveryType'], string> = {
  webhook: 'Webhook',
  email: 'Email',
  portal: 'Their portal',
  open311: 'Open311',
};

/** Where a notice is, as a GOV.UK tag: shown in the portal and delivered are done; dead needs the DPO. */
const DELIVERY_STATUSES: Record<RecipientNotice['deliveryStatus'], [text: string, colour: string]> = {
  pending: ['Pending', 'yellow'],
  delivered: ['Delivered', 'green'],
  available: ['Available', 'turquoise'],
  dead: ['Failed', 'red'],
};

function deliveredText(notice: RecipientNotice): string {
  if (notice.deliveredAt) return formatInstant(notice.deliveredAt);
  switch (notice.deliveryStatus) {
    case 'available':
      return `In their portal from ${formatInstant(notice.createdAt)}`;
    case 'dead':
      return `Not delivered after ${plural(notice.attempts, 'attempt')}${notice.lastError ? `: ${notice.lastError}` : ''}`;
    default:
      return notice.attempts > 0 ? `Not yet (${plural(notice.attempts, 'attempt')} so far)` : 'Not yet';
  }
}

/** The notice ledger: every service that received the person's data and was told of a change (Art. 19). */
function NoticeLedger({ notices }: { notices: RecipientNotice[] }) {
  return (
    <section aria-labelledby="notices-heading">
      <h2 class="govuk-heading-m" id="notices-heading">
        Services told
      </h2>
      <p class="govuk-body">Every service that received the person’s data is told of a correction, erasure or restriction.</p>
      <table class="govuk-table" id="notice-ledger">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Service
            </th>
            <th scope="col" class="govuk-table__header">
              Told of
            </th>
            <th scope="col" class="govuk-table__header">
              Status
            </th>
            <th scope="col" class="govuk-table__header">
              Delivered
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {notices.map((notice) => {
            const [status, colour] = DELIVERY_STATUSES[notice.deliveryStatus] ?? [words(notice.deliveryStatus), 'grey'];
            return (
              <tr class="govuk-table__row" key={notice.id}>
                <td class="govuk-table__cell">
                  {notice.recipient}{' '}
                  <span class="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                    by {(DELIVERY_TYPES[notice.deliveryType] ?? notice.deliveryType).toLowerCase()}
                  </span>
                </td>
                <td class="govuk-table__cell">
                  {NOTICE_KINDS[notice.kind] ?? words(notice.kind)}
                  {notice.fields.length > 0 ? ` of ${notice.fields.map(fieldName).join(', ')}` : ''}
                </td>
                <td class="govuk-table__cell">
                  <strong class={`govuk-tag govuk-tag--${colour}`}>{status}</strong>
                </td>
                <td class="govuk-table__cell signpost-pre-wrap">{deliveredText(notice)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** What the request has done to the data, oldest first, in words. */
function ActionsTaken({ item }: { item: SubjectRequest }) {
  return (
    <section aria-labelledby="actions-taken-heading">
      <h2 class="govuk-heading-m" id="actions-taken-heading">
        What was done
      </h2>
      <table class="govuk-table" id="actions-taken">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              When
            </th>
            <th scope="col" class="govuk-table__header">
              What
            </th>
            <th scope="col" class="govuk-table__header">
              Details
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {item.actions.map((action, index) => (
            <tr class="govuk-table__row" key={index}>
              <td class="govuk-table__cell">{formatInstant(action.at)}</td>
              <td class="govuk-table__cell">{actionName(action)}</td>
              <td class="govuk-table__cell">{actionDetail(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The counts of the request's erasure, kept with the request so that they are there after a reload; the
 * enquiries kept, with their grounds, are known only in the answer to the erasure itself.
 */
function ErasureSummary({ item, result }: { item: SubjectRequest; result?: ErasureResult }) {
  const erased = item.actions.filter((action) => action.action === 'erased').at(-1);
  if (!erased) return null;
  const kept = result?.kept ?? [];
  const counts = inOrder(erased.counts).map(([kind, count]): [string, string] => [ERASED_KINDS[kind] ?? kind, String(count)]);
  return (
    <section aria-labelledby="erasure-result-heading" id="erasure-result">
      <h2 class="govuk-heading-m" id="erasure-result-heading">
        What was erased
      </h2>
      <SummaryList
        rows={[
          // Everything kept, or erased by an earlier request: the API then counts nothing.
          ...(counts.length > 0 ? counts : ([['Records erased', 'None']] as [string, string][])),
          ...(erased.kept ? ([['Enquiries kept', String(erased.kept)]] as [string, string][]) : []),
          ...(erased.recipientsNotified !== undefined
            ? ([['Services told', String(erased.recipientsNotified)]] as [string, string][])
            : []),
        ]}
      />
      {kept.length > 0 && (
        <>
          <h3 class="govuk-heading-s">Kept</h3>
          <ul class="govuk-list govuk-list--bullet" id="erasure-kept">
            {kept.map((record) => (
              <li key={record.enquiryId}>
                Enquiry {record.enquiryId}: {groundName(record.ground)}
                {record.legalHoldId ? ` (hold ${record.legalHoldId})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One request: its details and clock, and the actions its status and type allow. Every action reloads it. */
export function SubjectRequestDetail({ id, backHref, onChanged }: { id: string; backHref: string; onChanged: () => void }) {
  const session = useSession();
  const { data: item, error, reload: load } = useApi<SubjectRequest>(`/api/subject-requests/${id}`);
  const [notice, setNotice] = useState<Notice>();
  const [found, setFound] = useState<SearchResult>();
  const [erasure, setErasure] = useState<ErasureResult>();
  const [notices, setNotices] = useState<RecipientNotice[]>([]);
  const [noticesError, setNoticesError] = useState<string>();
  // The ledger is read (and its reading audited) only once the request has told a service something.
  const toldAnyone = Boolean(item?.actions.some((action) => (action.recipientsNotified ?? 0) > 0));
  useEffect(() => {
    if (!toldAnyone) return;
    request<RecipientNotice[]>('GET', `/api/subject-requests/${id}/notices`, session).then(
      (ledger) => {
        setNotices(ledger);
        setNoticesError(undefined);
      },
      (failure: Error) => setNoticesError(failure.message),
    );
  }, [item, toldAnyone]);
  if (error) return <p class="govuk-error-message">{error}</p>;
  if (!item) return <p class="govuk-body">Loading…</p>;

  // The banner comes with the request as it now is, so that what it says and what the page shows agree.
  const done = (text: string) => {
    void load().then(() => setNotice({ text, at: Date.now() }));
    onChanged();
  };
  const props: ActionProps = { request: item, onDone: done };
  const open = isOpen(item);
  const rows: [string, string][] = [
    ['Status', words(item.status)],
    ['Received', item.receivedOn],
    ['How it arrived', channelName(item.channel)],
    ['Clock started', item.clockStartsOn],
    ['About', Object.values(item.subject).join(', ')],
    ...(item.representative
      ? ([['Acting for them', `${item.representative.name} (${item.representative.relationship})`]] as [string, string][])
      : []),
    [
      'Identity evidence',
      item.identityEvidence ? `${item.identityEvidence}, received ${item.identityReceivedOn ?? ''}` : 'Not yet verified',
    ],
    ...(item.representative
      ? ([
          [
            'Proof of authority',
            item.authorityEvidence ? `${item.authorityEvidence}, received ${item.authorityReceivedOn ?? ''}` : 'Not yet received',
          ],
        ] as [string, string][])
      : []),
    ['Records confirmed', item.dataSubjectIds.length === 0 ? 'None yet' : String(item.dataSubjectIds.length)],
    ...(item.restricted ? ([['Processing', 'Restricted: their data is only stored']] as [string, string][]) : []),
    ...(item.extendedOn ? ([['Extended', `${item.extendedOn}: ${item.extensionReason ?? ''}`]] as [string, string][]) : []),
    ...(item.outcome ? ([['Outcome', item.outcome]] as [string, string][]) : []),
  ];

  return (
    <>
      <Link class="govuk-back-link" href={backHref}>
        Back to requests
      </Link>
      <SuccessBanner id="request-notice" notice={notice} />
      <h1 class="govuk-heading-l">{typeName(item.type)} request</h1>
      <p class="govuk-body">
        <DaysLeft item={item} /> Due {item.dueAt}
      </p>
      <div class="signpost-columns">
        <section aria-labelledby="request-details-heading">
          <h2 class="govuk-heading-m" id="request-details-heading">
            Details
          </h2>
          <SummaryList id="request-details" rows={rows} />
          <ErasureSummary item={item} result={erasure} />
          {item.actions.length > 0 && <ActionsTaken item={item} />}
          {noticesError && <p class="govuk-error-message">{noticesError}</p>}
          {toldAnyone && notices.length > 0 && <NoticeLedger notices={notices} />}
          <h2 class="govuk-heading-m">The clock</h2>
          <table class="govuk-table" id="clock-history">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  When
                </th>
                <th scope="col" class="govuk-table__header">
                  What happened
                </th>
                <th scope="col" class="govuk-table__header">
                  Due date then
                </th>
              </tr>
            </thead>
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
                {item.pauses.map((pause, index) => (
                  <li key={index}>
                    {pause.from} to {pause.to ?? 'awaited'}: {pause.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section aria-labelledby="actions-heading" id="request-actions">
          <h2 class="govuk-heading-m" id="actions-heading">
            {open ? 'Next steps' : 'This request is closed'}
          </h2>
          {open && !item.identityEvidence && <EvidenceForm {...props} kind="identity" />}
          {open && item.representative && !item.authorityEvidence && <EvidenceForm {...props} kind="authority" />}
          {open && <FindRecords request={item} found={found} onFound={setFound} onDone={done} />}
          <RightAction
            {...props}
            found={found}
            onErased={(result) => {
              setErasure(result);
              setFound(undefined);
              done(`Their data was erased${recipientsTold(result.recipientsNotified)}: the counts are shown under the details`);
            }}
          />
          {open && isVerified(item) && <FulfilForm {...props} />}
          {open && (item.status === 'paused' ? <ClarificationAnsweredForm {...props} /> : <ClarificationForm {...props} />)}
          {open && !item.extendedOn && <ExtendForm {...props} />}
          {open && <RefuseForm {...props} />}
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
    const first = !isVerified(item)
      ? `verify the requester’s identity${item.representative ? ' and the representative’s authority' : ''}, then find and confirm their records`
      : 'find and confirm the person’s records';
    return (
      <div class="govuk-inset-text" id="right-action-waiting">
        Before anything is {item.type === 'access' || item.type === 'portability' ? 'exported' : 'changed'}, {first}.
      </div>
    );
  }
  switch (item.type) {
    case 'access':
    case 'portability':
      return <ExportPanel request={item} />;
    case 'erasure':
      // Once erased, there is nothing left to erase (and the search results are out of date).
      return open && !did(item, 'erased') ? <EraseForm request={item} found={props.found} onErased={props.onErased} /> : null;
    case 'rectification':
      return open ? <RectifyForm {...props} /> : null;
    case 'restriction':
      return (
        <>
          {open && !item.restricted && <RestrictForm {...props} />}
          {item.restricted && <LiftRestrictionForm {...props} />}
        </>
      );
    case 'objection':
      // An upheld objection stops processing like a restriction, and is lifted the same way (the person told first).
      return (
        <>
          {open && !did(item, 'objection_upheld', 'objection_refused') && <ObjectionForm {...props} />}
          {item.restricted && <LiftRestrictionForm {...props} />}
        </>
      );
    case 'withdraw_consent':
      return open ? <WithdrawConsentForm {...props} /> : null;
  }
}

const did = (item: SubjectRequest, ...actions: string[]) => item.actions.some((action) => actions.includes(action.action));

const channelName = (channel: string) => CHANNELS.find(([value]) => value === channel)?.[1] ?? words(channel);
