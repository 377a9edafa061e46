import { useEffect, useState } from 'preact/hooks';
import { fetchFile, request, saveFile } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { ErrorSummary } from '../shared/layout.js';
import { BarChart } from './bar-chart.js';
import { dangerKindLabel } from './safeguarding-flags.js';
import { DateInput, dateParts, isBlank, isoDate, ukToday, useSubmission, type DateParts, type Problem } from '../shared/govuk-form.js';

/** GET /api/reports/summary (ReportSummaryDto). */
interface ReportSummary {
  period: { from: string; to: string; days: number };
  enquiries: number;
  byChannel: { key: string; count: number }[];
  byDay: { key: string; count: number }[];
  byService: {
    service: string;
    name: string;
    escalations: number;
    acknowledged: number;
    averageAcknowledgementSeconds: number | null;
    /** Against the acknowledgement target; absent from an older service. */
    acknowledgedOnTime?: number;
    acknowledgedLate?: number;
    unacknowledgedPastTarget?: number;
  }[];
  firstContactResolution: { resolved: number; escalated: number; byReply: number; rate: number | null };
  averageHandlingSeconds: number | null;
  webchat: { chats: number; answered: number; abandoned: number; averageWaitSeconds: number | null };
  calls: { calls: number; averageSeconds: number | null };
  subjectRequests: { open: number; overdue: number };
  /** Wrap-up outcomes recorded on the enquiries received in the period; absent from an older service. */
  outcomes?: { recorded: number; byCode: { key: string; label: string; count: number }[] };
  /** Flags of immediate danger raised in the period, and what became of them; absent from an older service. */
  safeguarding?: { raised: number; open: number; handled: number; falseAlarms: number; byKind: { key: string; count: number }[] };
}

/** GET /api/routing/summary (RoutingSummaryDto): every decision so far, not a period's. */
interface RoutingSummary {
  decisions: number;
  corrected: number;
  firstSuggestionRight: number | null;
  trainedOn: number;
  modelWeight: number;
  corrections: { suggested: string; chosen: string; count: number }[];
}

const CHANNEL_NAMES: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  webchat: 'Webchat',
  social: 'Social media',
  form: 'Web form',
  internal: 'Internal',
};

const INPUTS = { from: 'report-from-day', to: 'report-to-day' };

const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => new Date(dayOf(iso).getTime() + days * 86_400_000).toISOString().slice(0, 10);
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayOf(iso));
const shortDate = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(dayOf(iso));
const weekday = (iso: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(dayOf(iso));
const count = (value: number) => value.toLocaleString('en-GB');
const plural = (value: number, one: string, many = `${one}s`) => `${count(value)} ${value === 1 ? one : many}`;

/** 0.667 as "66.7%". */
const percent = (rate: number) => new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(rate);

/** Seconds in words, to the second under an hour ("4 minutes 5 seconds"), coarser beyond. */
function duration(seconds: number | null, none = 'None in this period'): string {
  if (seconds === null) return none;
  const whole = Math.round(seconds);
  if (whole < 60) return plural(whole, 'second');
  const [days, hours, minutes, rest] = [
    Math.floor(whole / 86_400),
    Math.floor((whole % 86_400) / 3_600),
    Math.floor((whole % 3_600) / 60),
    whole % 60,
  ];
  if (days > 0) return [plural(days, 'day'), hours ? plural(hours, 'hour') : ''].filter(Boolean).join(' ');
  if (hours > 0) return [plural(hours, 'hour'), minutes ? plural(minutes, 'minute') : ''].filter(Boolean).join(' ');
  return [plural(minutes, 'minute'), rest ? plural(rest, 'second') : ''].filter(Boolean).join(' ');
}

/** "Phone 3, Email 2 and Web form 1": the largest first, at most `limit`. */
function largest(entries: [string, number][], limit = 6): string {
  const sorted = entries.filter(([, value]) => value > 0).sort((a, b) => b[1] - a[1]);
  const named = sorted.slice(0, limit).map(([name, value]) => `${name} ${count(value)}`);
  if (sorted.length > limit) named.push(`${sorted.length - limit} more`);
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : (named[0] ?? 'none');
}

function SummaryCard({ id, title, rows }: { id: string; title: string; rows: [string, string][] }) {
  return (
    <div class="govuk-summary-card" id={id}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">{title}</h3>
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          {rows.map(([key, value]) => (
            <div class="govuk-summary-list__row" key={key}>
              <dt class="govuk-summary-list__key">{key}</dt>
              <dd class="govuk-summary-list__value">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

function Figures({ report }: { report: ReportSummary }) {
  const { firstContactResolution: fcr, webchat, calls } = report;
  const finished = fcr.resolved + fcr.escalated;
  return (
    <div class="signpost-cards">
      <SummaryCard
        id="report-enquiries"
        title="Enquiries"
        rows={[
          ['Received', count(report.enquiries)],
          [
            'Resolved at first contact',
            fcr.rate === null
              ? 'None finished yet'
              : `${percent(fcr.rate)} (${count(fcr.resolved)} of ${plural(finished, 'finished enquiry', 'finished enquiries')}; ${count(fcr.escalated)} escalated; ${count(fcr.byReply)} by a reply)`,
          ],
          ['Average handling time', duration(report.averageHandlingSeconds, 'None finished yet')],
        ]}
      />
      <SummaryCard
        id="report-webchat"
        title="Webchat"
        rows={[
          ['Chats started', count(webchat.chats)],
          ['Answered', count(webchat.answered)],
          ['Left before an answer', count(webchat.abandoned)],
          ['Average wait for an answer', duration(webchat.averageWaitSeconds, 'None answered')],
        ]}
      />
      <SummaryCard
        id="report-calls"
        title="Calls"
        rows={[
          ['Calls', count(calls.calls)],
          ['Average length', duration(calls.averageSeconds, 'No calls')],
        ]}
      />
      <SummaryCard
        id="report-subject-requests"
        title="Subject-rights requests today"
        rows={[
          ['Open', count(report.subjectRequests.open)],
          ['Overdue', count(report.subjectRequests.overdue)],
        ]}
      />
      {report.safeguarding && (
        <SummaryCard
          id="report-safeguarding"
          title="Safeguarding flags"
          rows={[
            ['Raised', count(report.safeguarding.raised)],
            ['Waiting for review', count(report.safeguarding.open)],
            ['Handled', count(report.safeguarding.handled)],
            ['False alarms', count(report.safeguarding.falseAlarms)],
            [
              'By kind',
              report.safeguarding.raised === 0
                ? 'None raised'
                : largest(
                    report.safeguarding.byKind.map((kind): [string, number] => [dangerKindLabel(kind.key), kind.count]),
                    9,
                  ),
            ],
          ]}
        />
      )}
    </div>
  );
}

function Charts({ report }: { report: ReportSummary }) {
  const { from, to } = report.period;
  const busiest = report.byDay.reduce<{ key: string; count: number } | undefined>(
    (best, day) => (day.count > (best?.count ?? 0) ? day : best),
    undefined,
  );
  const channels = report.byChannel.map((entry) => [CHANNEL_NAMES[entry.key] ?? entry.key, entry.count] as [string, number]);
  const escalations = report.byService.reduce((total, service) => total + service.escalations, 0);
  return (
    <>
      <section aria-labelledby="by-day-heading" class="govuk-!-margin-bottom-6">
        <h2 class="govuk-heading-m" id="by-day-heading">
          Enquiries received each day
        </h2>
        <BarChart
          id="chart-by-day"
          summary={`Bar chart of enquiries received each day from ${longDate(from)} to ${longDate(to)}: ${plural(report.enquiries, 'enquiry', 'enquiries')} in all${busiest ? `, most on ${longDate(busiest.key)} (${count(busiest.count)})` : ''}. The figures are in the table below.`}
          labels={report.byDay.map((day) => shortDate(day.key))}
          values={report.byDay.map((day) => day.count)}
        />
        <details class="govuk-details govuk-!-margin-top-4">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Enquiries each day as a table</span>
          </summary>
          <div class="govuk-details__text">
            <table class="govuk-table" id="table-by-day">
              <caption class="govuk-table__caption govuk-table__caption--s">
                Enquiries received each day, {longDate(from)} to {longDate(to)}
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Day
                  </th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    Enquiries
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {report.byDay.map((day) => (
                  <tr class="govuk-table__row" key={day.key}>
                    <th scope="row" class="govuk-table__header">
                      {weekday(day.key)} {longDate(day.key)}
                    </th>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{count(day.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <section aria-labelledby="by-channel-heading" class="signpost-chart-row govuk-!-margin-bottom-6">
        <div>
          <h2 class="govuk-heading-m" id="by-channel-heading">
            Enquiries by channel
          </h2>
          <BarChart
            id="chart-by-channel"
            horizontal
            summary={`Bar chart of enquiries by channel: ${largest(channels)}. The figures are in the table beside it.`}
            labels={channels.map(([name]) => name)}
            values={channels.map(([, value]) => value)}
          />
        </div>
        <table class="govuk-table" id="table-by-channel">
          <caption class="govuk-table__caption govuk-table__caption--s">Enquiries by channel</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Channel
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Enquiries
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {channels.map(([name, value]) => (
              <tr class="govuk-table__row" key={name}>
                <th scope="row" class="govuk-table__header">
                  {name}
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{count(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {report.outcomes && <Outcomes outcomes={report.outcomes} enquiries={report.enquiries} />}
      <section aria-labelledby="by-service-heading" class="govuk-!-margin-bottom-6">
        <h2 class="govuk-heading-m" id="by-service-heading">
          Escalations by service
        </h2>
        {report.byService.length === 0 ? (
          <p class="govuk-body" id="no-escalations">
            No enquiries were escalated to a service in this period.
          </p>
        ) : (
          <>
            <BarChart
              id="chart-by-service"
              horizontal
              summary={`Bar chart of escalations by service: ${plural(escalations, 'escalation')} in all; ${largest(report.byService.map((service) => [service.name, service.escalations]))}. The figures are in the table beside it.`}
              labels={report.byService.map((service) => service.name)}
              values={report.byService.map((service) => service.escalations)}
            />
            <table class="govuk-table govuk-!-margin-top-4" id="table-by-service">
              <caption class="govuk-table__caption govuk-table__caption--s">
                Escalations by service, how soon the service acknowledged them, and whether within its acknowledgement target
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Service
                  </th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    Escalated
                  </th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    Acknowledged
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Average time to acknowledge
                  </th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    Acknowledged on time
                  </th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    Acknowledged late
                  </th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    Not acknowledged, past target
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {report.byService.map((service) => (
                  <tr class="govuk-table__row" key={service.service}>
                    <th scope="row" class="govuk-table__header">
                      {service.name}
                    </th>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{count(service.escalations)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{count(service.acknowledged)}</td>
                    <td class="govuk-table__cell">{duration(service.averageAcknowledgementSeconds, 'None acknowledged')}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{count(service.acknowledgedOnTime ?? 0)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{count(service.acknowledgedLate ?? 0)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{count(service.unacknowledgedPastTarget ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}

/** The wrap-up outcomes of the period's enquiries: a chart, and the same figures in a table, in words. */
function Outcomes({ outcomes, enquiries }: { outcomes: NonNullable<ReportSummary['outcomes']>; enquiries: number }) {
  const entries = outcomes.byCode.map((entry) => [entry.label, entry.count] as [string, number]);
  return (
    <section aria-labelledby="by-outcome-heading" class="signpost-chart-row govuk-!-margin-bottom-6">
      <div>
        <h2 class="govuk-heading-m" id="by-outcome-heading">
          Outcomes
        </h2>
        <p class="govuk-body" id="outcomes-recorded">
          {plural(outcomes.recorded, 'enquiry', 'enquiries')} of {count(enquiries)} received in the period had an outcome recorded.
        </p>
        {entries.length > 0 && (
          <BarChart
            id="chart-by-outcome"
            horizontal
            summary={`Bar chart of enquiries by outcome: ${largest(entries)}. The figures are in the table beside it.`}
            labels={entries.map(([label]) => label)}
            values={entries.map(([, value]) => value)}
          />
        )}
      </div>
      <table class="govuk-table" id="table-by-outcome">
        <caption class="govuk-table__caption govuk-table__caption--s">Enquiries by outcome</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Outcome
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              Enquiries
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {outcomes.byCode.map((entry) => (
            <tr class="govuk-table__row" key={entry.key}>
              <th scope="row" class="govuk-table__header">
                {entry.label}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{count(entry.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** How topic suggestions fare, from every advisor's decision so far: for deciding which services' keywords to add to. */
function RoutingFigures() {
  const { data: summary, error } = useApi<RoutingSummary>('/api/routing/summary');
  const services = useApi<{ code: string; name: string }[]>('/api/services').data;
  const names = new Map((services ?? []).map((service) => [service.code, service.name]));
  const nameOf = (code: string) => (code ? (names.get(code) ?? code) : 'Nothing suggested');
  return (
    <section aria-labelledby="routing-heading" id="routing-summary" class="signpost-panel govuk-!-margin-top-6">
      <h2 class="govuk-heading-l" id="routing-heading">
        How topic suggestions fare
      </h2>
      <p class="govuk-body">
        Every advisor’s decision so far about which service an enquiry is for, beside what Signpost suggested first. These figures are not
        limited to the period above.
      </p>
      {error && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {!summary && !error && <p class="govuk-body">Loading…</p>}
      {summary && (
        <>
          <dl class="govuk-summary-list" id="routing-figures">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Decisions by advisors</dt>
              <dd class="govuk-summary-list__value">{count(summary.decisions)}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">First suggestion right</dt>
              <dd class="govuk-summary-list__value">
                {summary.firstSuggestionRight === null
                  ? 'No decisions yet'
                  : `${percent(summary.firstSuggestionRight)} (${count(summary.decisions - summary.corrected)} of ${count(summary.decisions)})`}
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Corrected by advisors</dt>
              <dd class="govuk-summary-list__value">{count(summary.corrected)}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Confirmed enquiries the model learnt from</dt>
              <dd class="govuk-summary-list__value">
                {count(summary.trainedOn)}{' '}
                {summary.modelWeight > 0
                  ? `(its share in suggestions: ${percent(summary.modelWeight)})`
                  : '(it joins the keyword rules once it has learnt from 20)'}
              </dd>
            </div>
          </dl>
          <table class="govuk-table" id="routing-corrections">
            <caption class="govuk-table__caption govuk-table__caption--m">Corrections most made</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Suggested first
                </th>
                <th scope="col" class="govuk-table__header">
                  Chosen by the advisor
                </th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  Enquiries
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {summary.corrections.length === 0 && (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell" colSpan={3}>
                    No corrections yet.
                  </td>
                </tr>
              )}
              {summary.corrections.map((correction) => (
                <tr class="govuk-table__row" key={`${correction.suggested}>${correction.chosen}`}>
                  <td class="govuk-table__cell">{nameOf(correction.suggested)}</td>
                  <td class="govuk-table__cell">{nameOf(correction.chosen)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{count(correction.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="govuk-body">
            Where the same correction comes up often, an administrator can add the words that should have led to the chosen service to its
            routing keywords.
          </p>
        </>
      )}
    </section>
  );
}

/**
 * The "Reports" tab: the contact centre's figures for a period of UK days (the last 7 by default) as summary
 * cards, charts with the same figures in tables, and a CSV download; for supervisors, how topic suggestions fare.
 */
export function Reports() {
  const session = useSession();
  const today = ukToday();
  const [from, setFrom] = useState<DateParts>(() => dateParts(addDays(today, -6)));
  const [to, setTo] = useState<DateParts>(() => dateParts(today));
  const [report, setReport] = useState<ReportSummary>();
  const [downloadError, setDownloadError] = useState<string>();
  const [downloading, setDownloading] = useState(false);
  const { problems, busy, submit, errorOf } = useSubmission(INPUTS, INPUTS.from);

  // Only what the page can tell by itself; the API judges the period (order, length) and gives the reason.
  const check = (): Problem[] => {
    const found: Problem[] = [];
    for (const [parts, field, what] of [
      [from, INPUTS.from, 'the start date'],
      [to, INPUTS.to, 'the end date'],
    ] as const) {
      if (isBlank(parts)) found.push({ field, message: `Enter ${what}` });
      else if (!isoDate(parts))
        found.push({ field, message: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be a real date, such as 27 3 2026` });
    }
    return found;
  };
  const show = () =>
    void submit(check, async () => {
      const query = new URLSearchParams({ from: isoDate(from) as string, to: isoDate(to) as string });
      setReport(await request<ReportSummary>('GET', `/api/reports/summary?${query}`, session));
    });
  useEffect(show, [session]);

  const download = async () => {
    if (!report || downloading) return;
    setDownloading(true);
    setDownloadError(undefined);
    try {
      const query = new URLSearchParams({ from: report.period.from, to: report.period.to, format: 'csv' });
      const file = await fetchFile(`/api/reports/summary?${query}`, session);
      saveFile(file.blob, file.filename);
    } catch (failure) {
      setDownloadError((failure as Error).message);
    } finally {
      setDownloading(false);
    }
  };

  const period = report && `${longDate(report.period.from)} to ${longDate(report.period.to)}`;
  return (
    <>
      <ErrorSummary errors={problems} />
      <h1 class="govuk-heading-l">Reports</h1>
      <p class="govuk-body">
        Counts and times for the contact centre, worked out from dates and statuses only: no personal information. A period covers whole UK
        days, both included, up to 366 days.
      </p>
      <form
        id="report-period-form"
        noValidate
        class="govuk-!-margin-bottom-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) show();
        }}
      >
        <div class="signpost-date-range">
          <DateInput
            id="report-from"
            label="From"
            hint="For example, 1 3 2026"
            error={errorOf(INPUTS.from)}
            value={from}
            onChange={setFrom}
          />
          <DateInput id="report-to" label="To" hint="For example, 31 3 2026" error={errorOf(INPUTS.to)} value={to} onChange={setTo} />
        </div>
        <button type="submit" class="govuk-button" id="show-report" aria-disabled={busy ? 'true' : undefined}>
          Show the figures
        </button>
      </form>
      {!report && busy && <p class="govuk-body">Loading…</p>}
      {report && (
        <section aria-labelledby="report-period" id="report">
          <h2 class="govuk-heading-l" id="report-period">
            {period}
          </h2>
          <p class="govuk-body">{plural(report.period.days, 'day')}.</p>
          {downloadError && (
            <p class="govuk-error-message" id="download-error" role="alert">
              <span class="govuk-visually-hidden">Error:</span> {downloadError}
            </p>
          )}
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            id="download-report"
            aria-disabled={downloading ? 'true' : undefined}
            onClick={() => void download()}
          >
            Download CSV<span class="govuk-visually-hidden"> of the figures for {period}</span>
          </button>
          <Figures report={report} />
          <Charts report={report} />
        </section>
      )}
      {session.user.role === 'supervisor' && <RoutingFigures />}
    </>
  );
}
