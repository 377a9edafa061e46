import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox, sealedFor } from '../common/secret-box.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { open311Url } from './delivery/open311-delivery.adapter.js';
import { sendOutbound } from './delivery/outbound-http.js';
import { activeOrganisations } from '../tenancy/organisation-reads.js';

/** Open referrals sent to Open311 endpoints, least recently checked first. */
const OPEN = `
  select x.id, x.enquiry_id, x.status, x.external_reference, x.external_status, s.open311_url, s.open311_api_key, s.open311_jurisdiction_id, s.id as service_id
  from escalations x join services s on s.id = x.service_id
  where x.delivery_type = 'open311' and x.external_reference is not null and x.status <> 'closed' and s.open311_url is not null
  order by x.external_checked_at nulls first
  limit 200`;

interface OpenRow {
  id: string;
  enquiry_id: string;
  status: 'sent' | 'acknowledged' | 'closed';
  external_reference: string;
  external_status: string | null;
  open311_url: string;
  open311_api_key: string | null;
  open311_jurisdiction_id: string | null;
  service_id: string;
}

/** A GeoReport v2 service request as `GET requests/{id}.json` answers it (the fields used). */
interface ServiceRequest {
  status?: unknown;
  status_notes?: unknown;
  service_request_id?: unknown;
}

/** The first request of an Open311 answer (they are arrays), or nothing. */
function firstOf(body: string): ServiceRequest | undefined {
  try {
    const answer = JSON.parse(body) as unknown;
    const first = Array.isArray(answer) ? answer[0] : answer;
    return first && typeof first === 'object' ? (first as ServiceRequest) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Brings the status of referrals sent to Open311 back office systems back to the enquiry: on the job queue's cron
 * (OPEN311_POLL_CRON), each open referral's request is read (`GET requests/{id}.json`; a token is first turned
 * into its id with `GET tokens/{token}.json`); a changed status or note goes on the enquiry's timeline, and a
 * closed request closes the referral with the back office's note as its outcome.
 */
@Injectable()
export class Open311StatusPoller implements OnModuleInit {
  private readonly logger = new Logger(Open311StatusPoller.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly settings: Settings,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(
      JOB_NAMES.pollOpen311,
      (data) => this.pollAll(typeof data.organisationId === 'string' ? data.organisationId : undefined),
      { concurrency: 1 },
    );
    this.jobs.schedule(JOB_NAMES.pollOpen311, this.settings.env.OPEN311_POLL_CRON, { expireInSeconds: 600 });
  }

  async pollAll(organisationId?: string): Promise<void> {
    const organisations = await this.db.registry((m) => activeOrganisations(m, { id: organisationId }));
    for (const organisation of organisations) {
      try {
        await this.poll(organisation.id);
      } catch (error) {
        this.logger.warn({ msg: 'Open311 status poll failed', organisationId: organisation.id, errorName: (error as Error).name });
      }
    }
  }

  /** One organisation's open Open311 referrals, one request each; the HTTP calls are outside any transaction. */
  async poll(organisationId: string): Promise<void> {
    const rows: OpenRow[] = await this.db.forTenant(organisationId, (m) => m.query(OPEN));
    const policy = { requireHttps: this.settings.env.isProduction, allowlist: this.settings.env.SIGNPOST_WEBHOOK_ALLOWLIST ?? [] };
    for (const row of rows) {
      const apiKey = row.open311_api_key
        ? this.secrets.open(row.open311_api_key, sealedFor.open311ApiKey(organisationId, row.service_id))
        : undefined;
      const query = { api_key: apiKey, jurisdiction_id: row.open311_jurisdiction_id ?? undefined };
      let reference = row.external_reference;
      if (reference.startsWith('token:')) {
        const answer = await sendOutbound(
          open311Url(row.open311_url, `tokens/${encodeURIComponent(reference.slice(6))}.json`, query),
          { method: 'GET', timeoutMs: this.settings.env.WEBHOOK_TIMEOUT_MS, headers: { accept: 'application/json' } },
          policy,
        );
        const id = answer.kind === 'answered' && answer.status === 200 ? firstOf(answer.body)?.service_request_id : undefined;
        if (typeof id !== 'string' && typeof id !== 'number') {
          await this.db.forTenant(organisationId, (m) =>
            m.query(`update escalations set external_checked_at = now() where id = $1`, [row.id]),
          );
          continue;
        }
        reference = `id:${String(id)}`;
      }
      const answer = await sendOutbound(
        open311Url(row.open311_url, `requests/${encodeURIComponent(reference.slice(3))}.json`, query),
        { method: 'GET', timeoutMs: this.settings.env.WEBHOOK_TIMEOUT_MS, headers: { accept: 'application/json' } },
        policy,
      );
      const request = answer.kind === 'answered' && answer.status === 200 ? firstOf(answer.body) : undefined;
      const status = typeof request?.status === 'string' ? request.status.toLowerCase().slice(0, 50) : undefined;
      const notes = typeof request?.status_notes === 'string' ? request.status_notes.slice(0, 5000) : '';
      await this.db.forTenant(organisationId, async (m) => {
        const seen = status ? `${status}|${notes}` : row.external_status;
        await m.query(`update escalations set external_reference = $2, external_status = $3, external_checked_at = now() where id = $1`, [
          row.id,
          reference,
          seen,
        ]);
        if (!status || seen === row.external_status) return;
        const closing = status === 'closed';
        const next = closing ? 'closed' : row.status === 'sent' ? 'acknowledged' : row.status;
        if (next !== row.status) {
          await m.query(
            `update escalations set status = $2, acknowledged_at = coalesce(acknowledged_at, now()), closed_at = case when $2 = 'closed' then now() else closed_at end,
                    outcome = case when $2 = 'closed' then $3 else outcome end, updated_at = now() where id = $1`,
            [row.id, next, notes || 'Closed by the service (Open311)'],
          );
        }
        await appendTimelineEvent(m, {
          organisationId,
          enquiryId: row.enquiry_id,
          kind: notes ? 'note' : 'system',
          authorType: 'service',
          authorId: null,
          body: notes || null,
          metadata: { event: 'service_update', escalationId: row.id, source: 'open311', status, from: row.status, to: next },
        });
        await this.audit.record(m, {
          organisationId,
          actor: { type: 'system', id: null },
          action: 'escalation.open311_status',
          entityType: 'escalation',
          entityId: row.id,
          details: { status, from: row.status, to: next },
        });
      });
    }
  }
}
