import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { addDays } from '../common/calendar-date.js';
import { ukDate } from '../common/uk-date.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { CHANNELS } from '../contracts/enquiry-vocabulary.js';
import { ACKNOWLEDGEMENT_SQL } from '../escalations/referral-acknowledgement.js';
import type { ReportSummaryDto } from './dto/report.dto.js';
import type { ReportPeriod } from './report-period.js';
import { wrapUpSettings } from '../wrap-up/outcome-reads.js';
import type { OutcomeCode } from '../wrap-up/outcome-rule.js';

/**
 * Every figure comes from ids, dates, channels and statuses, never from personal content, so figures stay true
 * after a retention sweep or an erasure request has erased the content of the records behind them. The period is
 * the UK dates given, both included: $1 is the instant the first began, $2 the instant after the last ended.
 */
const ENQUIRIES = `
  select channel, (created_at at time zone 'Europe/London')::date::text as day, count(*)::int as n,
         count(*) filter (where resolved_at is not null and escalated_at is null)::int as resolved,
         count(*) filter (where escalated_at is not null)::int as escalated,
         sum(extract(epoch from greatest(resolved_at, escalated_at) - created_at)) filter (where greatest(resolved_at, escalated_at) is not null) as handling_seconds,
         count(*) filter (where greatest(resolved_at, escalated_at) is not null)::int as handled,
         count(*) filter (where signposted_to is not null)::int as signposted,
         count(*) filter (where resolved_at is not null and escalated_at is null
                            and exists (select 1 from replies r where r.enquiry_id = enquiries.id and r.resolves))::int as resolved_by_reply
  from enquiries where created_at >= $1 and created_at < $2
  group by 1, 2`;

const SIGNPOSTED = `
  select signposted_to as key, count(*)::int as count from enquiries
  where created_at >= $1 and created_at < $2 and signposted_to is not null
  group by 1 order by 2 desc, 1`;

/** Wrap-up outcomes recorded on the enquiries received in the period, by code. */
const OUTCOMES = `
  select outcome_code as key, count(*)::int as count from enquiries
  where created_at >= $1 and created_at < $2 and outcome_code is not null
  group by 1 order by 2 desc, 1`;

/**
 * Referrals made in the period, by service: acknowledged, on time or late against their acknowledgement target (the
 * escalations context's rule, `ACKNOWLEDGEMENT_SQL`), and still unacknowledged past their target at $3 (the clock).
 */
const ESCALATIONS = `
  select s.code, s.name, count(*)::int as n, count(x.acknowledged_at)::int as acknowledged,
         avg(extract(epoch from x.acknowledged_at - x.created_at)) filter (where x.acknowledged_at is not null) as ack_seconds,
         count(*) filter (where ${ACKNOWLEDGEMENT_SQL.onTime('x')})::int as on_time,
         count(*) filter (where ${ACKNOWLEDGEMENT_SQL.late('x')})::int as late,
         count(*) filter (where ${ACKNOWLEDGEMENT_SQL.state('x', '$3::timestamptz')} = 'breached')::int as past_target
  from escalations x join services s on s.id = x.service_id
  where x.created_at >= $1 and x.created_at < $2
  group by s.code, s.name order by count(*) desc, s.code`;

const CHATS = `
  select count(*)::int as chats, count(assigned_at)::int as answered,
         count(*) filter (where assigned_at is null and status = 'ended')::int as abandoned,
         avg(extract(epoch from assigned_at - queued_at)) filter (where assigned_at is not null) as wait_seconds
  from chats where queued_at >= $1 and queued_at < $2`;

const CALLS = `
  select count(*)::int as calls, avg(extract(epoch from ended_at - started_at)) as call_seconds
  from call_logs where started_at >= $1 and started_at < $2`;

const SUBJECT_REQUESTS = `
  select count(*)::int as open, count(*) filter (where due_on < $1::date)::int as overdue
  from subject_requests where status not in ('completed', 'refused')`;

/** Safeguarding flags raised in the period, how they were reviewed, and the kinds of danger (a flag may carry several). */
const SAFEGUARDING = `
  select count(*)::int as raised,
         count(*) filter (where status = 'open')::int as open,
         count(*) filter (where status = 'handled')::int as handled,
         count(*) filter (where status = 'false_alarm')::int as false_alarms,
         coalesce((select jsonb_agg(jsonb_build_object('key', k, 'count', n) order by n desc, k)
                     from (select k, count(*)::int as n from safeguarding_flags g, unnest(g.kinds) k
                            where g.raised_at >= $1 and g.raised_at < $2 group by k) kinds), '[]'::jsonb) as by_kind
  from safeguarding_flags where raised_at >= $1 and raised_at < $2`;

const BOUNDS = `select ($1::date::timestamp at time zone 'Europe/London') as start, (($2::date + 1)::timestamp at time zone 'Europe/London') as finish`;

/**
 * Every active code (a zero where none was recorded) in the organisation's order, then any other code recorded in the
 * period (inactive, or since deleted), each with its label.
 */
function outcomeCounts(codes: readonly OutcomeCode[], counted: { key: string; count: number }[]): ReportSummaryDto['outcomes'] {
  const count = new Map(counted.map((row) => [row.key, row.count]));
  const listed = codes.filter((code) => code.active || count.has(code.code));
  const others = counted.filter((row) => !codes.some((code) => code.code === row.key));
  return {
    recorded: counted.reduce((total, row) => total + row.count, 0),
    byCode: [
      ...listed.map((code) => ({ key: code.code, label: code.label, count: count.get(code.code) ?? 0 })),
      ...others.map((row) => ({ key: row.key, label: row.key, count: row.count })),
    ],
  };
}

const round = (value: number | string | null) => (value === null ? null : Math.round(Number(value)));

/** The contact centre's figures for a period: volumes, first-contact resolution, handling and waiting, escalations. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  summary(period: ReportPeriod): Promise<ReportSummaryDto> {
    return this.db.transaction(async (m) => {
      const [{ start, finish }]: { start: Date; finish: Date }[] = await m.query(BOUNDS, [period.from, period.to]);
      const rows: {
        channel: string;
        day: string;
        n: number;
        resolved: number;
        resolved_by_reply: number;
        escalated: number;
        handling_seconds: string | null;
        handled: number;
        signposted: number;
      }[] = await m.query(ENQUIRIES, [start, finish]);
      const signposted: { key: string; count: number }[] = await m.query(SIGNPOSTED, [start, finish]);
      const outcomes: { key: string; count: number }[] = await m.query(OUTCOMES, [start, finish]);
      const { codes } = await wrapUpSettings(m);
      const services: {
        code: string;
        name: string;
        n: number;
        acknowledged: number;
        ack_seconds: string | null;
        on_time: number;
        late: number;
        past_target: number;
      }[] = await m.query(ESCALATIONS, [start, finish, new Date()]);
      const [chats]: { chats: number; answered: number; abandoned: number; wait_seconds: string | null }[] = await m.query(CHATS, [
        start,
        finish,
      ]);
      const [calls]: { calls: number; call_seconds: string | null }[] = await m.query(CALLS, [start, finish]);
      const [requests]: { open: number; overdue: number }[] = await m.query(SUBJECT_REQUESTS, [ukDate()]);
      const [flags]: { raised: number; open: number; handled: number; false_alarms: number; by_kind: { key: string; count: number }[] }[] =
        await m.query(SAFEGUARDING, [start, finish]);
      await this.audit.record(m, { action: 'report.summary', entityType: 'report', details: { from: period.from, to: period.to } });

      const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
      const resolved = sum((row) => row.resolved);
      const resolvedByReply = sum((row) => row.resolved_by_reply);
      const escalated = sum((row) => row.escalated);
      const handled = sum((row) => row.handled);
      const days: string[] = [];
      for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
      return {
        period,
        enquiries: sum((row) => row.n),
        byChannel: CHANNELS.map((channel) => ({
          key: channel,
          count: rows.filter((row) => row.channel === channel).reduce((n, row) => n + row.n, 0),
        })),
        byDay: days.map((day) => ({ key: day, count: rows.filter((row) => row.day === day).reduce((n, row) => n + row.n, 0) })),
        byService: services.map((service) => ({
          service: service.code,
          name: service.name,
          escalations: service.n,
          acknowledged: service.acknowledged,
          averageAcknowledgementSeconds: round(service.ack_seconds),
          acknowledgedOnTime: service.on_time,
          acknowledgedLate: service.late,
          unacknowledgedPastTarget: service.past_target,
        })),
        signposted: { count: sum((row) => row.signposted), byDestination: signposted },
        outcomes: outcomeCounts(codes, outcomes),
        firstContactResolution: {
          resolved,
          escalated,
          byReply: resolvedByReply,
          rate: resolved + escalated > 0 ? Math.round((resolved / (resolved + escalated)) * 1000) / 1000 : null,
        },
        averageHandlingSeconds:
          handled > 0 ? Math.round(rows.reduce((total, row) => total + Number(row.handling_seconds ?? 0), 0) / handled) : null,
        webchat: {
          chats: chats.chats,
          answered: chats.answered,
          abandoned: chats.abandoned,
          averageWaitSeconds: round(chats.wait_seconds),
        },
        calls: { calls: calls.calls, averageSeconds: round(calls.call_seconds) },
        subjectRequests: { open: requests.open, overdue: requests.overdue },
        safeguarding: {
          raised: flags.raised,
          open: flags.open,
          handled: flags.handled,
          falseAlarms: flags.false_alarms,
          byKind: flags.by_kind,
        },
      };
    });
  }
}
