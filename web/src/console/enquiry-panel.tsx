import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { fieldLabel } from '../shared/fields.js';
import { Checkbox, ErrorMessage, Select, SuccessBanner, TextArea, useSubmission, type Notice } from '../shared/govuk-form.js';
import { ErrorSummary } from '../shared/layout.js';
import { Link } from '../shared/router.js';
import { KnowledgeArticles, type ChosenArticle } from './knowledge-articles.js';
import type { ReplyView } from '../../../src/contracts/replies.js';
import { ReplyComposer, ReplyStatusTag, useReplies } from './reply-composer.js';
import { EnquiryServiceLevelSection, type EnquiryServiceLevel } from './enquiry-service-level.js';
import { OutcomeSelect, missingOutcome, useOutcomeCodes, type OutcomeCodes } from './outcome-codes.js';
import { MergeForm, PersonAtAGlanceSection } from './person-at-a-glance.js';
import { pathOf } from './console-routes.js';

interface EnquiryDetail extends EnquiryServiceLevel {
  id: string;
  reference: string;
  status: string;
  channel: string;
  topic?: string;
  description: string;
  legalBasis: string;
  subject: { id: string; name: string; dateOfBirth?: string; phones: string[]; emails: string[]; address?: string; postcode?: string };
  consents: {
    id: string;
    purpose: string;
    method: string;
    privacyNoticeVersion: string;
    givenAt: string;
    withdrawnAt?: string;
    specialCategories: string[];
  }[];
  timeline: {
    id: string;
    kind: string;
    authorType: string;
    text?: string;
    metadata: Record<string, unknown>;
    at: string;
    mergedFrom?: { enquiryId: string; reference: string };
  }[];
  mergedInto?: { enquiryId: string; reference: string; mergedAt: string };
  resolutionAdvice?: string;
  knowledgeArticleId?: string;
  signpostedTo?: string;
  outcome?: { code: string; label: string; recordedAt: string };
}

interface Service {
  code: string;
  name: string;
  active?: boolean;
}

const LEGAL_BASES: Record<string, string> = {
  consent: 'Consent (Art. 6(1)(a))',
  contract: 'Contract (Art. 6(1)(b))',
  legal_obligation: 'Legal obligation (Art. 6(1)(c))',
  vital_interests: 'Vital interests (Art. 6(1)(d))',
  public_task: 'Public task (Art. 6(1)(e))',
  legitimate_interests: 'Legitimate interests (Art. 6(1)(f))',
};
const open = (status: string) => status === 'new' || status === 'in_progress';

/** One enquiry: who it is about, the legal basis and consent, the timeline; note, resolve or escalate. */
export function EnquiryPanel({ id, words, backHref }: { id: string; words?: string; backHref: string }) {
  const session = useSession();
  const { data: enquiry, error, reload } = useApi<EnquiryDetail>(`/api/enquiries/${id}`);
  const [notice, setNotice] = useState<Notice>();
  const tell = (text: string) => setNotice({ text, at: Date.now() });
  // The knowledge article the advisor is working from, for the resolve and escalation forms to name.
  const [article, setArticle] = useState<ChosenArticle>();
  // Bumped when a reply is sent, so the replies and their delivery status are read again.
  const [replyVersion, setReplyVersion] = useState(0);
  const replies = useReplies(id, replyVersion);
  const outcomes = useOutcomeCodes();
  if (error) return <p class="govuk-error-message">{error}</p>;
  if (!enquiry) return <p class="govuk-body">Loading…</p>;
  const rows: [string, string][] = [
    ['Reference', enquiry.reference],
    ['Status', enquiry.status.replace('_', ' ')],
    ['Channel', enquiry.channel],
    ['Legal basis', LEGAL_BASES[enquiry.legalBasis] ?? enquiry.legalBasis],
    ['Name', enquiry.subject.name],
    ...(enquiry.subject.dateOfBirth ? ([['Date of birth', enquiry.subject.dateOfBirth]] as [string, string][]) : []),
    ...(enquiry.subject.phones.length ? ([['Phone', enquiry.subject.phones.join(', ')]] as [string, string][]) : []),
    ...(enquiry.subject.emails.length ? ([['Email', enquiry.subject.emails.join(', ')]] as [string, string][]) : []),
    ...(enquiry.subject.address ? ([['Address', enquiry.subject.address]] as [string, string][]) : []),
    ['Enquiry', enquiry.description],
    ...(enquiry.outcome
      ? ([['Outcome', `${enquiry.outcome.label}, recorded ${formatInstant(enquiry.outcome.recordedAt)}`]] as [string, string][])
      : []),
  ];
  return (
    <>
      <Link class="govuk-back-link" href={backHref}>
        Back
      </Link>
      <SuccessBanner id="notice" notice={notice} />
      <h1 class="govuk-heading-l">Enquiry {enquiry.reference}</h1>
      {enquiry.mergedInto && (
        <div class="govuk-inset-text" id="merged-into">
          Closed as merged into{' '}
          <Link class="govuk-link" href={pathOf('enquiry', { id: enquiry.mergedInto.enquiryId })} state={{ from: 'inbox' }}>
            {enquiry.mergedInto.reference}
          </Link>{' '}
          on {formatInstant(enquiry.mergedInto.mergedAt)}.
        </div>
      )}
      <div class="signpost-columns">
        <section aria-labelledby="details-heading">
          <h2 class="govuk-heading-m" id="details-heading">
            Details
          </h2>
          <dl class="govuk-summary-list" id="enquiry-details">
            {rows.map(([key, value]) => (
              <div class="govuk-summary-list__row" key={key}>
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value signpost-pre-wrap">{value}</dd>
              </div>
            ))}
          </dl>
          <EnquiryServiceLevelSection
            enquiry={enquiry}
            onChanged={(message) => {
              tell(message);
              void reload();
            }}
          />
          <TopicSection
            enquiry={enquiry}
            onDecided={(message) => {
              tell(message);
              void reload();
            }}
          />
          <h2 class="govuk-heading-m">Consent</h2>
          {enquiry.consents.length === 0 ? (
            <p class="govuk-body">No consent recorded: the legal basis above applies.</p>
          ) : (
            <ul class="govuk-list govuk-list--bullet">
              {enquiry.consents.map((consent) => (
                <li key={consent.id}>
                  {consent.purpose === 'special_category'
                    ? `Explicit consent (${consent.specialCategories.join(', ')})`
                    : 'Consent to processing'}
                  , {consent.method}, notice version {consent.privacyNoticeVersion}, {formatInstant(consent.givenAt)}
                  {consent.withdrawnAt && <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-1">withdrawn</strong>}
                </li>
              ))}
            </ul>
          )}
          <PersonAtAGlanceSection
            key={enquiry.subject.id}
            enquiryId={id}
            linkable={!enquiry.mergedInto}
            onChanged={(message) => {
              tell(message);
              void reload();
            }}
          />
        </section>
        <section aria-labelledby="timeline-heading">
          <h2 class="govuk-heading-m" id="timeline-heading">
            Timeline
          </h2>
          <ol class="govuk-list" id="timeline">
            {enquiry.timeline.map((entry) => (
              <li key={entry.id} class="signpost-timeline-entry">
                <span class="govuk-body-s signpost-chat-message__meta">
                  {entry.mergedFrom && `From merged enquiry ${entry.mergedFrom.reference} · `}
                  {formatInstant(entry.at)} · {entry.kind} · {String(entry.metadata.event ?? entry.authorType)}
                  {typeof entry.metadata.outcome === 'string' && ` · outcome: ${outcomeLabel(outcomes, enquiry, entry.metadata.outcome)}`}
                </span>
                {typeof entry.metadata.replyId === 'string' && entry.metadata.event === 'reply' && (
                  <ReplyStatusFor
                    replyId={entry.metadata.replyId}
                    replies={replies}
                    onRetry={async (replyId) => {
                      try {
                        await request('POST', `/api/enquiries/${id}/replies/${replyId}/retry`, session);
                        tell('Reply queued to be sent again');
                      } catch (failure) {
                        tell(failure instanceof Error ? failure.message : 'The reply could not be queued again');
                      }
                      setReplyVersion((version) => version + 1);
                    }}
                  />
                )}
                {entry.text && <span class="signpost-pre-wrap">{entry.text}</span>}
              </li>
            ))}
          </ol>
          {enquiry.status !== 'closed' && (
            <ReplyComposer
              enquiryId={id}
              resolvable={open(enquiry.status)}
              outcomes={outcomes}
              article={article}
              onSent={(message) => {
                tell(message);
                setReplyVersion((version) => version + 1);
                void reload();
              }}
            />
          )}
          <NoteForm id={id} onDone={reload} />
          <KnowledgeArticles
            description={enquiry.description}
            usedArticleId={enquiry.knowledgeArticleId}
            chosen={article}
            onUse={open(enquiry.status) ? setArticle : undefined}
          />
          {open(enquiry.status) && (
            <ResolveForm
              id={id}
              outcomes={outcomes}
              article={article}
              onClear={() => setArticle(undefined)}
              onDone={(used) => {
                tell(used ? `Resolved with advice from the article “${used.title}”` : 'Resolved with advice');
                setArticle(undefined);
                void reload();
              }}
            />
          )}
          {open(enquiry.status) && (
            <SignpostForm
              id={id}
              outcomes={outcomes}
              onDone={(message) => {
                tell(message);
                void reload();
              }}
            />
          )}
          {(enquiry.status === 'resolved' || enquiry.status === 'escalated') && (
            <CloseForm
              id={id}
              outcomes={outcomes}
              recorded={enquiry.outcome}
              onDone={(message) => {
                tell(message);
                void reload();
              }}
            />
          )}
          {open(enquiry.status) && (
            <EscalateForm
              id={id}
              topic={enquiry.topic}
              article={article}
              text={[enquiry.description, words ?? '', ...enquiry.timeline.map((entry) => entry.text ?? '')].join('\n').slice(0, 20000)}
              onDone={(message) => {
                tell(message);
                void reload();
              }}
            />
          )}
          {enquiry.status !== 'closed' && (
            <MergeForm
              enquiryId={id}
              reference={enquiry.reference}
              onMerged={(message) => {
                tell(message);
                void reload();
              }}
            />
          )}
        </section>
      </div>
    </>
  );
}

/** A sent reply's delivery status, beside it in the conversation. */
function ReplyStatusFor({
  replyId,
  replies,
  onRetry,
}: {
  replyId: string;
  replies: Pick<ReplyView, 'id' | 'status' | 'deadLettered'>[];
  onRetry: (replyId: string) => void;
}) {
  const reply = replies.find((candidate) => candidate.id === replyId);
  return reply ? (
    <span class="govuk-body-s">
      {' '}
      Reply <ReplyStatusTag reply={reply} />
      {reply.status === 'failed' && (
        <button
          type="button"
          class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2"
          onClick={() => onRetry(reply.id)}
        >
          Send again
        </button>
      )}
    </span>
  ) : null;
}

function NoteForm({ id, onDone }: { id: string; onDone: () => void }) {
  const session = useSession();
  const [text, setText] = useState('');
  const { busy, submit, errorOf } = useSubmission({ text: 'note' }, 'note');
  return (
    <form
      class="govuk-!-margin-bottom-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        void submit(
          () => (text.trim() ? [] : [{ field: 'note', message: 'Enter a note' }]),
          async () => {
            await request('POST', `/api/enquiries/${id}/notes`, session, { text: text.trim() });
            setText('');
            onDone();
          },
        );
      }}
    >
      <TextArea id="note" label="Add a note" labelSize="s" rows={2} error={errorOf('note')} value={text} onInput={setText} />
      <button type="submit" class="govuk-button govuk-button--secondary" aria-disabled={busy ? 'true' : undefined}>
        Add note
      </button>
    </form>
  );
}

/** The API's answer when the article named is unknown, another organisation's or archived. */
const ARTICLE_REFUSED = new Set(['KNOWLEDGE_ARTICLE_NOT_FOUND', 'KNOWLEDGE_ARTICLE_ARCHIVED']);
const articleRefused = (failure: unknown) => failure instanceof ApiError && ARTICLE_REFUSED.has(failure.code ?? '');

function ResolveForm({
  id,
  outcomes,
  article,
  onClear,
  onDone,
}: {
  id: string;
  outcomes?: OutcomeCodes;
  article?: ChosenArticle;
  onClear: () => void;
  onDone: (used?: ChosenArticle) => void;
}) {
  const session = useSession();
  const [advice, setAdvice] = useState('');
  const [outcome, setOutcome] = useState('');
  const { busy, submit, errorOf } = useSubmission({ advice: 'advice', outcome: 'resolve-outcome' }, 'advice');
  // A refused article is a problem with the choice shown above the advice, not with the advice itself.
  const [articleError, setArticleError] = useState<string>();
  useEffect(() => setArticleError(undefined), [article?.id]);
  const resolve = async () => {
    try {
      await request('POST', `/api/enquiries/${id}/resolve`, session, {
        advice: advice.trim(),
        ...(article ? { knowledgeArticleId: article.id } : {}),
        ...(outcome ? { outcome } : {}),
      });
      onDone(article);
    } catch (failure) {
      if (!articleRefused(failure)) throw failure;
      setArticleError('This article can no longer be used: clear it or choose another');
    }
  };
  return (
    <form
      class="govuk-!-margin-bottom-6 signpost-panel"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        void submit(
          () => [
            ...(advice.trim() ? [] : [{ field: 'advice', message: 'Enter the advice given' }]),
            ...missingOutcome(outcomes, outcome, 'resolve-outcome'),
          ],
          resolve,
        );
      }}
    >
      <h2 class="govuk-heading-m">Resolve with advice</h2>
      {article ? (
        <div class={`govuk-inset-text${articleError ? ' govuk-form-group--error' : ''}`} id="chosen-article">
          <ErrorMessage id="chosen-article" error={articleError} />
          <p class="govuk-body govuk-!-margin-bottom-2">
            The advice comes from the article <strong>{article.title}</strong>
          </p>
          <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id="clear-article" onClick={onClear}>
            Clear the article
          </button>
        </div>
      ) : (
        <p class="govuk-body" id="no-chosen-article">
          No knowledge article chosen. If the advice comes from one, choose “Use this article” on it.
        </p>
      )}
      <TextArea id="advice" label="Advice given" error={errorOf('advice')} value={advice} onInput={setAdvice} />
      <OutcomeSelect id="resolve-outcome" outcomes={outcomes} value={outcome} onChange={setOutcome} error={errorOf('resolve-outcome')} />
      <button type="submit" class="govuk-button" id="resolve" aria-disabled={busy ? 'true' : undefined}>
        Resolve
      </button>
    </form>
  );
}

/** An outcome code's label: the organisation's, else the enquiry's own, else the code. */
function outcomeLabel(outcomes: OutcomeCodes | undefined, enquiry: EnquiryDetail, code: string): string {
  return (
    outcomes?.codes.find((entry) => entry.code === code)?.label ??
    (enquiry.outcome?.code === code ? enquiry.outcome.label : undefined) ??
    code
  );
}

interface Destination {
  code: string;
  name: string;
  contact?: string;
  active: boolean;
}

/** Resolve by directing the citizen to another organisation from the signposting list, with what they were told. */
function SignpostForm({ id, outcomes, onDone }: { id: string; outcomes?: OutcomeCodes; onDone: (message: string) => void }) {
  const session = useSession();
  const destinations = (useApi<Destination[]>('/api/signposting').data ?? []).filter((entry) => entry.active);
  const [destination, setDestination] = useState('');
  const [advice, setAdvice] = useState('');
  const [outcome, setOutcome] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission(
    { destination: 'signpost-destination', advice: 'signpost-advice', outcome: 'signpost-outcome' },
    'signpost-destination',
  );
  if (destinations.length === 0) return null;
  const signpostedActive = outcomes?.codes.some((code) => code.code === 'signposted');
  const chosen = destinations.find((entry) => entry.code === destination);
  return (
    <form
      class="govuk-!-margin-bottom-6 signpost-panel"
      id="signpost-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        void submit(
          () => [
            ...(destination ? [] : [{ field: 'signpost-destination', message: 'Choose where the citizen was directed' }]),
            ...(advice.trim() ? [] : [{ field: 'signpost-advice', message: 'Enter what the citizen was told' }]),
            ...(signpostedActive ? [] : missingOutcome(outcomes, outcome, 'signpost-outcome')),
          ],
          async () => {
            await request('POST', `/api/enquiries/${id}/signpost`, session, {
              destination,
              advice: advice.trim(),
              ...(outcome ? { outcome } : {}),
            });
            onDone(`Resolved by signposting to ${chosen?.name ?? destination}`);
          },
        );
      }}
    >
      <ErrorSummary errors={problems} />
      <h2 class="govuk-heading-m">Signpost to another organisation</h2>
      <Select
        id="signpost-destination"
        label="Directed to"
        error={errorOf('signpost-destination')}
        value={destination}
        options={[['', 'Choose an organisation'], ...destinations.map((entry): [string, string] => [entry.code, entry.name])]}
        onChange={setDestination}
      />
      <TextArea
        id="signpost-advice"
        label="What the citizen was told"
        hint={chosen?.contact ? `How to reach them: ${chosen.contact}` : undefined}
        rows={3}
        error={errorOf('signpost-advice')}
        value={advice}
        onInput={setAdvice}
      />
      <OutcomeSelect
        id="signpost-outcome"
        outcomes={signpostedActive && outcomes ? { ...outcomes, required: false } : outcomes}
        value={outcome}
        onChange={setOutcome}
        error={errorOf('signpost-outcome')}
        hint={signpostedActive ? 'Signposted elsewhere is recorded when you choose none' : undefined}
      />
      <button type="submit" class="govuk-button" id="signpost" aria-disabled={busy ? 'true' : undefined}>
        Resolve by signposting
      </button>
    </form>
  );
}

/** Close a resolved or escalated enquiry once nothing remains to do, with its outcome where none is recorded or it changed. */
function CloseForm({
  id,
  outcomes,
  recorded,
  onDone,
}: {
  id: string;
  outcomes?: OutcomeCodes;
  recorded?: EnquiryDetail['outcome'];
  onDone: (message: string) => void;
}) {
  const session = useSession();
  const [outcome, setOutcome] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission({ outcome: 'close-outcome' }, 'close-outcome');
  const needed = recorded ? outcomes && { ...outcomes, required: false } : outcomes;
  return (
    <form
      class="govuk-!-margin-bottom-6 signpost-panel"
      id="close-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        void submit(
          () => missingOutcome(needed, outcome, 'close-outcome'),
          async () => {
            await request('POST', `/api/enquiries/${id}/close`, session, outcome ? { outcome } : {});
            onDone('Enquiry closed');
          },
        );
      }}
    >
      <ErrorSummary errors={problems} />
      <h2 class="govuk-heading-m">Close the enquiry</h2>
      <OutcomeSelect
        id="close-outcome"
        outcomes={needed}
        value={outcome}
        onChange={setOutcome}
        error={errorOf('close-outcome')}
        hint={recorded ? `Recorded: ${recorded.label}. Choose another only if the outcome changed.` : undefined}
      />
      <button type="submit" class="govuk-button govuk-button--secondary" id="close" aria-disabled={busy ? 'true' : undefined}>
        Close the enquiry
      </button>
    </form>
  );
}

interface Suggestion {
  service: string;
  serviceName: string;
  confidence: number;
  reasons: string[];
}

/** The organisation's services an advisor may choose from. */
function useActiveServices(): Service[] {
  const { data } = useApi<Service[]>('/api/services');
  // One list per answer: the escalation form's effect that follows the enquiry's topic depends on it.
  return useMemo(() => (data ?? []).filter((entry) => entry.active !== false), [data]);
}

/** The services as a select's options, after a first "Choose a service". */
const serviceOptions = (services: Service[]): [string, string][] => [
  ['', 'Choose a service'],
  ...services.map((entry): [string, string] => [entry.code, entry.name]),
];

const percentOf = (confidence: number) => `${Math.round(confidence * 100)}%`;

/**
 * Which service the enquiry is for: the services suggested from its description, each with its confidence and the
 * words that led to it; the advisor confirms one or chooses another. Each decision teaches the organisation's model.
 */
function TopicSection({ enquiry, onDecided }: { enquiry: EnquiryDetail; onDecided: (message: string) => void }) {
  const session = useSession();
  const services = useActiveServices();
  const [suggestions, setSuggestions] = useState<Suggestion[]>();
  const [other, setOther] = useState('');
  const [otherError, setOtherError] = useState<string>();
  const [confirmError, setConfirmError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const text = enquiry.description.trim().slice(0, 20000);
  useEffect(() => {
    if (!text) return setSuggestions([]);
    request<{ suggestions: Suggestion[] }>('POST', '/api/routing/suggest', session, { text }).then(
      (answer) => setSuggestions(answer.suggestions),
      () => setSuggestions([]),
    );
  }, [session, text]);
  const nameOf = (code: string) =>
    services.find((entry) => entry.code === code)?.name ?? suggestions?.find((entry) => entry.service === code)?.serviceName ?? code;
  const decidable = enquiry.status !== 'closed';

  const decide = async (service: string, fail: (message: string) => void) => {
    if (busy) return;
    setBusy(true);
    setOtherError(undefined);
    setConfirmError(undefined);
    try {
      const decision = await request<{ topic: string; suggested: string[]; corrected: boolean }>(
        'POST',
        `/api/enquiries/${enquiry.id}/topic`,
        session,
        { service },
      );
      const name = nameOf(decision.topic);
      setOther('');
      onDecided(
        !decision.corrected
          ? `${name} confirmed as the service this enquiry is for`
          : decision.suggested[0]
            ? `${name} chosen instead of the suggested ${nameOf(decision.suggested[0])}`
            : `${name} chosen as the service this enquiry is for`,
      );
    } catch (failure) {
      fail((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="topic-heading" id="topic" class="signpost-panel govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m" id="topic-heading">
        Service the enquiry is for
      </h2>
      <p class="govuk-body" id="current-topic">
        {enquiry.topic ? (
          <>
            Decided: <strong>{nameOf(enquiry.topic)}</strong>
          </>
        ) : (
          'Not decided yet.'
        )}
      </p>
      <div class="govuk-inset-text">
        Signpost suggests services from the words of the enquiry. These are only suggestions: you decide which service it is for.
      </div>
      {confirmError && (
        <p class="govuk-error-message" id="topic-confirm-error" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {confirmError}
        </p>
      )}
      {suggestions === undefined && <p class="govuk-body">Looking for suggestions…</p>}
      {suggestions?.length === 0 && (
        <p class="govuk-body" id="no-topic-suggestions">
          Nothing in the enquiry’s words points to a service. Choose the service below.
        </p>
      )}
      {suggestions && suggestions.length > 0 && (
        <table class="govuk-table" id="topic-suggestions">
          <caption class="govuk-table__caption govuk-table__caption--s">Suggested services, most likely first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Service
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Confidence
              </th>
              <th scope="col" class="govuk-table__header">
                Words that led to it
              </th>
              {decidable && (
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Decision</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {suggestions.map((suggestion) => (
              <tr class="govuk-table__row" key={suggestion.service}>
                <th scope="row" class="govuk-table__header">
                  {suggestion.serviceName}
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{percentOf(suggestion.confidence)}</td>
                <td class="govuk-table__cell">{suggestion.reasons.join(', ')}</td>
                {decidable && (
                  <td class="govuk-table__cell">
                    {enquiry.topic === suggestion.service ? (
                      <strong class="govuk-tag govuk-tag--green">Decided</strong>
                    ) : (
                      <button
                        type="button"
                        class="govuk-button govuk-button--secondary govuk-!-margin-0"
                        aria-disabled={busy ? 'true' : undefined}
                        onClick={() => void decide(suggestion.service, setConfirmError)}
                      >
                        Confirm<span class="govuk-visually-hidden"> {suggestion.serviceName}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {decidable && (
        <form
          id="topic-other"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!other) return setOtherError('Choose a service');
            void decide(other, setOtherError);
          }}
        >
          <Select
            id="topic-service"
            label={suggestions?.length ? 'Or choose another service' : 'Choose the service'}
            error={otherError}
            value={other}
            options={serviceOptions(services)}
            onChange={setOther}
          />
          <button type="submit" class="govuk-button govuk-button--secondary" id="topic-choose" aria-disabled={busy ? 'true' : undefined}>
            Use this service
          </button>
        </form>
      )}
    </section>
  );
}

/** Choose a service, see exactly what it will receive, then confirm. */
function EscalateForm({
  id,
  topic,
  article,
  text,
  onDone,
}: {
  id: string;
  topic?: string;
  article?: ChosenArticle;
  text: string;
  onDone: (message: string) => void;
}) {
  const session = useSession();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const services = useActiveServices();
  const [service, setService] = useState('');
  const [preview, setPreview] = useState<{ service: string; fields: Record<string, string> }>();
  const [form, setForm] = useState({ reasonForReferral: '', actionsAlreadyTaken: '', specialRequirements: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Whether the article's guidance is why the enquiry goes to the service: asked afresh for each article chosen.
  const [followsArticle, setFollowsArticle] = useState(false);
  useEffect(() => setFollowsArticle(false), [article?.id]);
  useEffect(() => {
    request<{ suggestions: Suggestion[] }>('POST', '/api/routing/suggest', session, { text }).then(
      (answer) => {
        setSuggestions(answer.suggestions);
        if (answer.suggestions[0]) setService((current) => current || topic || answer.suggestions[0].service);
      },
      () => setSuggestions([]),
    );
  }, [session, text]);
  // The service the advisor has just decided the enquiry is for is the one it is most likely escalated to.
  useEffect(() => {
    if (!topic || !services.some((entry) => entry.code === topic)) return;
    setService(topic);
    setPreview(undefined);
  }, [topic, services]);
  const chosen = services.find((entry) => entry.code === service);
  return (
    <div class="signpost-panel">
      <h2 class="govuk-heading-m">Escalate to a service</h2>
      {suggestions.length > 0 && (
        <div class="govuk-inset-text" id="suggestions">
          <p class="govuk-body govuk-!-margin-bottom-1">Suggested from the enquiry’s words (you decide):</p>
          <ul class="govuk-list">
            {suggestions.map((suggestion) => (
              <li key={suggestion.service}>
                <strong>{suggestion.serviceName}</strong> ({Math.round(suggestion.confidence * 100)} %): {suggestion.reasons.join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Select
        id="service"
        label="Service"
        error={errors.service}
        value={service}
        options={serviceOptions(services)}
        onChange={(value) => {
          setService(value);
          setPreview(undefined);
        }}
      />
      <button
        type="button"
        class="govuk-button govuk-button--secondary"
        id="preview"
        onClick={async () => {
          if (!service) return setErrors({ service: 'Choose a service' });
          try {
            setPreview(await request('GET', `/api/enquiries/${id}/escalations/preview?service=${encodeURIComponent(service)}`, session));
            setErrors({});
          } catch (failure) {
            setErrors({ service: (failure as Error).message });
          }
        }}
      >
        Preview what will be shared
      </button>
      {preview && chosen && (
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const problems: Record<string, string> = {};
            if (!form.reasonForReferral.trim()) problems.reasonForReferral = 'Enter the reason for the referral';
            if (!form.actionsAlreadyTaken.trim()) problems.actionsAlreadyTaken = 'Enter what has been done already';
            setErrors(problems);
            if (Object.keys(problems).length > 0) return;
            try {
              const created = await request<{ sharedFields: string[] }>('POST', `/api/enquiries/${id}/escalations`, session, {
                service,
                reasonForReferral: form.reasonForReferral.trim(),
                actionsAlreadyTaken: form.actionsAlreadyTaken.trim(),
                ...(form.specialRequirements.trim() ? { specialRequirements: form.specialRequirements.trim() } : {}),
                ...(article && followsArticle ? { knowledgeArticleId: article.id } : {}),
              });
              onDone(`Escalated to ${chosen.name}: shared ${created.sharedFields.map((field) => fieldLabel(field) ?? field).join(', ')}`);
            } catch (failure) {
              if (articleRefused(failure))
                setErrors({ followsArticle: 'This article can no longer be used: clear it, or untick this box' });
              else setErrors({ reasonForReferral: failure instanceof ApiError ? failure.message : 'The escalation failed. Try again.' });
            }
          }}
        >
          <h3 class="govuk-heading-s">{chosen.name} will receive</h3>
          <dl class="govuk-summary-list" id="preview-fields">
            {Object.entries(preview.fields).map(([field, value]) => (
              <div class="govuk-summary-list__row" key={field}>
                <dt class="govuk-summary-list__key">{fieldLabel(field) ?? field}</dt>
                <dd class="govuk-summary-list__value signpost-pre-wrap">{value}</dd>
              </div>
            ))}
          </dl>
          <p class="govuk-body">and what you write below, where the service may receive it. Nothing else leaves the enquiry.</p>
          {(['reasonForReferral', 'actionsAlreadyTaken', 'specialRequirements'] as const).map((field) => (
            <TextArea
              key={field}
              id={field}
              label={`${fieldLabel(field)}${field === 'specialRequirements' ? ' (optional)' : ''}`}
              rows={2}
              error={errors[field]}
              value={form[field]}
              onInput={(value) => setForm({ ...form, [field]: value })}
            />
          ))}
          {article && (
            <Checkbox
              id="follows-article"
              label="This follows the article’s guidance to pass it to the service"
              hint={`Article: ${article.title}`}
              error={errors.followsArticle}
              checked={followsArticle}
              onChange={setFollowsArticle}
            />
          )}
          <button type="submit" class="govuk-button" id="escalate">
            Escalate to {chosen.name}
          </button>
        </form>
      )}
    </div>
  );
}
