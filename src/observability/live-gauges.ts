import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ukDate } from '../common/uk-date.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { MetricsService } from './metrics.service.js';
import { activeOrganisations } from '../tenancy/organisation-reads.js';
import { CHANNELS, type Channel } from '../contracts/enquiry-vocabulary.js';
import { ENQUIRY_SLA_SQL } from '../enquiries/enquiry-sla.js';
import { ACKNOWLEDGEMENT_SQL } from '../escalations/referral-acknowledgement.js';

/** One organisation's live figures: counts and seconds only. */
const LIVE = `
  select
    (select count(*) from chats where status = 'queued')::int as queued,
    (select coalesce(extract(epoch from now() - min(queued_at)), 0) from chats where status = 'queued') as longest_wait,
    (select count(*) from chats where status = 'active')::int as active_chats,
    (select count(*) from advisor_presence where connections > 0 and status = 'available')::int as available,
    (select count(*) from advisor_presence where connections > 0 and status = 'away')::int as away,
    (select count(*) from escalations where delivery_status = 'pending')::int as pending,
    (select count(*) from escalations where delivery_status = 'dead')::int as dead,
    (select count(*) from subject_requests where status not in ('completed', 'refused') and due_on < $1::date)::int as overdue`;

/**
 * One organisation's open enquiries at risk of missing their service level, and past it, by channel (the rule is
 * the enquiries context's, `ENQUIRY_SLA_SQL`; the clock is the parameter $1).
 */
const SLA = `
  select channel, count(*) filter (where state = 'at_risk')::int as at_risk, count(*) filter (where state = 'breached')::int as breached
    from (select e.channel, ${ENQUIRY_SLA_SQL.state('e').replaceAll(':now', '$1')} as state
            from enquiries e where e.status not in ('resolved', 'closed')) s
   group by channel`;

/**
 * One organisation's referrals not yet acknowledged and past their acknowledgement target, by service code (every
 * service, 0 where none; the rule is the escalations context's, `ACKNOWLEDGEMENT_SQL`; the clock is $1).
 */
const REFERRALS = `
  select s.code as service, count(x.id) filter (where ${ACKNOWLEDGEMENT_SQL.state('x', '$1::timestamptz')} = 'breached')::int as breached
    from services s left join escalations x on x.service_id = s.id and ${ACKNOWLEDGEMENT_SQL.awaiting('x')}
   group by s.code`;

interface ReferralRow {
  service: string;
  breached: number;
}

interface SlaRow {
  channel: Channel;
  at_risk: number;
  breached: number;
}

interface LiveRow {
  queued: number;
  longest_wait: string | number;
  active_chats: number;
  available: number;
  away: number;
  pending: number;
  dead: number;
  overdue: number;
  sla: SlaRow[];
  referrals: ReferralRow[];
}

/** How long one reading serves scrapes (several Prometheus servers, or a fast scrape interval). */
const READING_MS = 5000;

/**
 * Live gauges for each active organisation, read when Prometheus scrapes (at most every few seconds): the webchat
 * queue and its longest wait, chats in progress, advisors available and away, referrals waiting for delivery or
 * dead-lettered, subject requests overdue, open enquiries at risk of missing or past their service level (by
channel), referrals past their acknowledgement target (by service). Labelled by the organisation's slug (and a channel
or a service code, which is not personal data) only.
 */
@Injectable()
export class LiveGauges implements OnModuleInit {
  private reading?: Promise<Map<string, LiveRow>>;
  private readAt = 0;

  constructor(
    private readonly metrics: MetricsService,
    private readonly db: TenantDatabase,
  ) {}

  onModuleInit(): void {
    const read = () => this.read();
    const registers = [this.metrics.registry];
    const gauge = <L extends string>(
      name: string,
      help: string,
      labelNames: L[],
      fill: (set: (labels: Record<L, string>, value: number) => void, organisation: string, row: LiveRow) => void,
    ) =>
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          this.reset();
          for (const [organisation, row] of await read()) fill((labels, value) => this.set(labels as never, value), organisation, row);
        },
      });
    const perOrganisation = (name: string, help: string, value: (row: LiveRow) => number) =>
      gauge(name, help, ['organisation'], (set, organisation, row) => set({ organisation }, value(row)));
    perOrganisation('signpost_webchat_queue_length', 'Webchats waiting for an advisor', (row) => row.queued);
    perOrganisation('signpost_webchat_longest_wait_seconds', 'How long the longest-waiting webchat has waited', (row) =>
      Math.round(Number(row.longest_wait)),
    );
    perOrganisation('signpost_webchat_active_chats', 'Webchats in progress with an advisor', (row) => row.active_chats);
    gauge('signpost_advisors', 'Advisors connected to the console, by state', ['organisation', 'state'], (set, organisation, row) => {
      set({ organisation, state: 'available' }, row.available);
      set({ organisation, state: 'away' }, row.away);
    });
    perOrganisation('signpost_escalations_pending_delivery', 'Referrals waiting for delivery to their service', (row) => row.pending);
    perOrganisation(
      'signpost_escalations_dead_lettered',
      'Referrals whose delivery gave up, waiting for a supervisor to replay them',
      (row) => row.dead,
    );
    perOrganisation('signpost_subject_requests_overdue', 'Open subject-rights requests past their due date', (row) => row.overdue);
    const byChannel = (name: string, help: string, value: (row: SlaRow) => number) =>
      gauge(name, help, ['organisation', 'channel'], (set, organisation, row) => {
        for (const channel of CHANNELS) {
          const counted = row.sla.find((entry) => entry.channel === channel);
          set({ organisation, channel }, counted ? value(counted) : 0);
        }
      });
    byChannel(
      'signpost_sla_at_risk',
      'Open enquiries past 80 % of the working time to their next service-level target (first response or resolution)',
      (row) => row.at_risk,
    );
    byChannel('signpost_sla_breached', 'Open enquiries past their next service-level target', (row) => row.breached);
    gauge(
      'signpost_referrals_unacknowledged_breached',
      'Referrals the service has not acknowledged, past their acknowledgement target, by service code',
      ['organisation', 'service'],
      (set, organisation, row) => {
        for (const entry of row.referrals) set({ organisation, service: entry.service }, entry.breached);
      },
    );
  }

  /** One reading for every active organisation, shared by the gauges of one scrape. */
  read(): Promise<Map<string, LiveRow>> {
    if (!this.reading || Date.now() - this.readAt > READING_MS) {
      this.readAt = Date.now();
      this.reading = this.readAll().catch((error: unknown) => {
        this.reading = undefined;
        throw error;
      });
    }
    return this.reading;
  }

  private async readAll(): Promise<Map<string, LiveRow>> {
    const organisations = await this.db.registry((m) => activeOrganisations(m));
    const today = ukDate();
    const rows = new Map<string, LiveRow>();
    for (const organisation of organisations) {
      const row = await this.db.forTenant(organisation.id, async (m): Promise<LiveRow> => {
        const now = new Date();
        const [live]: Omit<LiveRow, 'sla' | 'referrals'>[] = await m.query(LIVE, [today]);
        const sla: SlaRow[] = await m.query(SLA, [now]);
        const referrals: ReferralRow[] = await m.query(REFERRALS, [now]);
        return { ...live, sla, referrals };
      });
      rows.set(organisation.slug, row);
    }
    return rows;
  }
}
