import { useEffect, useState } from 'preact/hooks';
import { formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { ErrorSummary } from '../shared/layout.js';
import { ActionForm, problemsOf, TextArea, TextInput, useSubmission, type Problem } from '../shared/govuk-form.js';

/** One record type's rule in force (RetentionRuleDto). */
export interface RetentionRule {
  recordType: string;
  period: string;
  periodText: string;
  startsFrom: string;
  startsFromText: string;
  description: string;
  erases: string;
  source: string;
  changed: boolean;
  reason?: string;
  changedAt?: string;
}

/** The periods the API accepts: years, months and days, at least one of them. */
const PERIOD = /^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$/;

function ChangePeriodForm({
  rule,
  onChanged,
  onCancel,
}: {
  rule: RetentionRule;
  onChanged: (schedule: RetentionRule[], message: string) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const [period, setPeriod] = useState(rule.period);
  const [reason, setReason] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission({ period: 'new-period', reason: 'period-reason' }, 'new-period');
  // The form takes the place of the table: the focus goes to its first input.
  useEffect(() => document.getElementById('new-period')?.focus(), [rule.recordType]);
  const given = period.trim().toUpperCase();
  const check = () => {
    const found: Problem[] = [];
    if (!given) found.push({ field: 'new-period', message: 'Enter the new period, such as P18M' });
    else if (!PERIOD.test(given))
      found.push({ field: 'new-period', message: 'Enter the period as years, months or days, such as P2Y, P18M or P28D' });
    if (reason.trim().length < 5)
      found.push({ field: 'period-reason', message: 'Enter why the period is changed (at least 5 characters)' });
    return found;
  };
  return (
    <ActionForm
      id="change-period"
      title={`Change the period for ${rule.description.charAt(0).toLowerCase()}${rule.description.slice(1)}`}
      intro={`Now ${rule.periodText}, from ${rule.startsFromText}. When it has run, the retention sweep erases ${rule.erases}.`}
      button="Save the new period"
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(check, async () => {
          const schedule = await request<RetentionRule[]>('PUT', `/api/retention/schedule/${rule.recordType}`, session, {
            period: given,
            reason: reason.trim(),
          });
          const changed = schedule.find((entry) => entry.recordType === rule.recordType);
          onChanged(schedule, `${rule.description}: now ${changed?.periodText ?? given}`);
        })
      }
    >
      <TextInput
        id="new-period"
        label="New period"
        hint="An ISO 8601 period: P2Y is 2 years, P18M is 18 months, P28D is 28 days. Between 1 day and 100 years."
        width={10}
        error={errorOf('new-period')}
        value={period}
        onInput={setPeriod}
      />
      <TextArea
        id="period-reason"
        label="Why it changes"
        hint="For example, records management policy RM-07, approved by the SIRO. It is shown in the schedule and audited."
        error={errorOf('period-reason')}
        value={reason}
        onInput={setReason}
        rows={2}
      />
    </ActionForm>
  );
}

/**
 * The organisation's retention schedule: each record type's period, the event it runs from and where the period
 * comes from; the DPO may set the organisation's own period, with a reason, or return to the default.
 */
export function RetentionSchedule({ onDone }: { onDone: (message: string) => void }) {
  const session = useSession();
  const { data, error } = useApi<RetentionRule[]>('/api/retention/schedule');
  // The schedule as the last change answered it, shown in place of the first reading.
  const [changed, setChanged] = useState<RetentionRule[]>();
  const rules = changed ?? data;
  const [editing, setEditing] = useState<RetentionRule>();
  const [resetProblems, setResetProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [focusOn, setFocusOn] = useState<{ id: string; at: number }>();
  // Back from the form to the row it was opened from.
  useEffect(() => {
    if (focusOn) document.getElementById(focusOn.id)?.focus();
  }, [focusOn]);

  const returnToDefault = async (rule: RetentionRule) => {
    if (busy) return;
    setBusy(true);
    setResetProblems([]);
    try {
      const schedule = await request<RetentionRule[]>('DELETE', `/api/retention/schedule/${rule.recordType}`, session);
      setChanged(schedule);
      onDone(
        `${rule.description}: back to the default, ${schedule.find((entry) => entry.recordType === rule.recordType)?.periodText ?? 'as before'}`,
      );
    } catch (failure) {
      setResetProblems(problemsOf(failure, {}, `default-${rule.recordType}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="retention-heading" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="retention-heading">
        Retention schedule
      </h2>
      <p class="govuk-body">
        How long each kind of record is kept. When its period has run, the nightly sweep erases its personal content; records under a legal
        hold are kept. The event a period runs from is fixed: only the period can change.
      </p>
      {error && <p class="govuk-error-message">{error}</p>}
      {editing ? (
        <ChangePeriodForm
          rule={editing}
          onCancel={() => {
            setEditing(undefined);
            setFocusOn({ id: `change-${editing.recordType}`, at: Date.now() });
          }}
          onChanged={(schedule, message) => {
            setChanged(schedule);
            setEditing(undefined);
            onDone(message);
          }}
        />
      ) : (
        rules && (
          <>
            <ErrorSummary errors={resetProblems} />
            <table class="govuk-table" id="retention-schedule">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Record
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Period
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Runs from
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Source
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Changed
                  </th>
                  <th scope="col" class="govuk-table__header">
                    <span class="govuk-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {rules.map((rule) => (
                  <tr class="govuk-table__row" key={rule.recordType} id={`rule-${rule.recordType}`}>
                    <th scope="row" class="govuk-table__header">
                      {rule.description}
                    </th>
                    <td class="govuk-table__cell">{rule.periodText}</td>
                    <td class="govuk-table__cell">{rule.startsFromText}</td>
                    <td class="govuk-table__cell">{rule.source}</td>
                    <td class="govuk-table__cell">
                      {rule.changed ? (
                        <>
                          <strong class="govuk-tag govuk-tag--blue">Changed</strong>{' '}
                          <span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 signpost-pre-wrap">
                            {rule.reason}
                            {rule.changedAt ? ` (${formatInstant(rule.changedAt)})` : ''}
                          </span>
                        </>
                      ) : (
                        'No'
                      )}
                    </td>
                    <td class="govuk-table__cell">
                      <button
                        type="button"
                        class="govuk-link signpost-link-button"
                        id={`change-${rule.recordType}`}
                        onClick={() => setEditing(rule)}
                      >
                        Change<span class="govuk-visually-hidden"> the period for {rule.description}</span>
                      </button>
                      {rule.changed && (
                        <>
                          <br />
                          <button
                            type="button"
                            class="govuk-link signpost-link-button govuk-!-margin-top-2"
                            id={`default-${rule.recordType}`}
                            aria-disabled={busy ? 'true' : undefined}
                            onClick={() => void returnToDefault(rule)}
                          >
                            Return to default<span class="govuk-visually-hidden"> for {rule.description}</span>
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      )}
    </section>
  );
}
