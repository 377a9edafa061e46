import { useEffect, useState } from 'preact/hooks';
import type { DangerKind, FlagDecision, SafeguardingFlagView } from '../../../src/contracts/safeguarding.js';
import type { ConsoleSocket } from './console-socket.js';
import { ApiError, formatInstant, request, type Session } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { ErrorSummary } from '../shared/layout.js';
import { Link } from '../shared/router.js';
import { pathOf } from './console-routes.js';
import { SuccessBanner, TextArea, useSubmission, type Notice, type Problem } from '../shared/govuk-form.js';

/** Every screen names a kind with these words, and only these. */
export const DANGER_KIND_LABELS: Record<DangerKind, string> = {
  medical: 'Medical emergency',
  suicide_self_harm: 'Suicide or self-harm',
  domestic_abuse: 'Domestic abuse',
  child_at_risk: 'Child at risk',
  adult_at_risk: 'Adult at risk',
  fire: 'Fire',
  flood: 'Flood',
  crime_in_progress: 'Crime in progress',
  threat_to_others: 'Threat to others',
};

/** A kind the page does not know yet (a newer service) is still shown, in its own words. */
export const dangerKindLabel = (kind: string) => DANGER_KIND_LABELS[kind as DangerKind] ?? kind.replace(/_/g, ' ');

/** The kinds as red GOV.UK tags. */
export function DangerKindTags({ kinds }: { kinds: readonly string[] }) {
  return (
    <>
      {kinds.map((kind, index) => (
        <strong key={kind} class={`govuk-tag govuk-tag--red${index > 0 ? ' govuk-!-margin-left-1' : ''}`}>
          {dangerKindLabel(kind)}
        </strong>
      ))}
    </>
  );
}

/** A safeguarding flag as GET /api/safeguarding/flags answers it (FlagDto): kinds and ids, never the words. */
export type SafeguardingFlag = SafeguardingFlagView;

const CHANNEL_NAMES: Record<string, string> = {
  webchat: 'Webchat',
  email: 'Email',
  web_form: 'Web form',
  form: 'Web form',
  social: 'Social media',
  phone: 'Phone',
  internal: 'Internal',
};
export const channelName = (channel: string) => CHANNEL_NAMES[channel] ?? channel.replace(/_/g, ' ');

const DECISIONS: Record<FlagDecision, string> = { handled: 'Handled', false_alarm: 'False alarm' };

/** "just now", "4 minutes ago", "2 hours ago", "3 days ago": the one waiting longest is the most urgent. */
export function howLongAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  const said = (value: number, unit: string) => `${value} ${unit}${value === 1 ? '' : 's'} ago`;
  if (seconds < 60) return 'just now';
  if (seconds < 3_600) return said(Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return said(Math.floor(seconds / 3_600), 'hour');
  return said(Math.floor(seconds / 86_400), 'day');
}

/** Re-renders every 30 seconds, so that "how long ago" keeps up while the page stays open. */
function useClock(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * Calls `refresh` whenever the flags may have changed: on the console socket's safeguarding events and on each
 * (re)connection for a supervisor (events missed while away); every 30 seconds for the DPO, who has no socket.
 */
function useFlagChanges(socket: ConsoleSocket | undefined, refresh: () => void, deps: unknown[], active = true): void {
  useEffect(() => {
    if (!active) return;
    refresh();
    if (!socket) {
      const timer = window.setInterval(refresh, 30_000);
      return () => window.clearInterval(timer);
    }
    socket.on('safeguarding:flagged', refresh);
    socket.on('safeguarding:reviewed', refresh);
    socket.on('connect', refresh);
    return () => {
      socket.off('safeguarding:flagged', refresh);
      socket.off('safeguarding:reviewed', refresh);
      socket.off('connect', refresh);
    };
  }, [socket, active, ...deps]);
}

/** How many flags wait for a supervisor's review, for the navigation's badge; undefined until known. */
export function useOpenFlagCount(session: Session | undefined, socket: ConsoleSocket | undefined, enabled: boolean): number | undefined {
  const [count, setCount] = useState<number>();
  useFlagChanges(
    socket,
    () =>
      void request<{ flags: SafeguardingFlag[] }>('GET', '/api/safeguarding/flags?status=open', session).then(
        (answer) => setCount(answer.flags.length),
        () => setCount(undefined),
      ),
    [session],
    enabled && session !== undefined,
  );
  return enabled ? count : undefined;
}

/** Open flags for the Supervision page's "Needs attention now", kept up to date the same way. */
export function useOpenFlags(socket: ConsoleSocket | undefined): { flags?: SafeguardingFlag[]; error?: string } {
  const session = useSession();
  const [state, setState] = useState<{ flags?: SafeguardingFlag[]; error?: string }>({});
  useFlagChanges(
    socket,
    () =>
      void request<{ flags: SafeguardingFlag[] }>('GET', '/api/safeguarding/flags?status=open', session).then(
        (answer) => setState({ flags: answer.flags }),
        (failure: Error) => setState({ error: failure.message }),
      ),
    [session],
  );
  return state;
}

/** One open flag's review: an optional note, then "Mark handled" or "Mark as false alarm". */
function ReviewForm({ flag, onReviewed, onStale }: { flag: SafeguardingFlag; onReviewed: (message: string) => void; onStale: () => void }) {
  const session = useSession();
  const [note, setNote] = useState('');
  const noteId = `review-note-${flag.id}`;
  const { problems, busy, submit, errorOf } = useSubmission({ note: noteId, decision: noteId }, noteId);
  const review = (decision: FlagDecision) =>
    void submit(
      (): Problem[] =>
        note.trim().length > 500
          ? [{ field: noteId, message: `The note must be 500 characters or fewer (it has ${note.trim().length})` }]
          : [],
      async () => {
        try {
          await request<SafeguardingFlag>('POST', `/api/safeguarding/flags/${flag.id}/review`, session, {
            decision,
            ...(note.trim() ? { note: note.trim() } : {}),
          });
        } catch (failure) {
          // Another supervisor got there first: the list is brought up to date, and the person told why.
          if (failure instanceof ApiError && (failure.code === 'FLAG_ALREADY_REVIEWED' || failure.status === 404)) {
            onStale();
            throw new ApiError(
              failure.status,
              failure.status === 404
                ? 'This flag no longer exists.'
                : `Flag ${flag.reference} was already reviewed by someone else: see Reviewed below.`,
              [],
              failure.code,
            );
          }
          throw failure;
        }
        onReviewed(`Flag on ${flag.reference} marked as ${decision === 'handled' ? 'handled' : 'a false alarm'}`);
      },
    );
  return (
    <form
      noValidate
      id={`review-${flag.id}`}
      aria-label={`Review the flag on ${flag.reference}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
        review(submitter?.value === 'false_alarm' ? 'false_alarm' : 'handled');
      }}
    >
      <ErrorSummary errors={problems} />
      <TextArea
        id={noteId}
        label="Note (optional)"
        hint="What was done, or why nobody was in danger. No more than 500 characters."
        error={errorOf(noteId)}
        value={note}
        onInput={setNote}
        rows={2}
      />
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" name="decision" value="handled" aria-disabled={busy ? 'true' : undefined}>
          Mark handled<span class="govuk-visually-hidden"> – {flag.reference}</span>
        </button>
        <button
          type="submit"
          class="govuk-button govuk-button--secondary"
          name="decision"
          value="false_alarm"
          aria-disabled={busy ? 'true' : undefined}
        >
          Mark as false alarm<span class="govuk-visually-hidden"> – {flag.reference}</span>
        </button>
      </div>
    </form>
  );
}

/** The reference as a link to the enquiry where the viewer may open it (advisors' and supervisors' pages); text otherwise. */
function Reference({ flag, linkEnquiries }: { flag: SafeguardingFlag; linkEnquiries: boolean }) {
  return linkEnquiries ? (
    <Link class="govuk-link" href={pathOf('enquiry', { id: flag.enquiryId })} state={{ from: 'safeguarding' }}>
      {flag.reference}
    </Link>
  ) : (
    <>{flag.reference}</>
  );
}

/**
 * The "Safeguarding" tab: messages whose words suggested someone may be in immediate danger. Open flags first, the
 * one waiting longest at the top; a supervisor marks each handled or a false alarm; the DPO reads. Reviewed flags
 * below, with who reviewed them and when.
 */
export function SafeguardingFlags({ socket, linkEnquiries }: { socket?: ConsoleSocket; linkEnquiries: boolean }) {
  const session = useSession();
  const [flags, setFlags] = useState<SafeguardingFlag[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const now = useClock();
  const supervisor = session.user.role === 'supervisor';
  const load = () =>
    void request<{ flags: SafeguardingFlag[] }>('GET', '/api/safeguarding/flags?status=all', session).then(
      (answer) => {
        setFlags(answer.flags);
        setError(undefined);
      },
      (failure: Error) => setError(failure.message),
    );
  // The DPO is never on the console socket: `socket` is only given for supervisors.
  useFlagChanges(supervisor ? socket : undefined, load, [session]);
  const open = (flags ?? []).filter((flag) => flag.status === 'open');
  const reviewed = (flags ?? []).filter((flag) => flag.status !== 'open');
  return (
    <>
      <SuccessBanner id="safeguarding-notice" notice={notice} />
      <h1 class="govuk-heading-l">Safeguarding</h1>
      <p class="govuk-body">
        Messages whose words suggested someone may be in immediate danger. The citizen was shown the 999 guidance at once
        {supervisor ? '' : ', and a supervisor was alerted'}.{' '}
        {supervisor
          ? 'Check that each one was acted on, then mark it handled, or a false alarm if nobody was in danger.'
          : 'Supervisors review each one; this page shows what they decided.'}{' '}
        The words themselves are on the enquiry’s timeline.
      </p>
      {error && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {!flags && !error && <p class="govuk-body">Loading…</p>}
      {flags && (
        <>
          <section aria-labelledby="open-flags-heading" id="open-flags" class="govuk-!-margin-bottom-8">
            <h2 class="govuk-heading-m" id="open-flags-heading">
              Waiting for review ({open.length})
            </h2>
            {open.length === 0 && (
              <p class="govuk-body" id="no-open-flags">
                None: every flag has been reviewed.
              </p>
            )}
            {open.map((flag) => (
              <div class="govuk-summary-card" key={flag.id} id={`flag-${flag.id}`} data-reference={flag.reference}>
                <div class="govuk-summary-card__title-wrapper">
                  <h3 class="govuk-summary-card__title">
                    <Reference flag={flag} linkEnquiries={linkEnquiries} />
                  </h3>
                </div>
                <div class="govuk-summary-card__content">
                  <dl class="govuk-summary-list">
                    <div class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">What it suggests</dt>
                      <dd class="govuk-summary-list__value">
                        <DangerKindTags kinds={flag.kinds} />
                      </dd>
                    </div>
                    <div class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">Channel</dt>
                      <dd class="govuk-summary-list__value">{channelName(flag.channel)}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">Raised</dt>
                      <dd class="govuk-summary-list__value">
                        <strong>{howLongAgo(flag.raisedAt, now)}</strong> ({formatInstant(flag.raisedAt)})
                      </dd>
                    </div>
                  </dl>
                  {supervisor && (
                    <ReviewForm
                      flag={flag}
                      onStale={load}
                      onReviewed={(message) => {
                        setNotice({ text: message, at: Date.now() });
                        load();
                      }}
                    />
                  )}
                </div>
              </div>
            ))}
          </section>
          <section aria-labelledby="reviewed-flags-heading" class="govuk-!-margin-bottom-8">
            <h2 class="govuk-heading-m" id="reviewed-flags-heading">
              Reviewed
            </h2>
            {reviewed.length === 0 ? (
              <p class="govuk-body" id="no-reviewed-flags">
                No flag has been reviewed yet.
              </p>
            ) : (
              <table class="govuk-table" id="reviewed-flags">
                <caption class="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">
                  Reviewed flags, the most recent first
                </caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      Reference
                    </th>
                    <th scope="col" class="govuk-table__header">
                      What it suggested
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Decision
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Reviewed by
                    </th>
                    <th scope="col" class="govuk-table__header">
                      When
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Note
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {reviewed.map((flag) => (
                    <tr class="govuk-table__row" key={flag.id} id={`reviewed-${flag.id}`} data-reference={flag.reference}>
                      <td class="govuk-table__cell">
                        <Reference flag={flag} linkEnquiries={linkEnquiries} />
                        <br />
                        <span class="govuk-body-s">
                          {channelName(flag.channel)}, raised {formatInstant(flag.raisedAt)}
                        </span>
                      </td>
                      <td class="govuk-table__cell">
                        <DangerKindTags kinds={flag.kinds} />
                      </td>
                      <td class="govuk-table__cell">
                        <strong class={`govuk-tag ${flag.status === 'handled' ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
                          {DECISIONS[flag.status as FlagDecision] ?? flag.status}
                        </strong>
                      </td>
                      <td class="govuk-table__cell">{flag.reviewedBy?.displayName ?? '—'}</td>
                      <td class="govuk-table__cell">{flag.reviewedAt ? formatInstant(flag.reviewedAt) : '—'}</td>
                      <td class="govuk-table__cell signpost-pre-wrap">{flag.reviewNote ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </>
  );
}
