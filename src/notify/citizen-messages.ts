import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import notify from 'notifications-node-client';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox, sealedFor } from '../common/secret-box.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { backoffDelayMs } from '../escalations/delivery/backoff.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import type { NotifyTemplates } from '../tenancy/organisation-settings.js';
import type { CitizenMessageKind } from './citizen-message.entity.js';

const { NotifyClient } = notify;

/** Attempts before a message Notify keeps refusing for a passing reason (429, 5xx) is given up. */
const MAX_ATTEMPTS = 8;
/** Status checks after sending, a minute apart, before the message is left as sent. */
const STATUS_CHECKS = 10;

/** Notify's final statuses, as Signpost records them. */
const FINAL: Record<string, 'delivered' | 'failed'> = {
  delivered: 'delivered',
  'permanent-failure': 'failed',
  'temporary-failure': 'failed',
  'technical-failure': 'failed',
  'validation-failed': 'failed',
};

interface Claimed {
  id: string;
  organisation_id: string;
  kind: CitizenMessageKind;
  recipient: string;
  personalisation: Record<string, string>;
  status: string;
  provider_id: string | null;
  attempts: number;
  notify_api_key: string | null;
  notify_templates: Record<string, string>;
}

/** An error from Notify as Signpost may record it: the HTTP status and Notify's error type, never the message. */
function notifyError(error: unknown): { status: number; kind: string } {
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: unknown }[] } } }).response;
  const kind = response?.data?.errors?.[0]?.error;
  return {
    status: response?.status ?? 0,
    kind: typeof kind === 'string' ? kind.slice(0, 60) : ((error as { code?: string }).code ?? 'network error'),
  };
}

/**
 * Messages to citizens through GOV.UK Notify (`notifications-node-client`), when the organisation has set its API
 * key and templates: queued in the caller's transaction, sent by a job with backoff when Notify answers 429 or
 * fails, and their delivery status read back afterwards. The `reference` Notify keeps is the message's id, never
 * anything personal; the key is sealed at rest and never logged.
 */
@Injectable()
export class CitizenMessages implements OnModuleInit {
  private readonly logger = new Logger(CitizenMessages.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly settings: Settings,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(JOB_NAMES.sendCitizenMessage, (data) => this.work(String(data.organisationId), String(data.messageId)));
  }

  /** Whether the organisation sends this kind of message by Notify (its key and the template are set). */
  static uses(organisation: { notifyApiKey: string | null; notifyTemplates: NotifyTemplates }, kind: CitizenMessageKind): boolean {
    return Boolean(organisation.notifyApiKey && organisation.notifyTemplates?.[templateOf(kind)]);
  }

  /** Queues a message within the caller's transaction. */
  async queue(
    m: EntityManager,
    input: {
      organisationId: string;
      enquiryId: string | null;
      kind: CitizenMessageKind;
      recipient: string;
      personalisation: Record<string, string>;
    },
  ): Promise<string> {
    const [row]: { id: string }[] = await m.query(
      `insert into citizen_messages (organisation_id, enquiry_id, kind, recipient, personalisation) values ($1, $2, $3, $4, $5::jsonb) returning id`,
      [input.organisationId, input.enquiryId, input.kind, input.recipient, JSON.stringify(input.personalisation)],
    );
    await this.jobs.sendWithin(m, JOB_NAMES.sendCitizenMessage, { organisationId: input.organisationId, messageId: row.id });
    return row.id;
  }

  /** One job: send a pending message, or read back a sent one's status. */
  private async work(organisationId: string, messageId: string): Promise<void> {
    const [message]: Claimed[] = await this.db.forTenant(organisationId, (m) =>
      m.query(
        `select c.id, c.organisation_id, c.kind, c.recipient, c.personalisation, c.status, c.provider_id, c.attempts, o.notify_api_key, o.notify_templates
           from citizen_messages c join organisations o on o.id = c.organisation_id where c.id = $1`,
        [messageId],
      ),
    );
    if (!message || !message.notify_api_key) return;
    const apiKey = this.secrets.open(message.notify_api_key, sealedFor.notifyApiKey(message.organisation_id));
    const client = this.settings.env.NOTIFY_BASE_URL
      ? new NotifyClient(this.settings.env.NOTIFY_BASE_URL, apiKey)
      : new NotifyClient(apiKey);
    if (message.status === 'pending') await this.send(client, message);
    else if (message.status === 'sending' && message.provider_id) await this.check(client, message);
  }

  private async send(client: InstanceType<typeof NotifyClient>, message: Claimed): Promise<void> {
    const templateId = message.notify_templates[templateOf(message.kind)];
    const attempt = message.attempts + 1;
    try {
      const options = { personalisation: message.personalisation, reference: `signpost-${message.id}` };
      const response =
        message.kind === 'acknowledgement_sms'
          ? await client.sendSms(templateId, message.recipient, options)
          : await client.sendEmail(templateId, message.recipient, options);
      await this.db.forTenant(message.organisation_id, async (m) => {
        await m.query(
          `update citizen_messages set status = 'sending', provider_id = $2, attempts = $3, sent_at = now(), last_error = null where id = $1`,
          [message.id, response.data.id, attempt],
        );
        await this.jobs.sendWithin(
          m,
          JOB_NAMES.sendCitizenMessage,
          { organisationId: message.organisation_id, messageId: message.id },
          { startAfter: new Date(Date.now() + this.settings.env.NOTIFY_STATUS_CHECK_SECONDS * 1000) },
        );
        await this.audit.record(m, {
          organisationId: message.organisation_id,
          actor: { type: 'system', id: null },
          action: 'citizen_message.sent',
          entityType: 'citizen_message',
          entityId: message.id,
          details: { kind: message.kind, transport: 'notify' },
        });
      });
    } catch (error) {
      const { status, kind } = notifyError(error);
      const passing = status === 429 || status >= 500 || status === 0;
      const final = !passing || attempt >= MAX_ATTEMPTS;
      await this.db.forTenant(message.organisation_id, async (m) => {
        await m.query(`update citizen_messages set status = $2, attempts = $3, last_error = $4 where id = $1`, [
          message.id,
          final ? (passing ? 'dead' : 'failed') : 'pending',
          attempt,
          `HTTP ${status} ${kind}`,
        ]);
        if (!final) {
          const delay = backoffDelayMs(
            attempt - 1,
            { baseMs: this.settings.env.WEBHOOK_BACKOFF_BASE_MS, capMs: this.settings.env.WEBHOOK_BACKOFF_CAP_MS },
            Math.random,
          );
          await this.jobs.sendWithin(
            m,
            JOB_NAMES.sendCitizenMessage,
            { organisationId: message.organisation_id, messageId: message.id },
            { startAfter: new Date(Date.now() + delay) },
          );
        }
      });
      if (final) this.logger.warn({ msg: 'citizen message not sent', messageId: message.id, status, kind });
    }
  }

  /** Reads back the status Notify has for a sent message; checks again later until it is final. */
  private async check(client: InstanceType<typeof NotifyClient>, message: Claimed): Promise<void> {
    let status: string | undefined;
    try {
      status = (await client.getNotificationById(message.provider_id as string)).data.status;
    } catch (error) {
      status = undefined;
      this.logger.warn({ msg: 'Notify status not read', messageId: message.id, status: notifyError(error).status });
    }
    await this.db.forTenant(message.organisation_id, async (m) => {
      const [{ checks }]: { checks: number }[] = await m.query(
        `update citizen_messages set status = coalesce($2, status), status_checked_at = now(), attempts = attempts + 1 where id = $1 returning attempts as checks`,
        [message.id, status ? (FINAL[status] ?? null) : null],
      );
      if ((!status || !FINAL[status]) && checks < MAX_ATTEMPTS + STATUS_CHECKS) {
        await this.jobs.sendWithin(
          m,
          JOB_NAMES.sendCitizenMessage,
          { organisationId: message.organisation_id, messageId: message.id },
          { startAfter: new Date(Date.now() + this.settings.env.NOTIFY_STATUS_CHECK_SECONDS * 1000) },
        );
      }
    });
  }
}

function templateOf(kind: CitizenMessageKind): 'acknowledgementEmail' | 'acknowledgementSms' {
  return kind === 'acknowledgement_sms' ? 'acknowledgementSms' : 'acknowledgementEmail';
}
