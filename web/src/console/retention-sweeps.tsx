import { useEffect, useState } from 'preact/hooks';
import { fetchFile, formatInstant, request, saveFile } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { ActionForm, problemsOf, type Problem } from '../shared/govuk-form.js';
import type { RetentionRule } from './retention-schedule.js';

/** A sweep as the API answers it (SweepDto). */
export interface Sweep {
  id: string;
  dryRun: boolean;
  trigger: 'scheduled' | 'on_demand' | 'offboarding';
  status: 'running' | 'completed' | 'failed';
  asOf: string;
  erased: Record<string, number>;
  held: Record<string, number>;
  failed: Record<string, number>;
  startedAt: string;
  finishedAt?: string;
}

/** How often a running sweep is read again. */
const FOLLOW_EVERY_MS = 2_000;
/** Sweeps shown; the CSV has them all. */
const SHOWN = 20;

const TRIGGERS: Record<Sweep['trigger'], string> = { scheduled: 'Nightly', on_demand: 'On demand', offboarding: 'Off-boarding' };
const STATUS_TAGS: Record<Sweep['status'], [string, string]> = {
  running: ['Running', 'govuk-tag--blue'],
  completed: ['Completed', 'govuk-tag--green'],
  failed: ['Stopped', 'govuk-tag--red'],
};

/** Records counted by type, without the people erased with their last record. */
const recordsIn = (counts: Record<string, number>) =>
  Object.entries(counts).reduce((sum, [type, n]) => (type === 'data_subject' ? sum : sum + n), 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What a finished sweep did, in a sentence. */
export function sweepOutcome(sweep: Sweep): string {
  const erased = recordsIn(sweep.erased);
  const held = recordsIn(sweep.held);
  const kept = held > 0 ? `; ${plural(held, 'expired record')} kept for a legal hold or an open request` : '';
  if (sweep.status === 'failed')
    return `The sweep stopped before it finished, having erased ${plural(erased, 'record')}. The next sweep carries on.`;
  if (sweep.dryRun) return `Check finished: ${plural(erased, 'record')} would be erased${kept}. Nothing has changed.`;
  const people = sweep.erased.data_subject
    ? `, and ${plural(sweep.erased.data_subject, 'person’s details', 'people’s details')} with their last record`
    : '';
  return `Sweep finished: ${plural(erased, 'record')} erased${people}${kept}.`;
}

function Counts({ counts, labelOf }: { counts: Record<string, number>; labelOf: (type: string) => string }) {
  // People erased with their last record come after the records themselves.
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => Number(a === 'data_subject') - Number(b === 'data_subject'));
  if (entries.length === 0) return <>None</>;
  return (
    <ul class="govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-0">
      {entries.map(([type, n]) => (
        <li key={type}>
          {labelOf(type)}: {n.toLocaleString('en-GB')}
        </li>
      ))}
    </ul>
  );
}

/**
 * The evidence that retention is enforced: the latest sweeps (nightly and on demand) with what each erased, kept
 * and could not erase; a check of what a sweep would erase; a sweep now; and every sweep as CSV for an auditor.
 * A sweep started here runs in the background (`Prefer: respond-async`) and is followed until it finishes.
 */
export function RetentionSweeps({ onDone }: { onDone: (message: string) => void }) {
  const session = useSession();
  const [sweeps, setSweeps] = useState<Sweep[]>();
  const rules = useApi<RetentionRule[]>('/api/retention/schedule').data;
  const labels: Record<string, string> = Object.fromEntries((rules ?? []).map((rule) => [rule.recordType, rule.description]));
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState<Sweep>();
  const [confirming, setConfirming] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const load = () =>
    request<Sweep[]>('GET', '/api/retention/sweeps', session).then(
      (list) => {
        setSweeps(list);
        setRunning(list.find((sweep) => sweep.status === 'running'));
      },
      (failure: Error) => setError(failure.message),
    );
  useEffect(() => void load(), [session]);

  // A running sweep is read again until it has finished; then the list is refreshed and the outcome announced.
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const timer = setInterval(() => {
      void request<Sweep>('GET', `/api/retention/sweeps/${running.id}`, session).then(
        (sweep) => {
          if (stopped) return;
          if (sweep.status === 'running') return setRunning(sweep);
          stopped = true;
          clearInterval(timer);
          void load();
          onDone(sweepOutcome(sweep));
        },
        () => undefined,
      );
    }, FOLLOW_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running?.id]);

  const labelOf = (type: string) => (type === 'data_subject' ? 'People erased with their last record' : (labels[type] ?? type));

  const start = async (dryRun: boolean) => {
    if (busy) return;
    setBusy(true);
    setProblems([]);
    try {
      const sweep = await request<Sweep>('POST', '/api/retention/sweeps', session, { dryRun }, { prefer: 'respond-async' });
      setConfirming(false);
      setRunning(sweep);
      setSweeps((list) => [sweep, ...(list ?? [])]);
    } catch (failure) {
      setProblems(problemsOf(failure, {}, dryRun ? 'check-sweep' : 'run-sweep'));
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    try {
      const file = await fetchFile('/api/retention/sweeps?format=csv', session);
      saveFile(file.blob, file.filename);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <section aria-labelledby="sweeps-heading" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="sweeps-heading">
        Retention sweeps
      </h2>
      <p class="govuk-body">
        Every night a sweep erases the personal content of each record whose period in the schedule has run, keeping the record itself for
        statistics. Records under a legal hold, or about a person with an open request, are kept and counted. Each sweep is recorded here
        and in the audit trail.
      </p>
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite" id="sweep-progress">
        {running && (
          <div class="govuk-inset-text">
            {running.dryRun ? 'A check of what a sweep would erase' : 'A sweep'} is running, started {formatInstant(running.startedAt)}.
            {!running.dryRun && ` Erased so far: ${plural(recordsIn(running.erased), 'record')}.`} This page shows the outcome when it has
            finished; you can leave it meanwhile.
          </div>
        )}
      </div>
      {confirming ? (
        <ActionForm
          id="run-sweep"
          title="Run the retention sweep now"
          intro="It erases, now, the personal content of every record whose period has run, as tonight’s sweep would. Erased content cannot be brought back. Records under a legal hold are kept."
          button="Erase expired records"
          warning
          busy={busy}
          problems={problems}
          onSubmit={() => void start(false)}
          onCancel={() => {
            setConfirming(false);
            setProblems([]);
            setTimeout(() => document.getElementById('start-sweep')?.focus());
          }}
        />
      ) : (
        <>
          {problems.length > 0 && (
            <p class="govuk-error-message" id="check-sweep" role="alert">
              <span class="govuk-visually-hidden">Error:</span> {problems.map((problem) => problem.message).join('. ')}
            </p>
          )}
          <div class="govuk-button-group">
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              id="check-sweep-button"
              aria-disabled={busy || running ? 'true' : undefined}
              onClick={() => !running && void start(true)}
            >
              Check what would be erased
            </button>
            <button
              type="button"
              class="govuk-button govuk-button--warning"
              id="start-sweep"
              aria-disabled={running ? 'true' : undefined}
              onClick={() => !running && setConfirming(true)}
            >
              Run the sweep now
            </button>
            <button type="button" class="govuk-link signpost-link-button" id="download-sweeps" onClick={() => void download()}>
              Download every sweep (CSV)
            </button>
          </div>
        </>
      )}
      {sweeps && sweeps.length === 0 && (
        <p class="govuk-body" id="no-sweeps">
          No sweep has run yet.
        </p>
      )}
      {sweeps && sweeps.length > 0 && (
        <table class="govuk-table" id="retention-sweeps">
          <caption class="govuk-table__caption govuk-table__caption--m">Latest sweeps</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Started
              </th>
              <th scope="col" class="govuk-table__header">
                Sweep
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              <th scope="col" class="govuk-table__header">
                Erased
              </th>
              <th scope="col" class="govuk-table__header">
                Kept (held)
              </th>
              <th scope="col" class="govuk-table__header">
                Not erased this time
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {sweeps.slice(0, SHOWN).map((sweep) => {
              const [status, tag] = STATUS_TAGS[sweep.status];
              return (
                <tr class="govuk-table__row" key={sweep.id} id={`sweep-${sweep.id}`}>
                  <td class="govuk-table__cell">{formatInstant(sweep.startedAt)}</td>
                  <td class="govuk-table__cell">
                    {TRIGGERS[sweep.trigger]}
                    {sweep.dryRun && (
                      <span class="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">Check only: nothing erased</span>
                    )}
                  </td>
                  <td class="govuk-table__cell">
                    <strong class={`govuk-tag ${tag}`}>{status}</strong>
                  </td>
                  <td class="govuk-table__cell">
                    {sweep.dryRun && recordsIn(sweep.erased) > 0 && <span class="govuk-visually-hidden">Would erase: </span>}
                    <Counts counts={sweep.erased} labelOf={labelOf} />
                  </td>
                  <td class="govuk-table__cell">
                    <Counts counts={sweep.held} labelOf={labelOf} />
                  </td>
                  <td class="govuk-table__cell">
                    <Counts counts={sweep.failed} labelOf={labelOf} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
