import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import notify from 'notifications-node-client';
import { AuditService } from '../audit/audit.service.js';
import { replyToken } from '../channels/email/mail-authentication.js';
import { SocialReplySender } from '../channels/social/social-reply-sender.js';
import { Settings } from '../config/settings.js';
import type { ReplyChannel, ReplyTransport } from '../contracts/replies.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { EnquiryQueryService } from '../enquiries/enquiry-query.service.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { EmailThreads } from '../channels/email/email-threads.js';
import { backoffDelayMs } from '../escalations/delivery/backoff.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { MailTransport } from '../mail/mail-transport.js';
import { OrganisationService, type OrganisationSender } from '../tenancy/organisation.service.js';

const { NotifyClient } = notify;

/** Attempts before a reply the transport keeps refusing for a passing reason (outage, 429, 5xx) is dead-lettered. */
export const REPLY_MAX_ATTEMPTS = 6;
/** Status checks after Notify accepted a reply, before it is left as sent. */
const STATUS_CHECKS = 10;

/** Notify's final statuses, as a reply records them. */
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
  enquiry_id: string;
  channel: ReplyChannel;
  transport: ReplyTransport;
  recipient: string;
  subject: string | null;
  text: string;
  status: string;
  message_id: string | null;
  in_reply_to: string | null;
  provider_id: string | null;
  attempts: number;
  reference: string;
  thread: string[];
}

/** A transport's failure as a reply may record it: a status and a kind, never the message (it can quote the recipient). */
export function failureOf(error: unknown): { status: number; kind: string; passing: boolean } {
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: unknown }[] } } }).response;
  if (response) {
    const status = response.status ?? 0;
    const kind = response.data?.errors?.[0]?.error;
    return {
      status,
      kind: typeof kind === 'string' ? kind.slice(0, 60) : 'error',
      passing: status === 429 || status >= 500 || status === 0,
    };
  }
  const smtp = error as { responseCode?: number; code?: string };
  if (typeof smtp.responseCode === 'number')
    return { status: smtp.responseCode, kind: smtp.code ?? 'smtp', passing: smtp.responseCode < 500 || smtp.responseCode >= 600 };
  // No answer at all (connection refused, timeout, DNS): the receiver is out; try again later.
  return { status: 0, kind: (smtp.code ?? 'network error').slice(0, 60), passing: true };
}

/**
 * Sends replies from the job queue, never inside the request: SMTP (threaded, with the reply token in the
 * Reply-To and the subject), GOV.UK Notify (the reply templates, nothing personal in `reference`), or the social
 * adapter. A passing failure is retried with backoff; after REPLY_MAX_ATTEMPTS the reply is dead-lettered (failed,
 * `dead_lettered_at`, on the timeline). Notify's delivery status is read back until final.
 */
@Injectable()
export class ReplyDelivery implements OnModuleInit {
  private readonly logger = new Logger(ReplyDelivery.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly settings: Settings,
    private readonly mail: MailTransport,
    private readonly organisations: OrganisationService,
    private readonly social: SocialReplySender,
    private readonly audit: AuditService,
    private readonly enquiries: EnquiryQueryService,
    private readonly threads: EmailThreads,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(JOB_NAMES.sendReply, (data) => this.work(String(data.organisationId), String(data.replyId)));
  }

  private async work(organisationId: string, replyId: string): Promise<void> {
    const reply = await this.db.forTenant(organisationId, async (m): Promise<Claimed | undefined> => {
      const [row]: Omit<Claimed, 'reference' | 'thread'>[] = await m.query(
        `select id, organisation_id, enquiry_id, channel, transport, recipient, subject, text, status, message_id, in_reply_to, provider_id, attempts
           from replies where id = $1`,
        [replyId],
      );
      if (!row) return undefined;
      const reference = await this.enquiries.referenceOf(m, row.enquiry_id);
      if (!reference) return undefined;
      const thread = row.channel === 'email' && row.transport === 'smtp' ? await this.threads.of(m, row.enquiry_id) : undefined;
      return { ...row, reference, thread: (thread?.references ?? []).filter((id) => id !== row.message_id) };
    });
    if (!reply) return;
    const sender = await this.organisations.sender(organisationId);
    if (!sender) return;
    if (reply.status === 'queued') await this.send(reply, sender);
    else if (reply.status === 'sent' && reply.transport === 'notify' && reply.provider_id) await this.check(reply, sender);
  }

  private notifyClient(sender: OrganisationSender): InstanceType<typeof NotifyClient> {
    if (!sender.notifyApiKey) throw Object.assign(new Error('notify not configured'), { response: { status: 409 } });
    return this.settings.env.NOTIFY_BASE_URL
      ? new NotifyClient(this.settings.env.NOTIFY_BASE_URL, sender.notifyApiKey)
      : new NotifyClient(sender.notifyApiKey);
  }

  /** Hands the reply to its transport; returns the transport's id for it, if any. */
  private async hand(reply: Claimed, sender: OrganisationSender): Promise<string | null> {
    const token = replyToken(this.settings.secretKey, reply.enquiry_id);
    // Nothing personal leaves in Notify's `reference`: the reply's id only.
    const reference = `signpost-reply-${reply.id}`;
    if (reply.transport === 'social') return (await this.social.send(reply.organisation_id, reply.enquiry_id, reply.text)) || null;
    if (reply.transport === 'notify') {
      const client = this.notifyClient(sender);
      const personalisation = { body: reply.text, reference: reply.reference, organisation: sender.name };
      const response =
        reply.channel === 'sms'
          ? await client.sendSms(sender.notifyTemplates.replySms ?? '', reply.recipient, { personalisation, reference })
          : await client.sendEmail(sender.notifyTemplates.replyEmail ?? '', reply.recipient, {
              personalisation: { ...personalisation, subject: reply.subject ?? '', reply_token: `[${reply.reference}:${token}]` },
              reference,
            });
      return response.data.id;
    }
    const [local, domain] = sender.address.split('@');
    await this.mail.send({
      to: reply.recipient,
      from: `${sender.name} <${sender.address}>`,
      replyTo: `${local}+${reply.reference}.${token}@${domain}`,
      subject: reply.subject ?? `Your enquiry ${reply.reference}`,
      text: reply.text,
      messageId: reply.message_id ?? `<reply-${reply.id}@signpost>`,
      ...(reply.in_reply_to ? { inReplyTo: reply.in_reply_to } : {}),
      references: reply.thread,
    });
    return null;
  }

  private async send(reply: Claimed, sender: OrganisationSender): Promise<void> {
    const attempt = reply.attempts + 1;
    const job = { organisationId: reply.organisation_id, replyId: reply.id };
    try {
      const providerId = await this.hand(reply, sender);
      await this.db.forTenant(reply.organisation_id, async (m) => {
        await m.query(
          `update replies set status = 'sent', provider_id = $2, attempts = $3, sent_at = now(), last_error = null where id = $1 and status = 'queued'`,
          [reply.id, providerId, attempt],
        );
        if (reply.transport === 'notify')
          await this.jobs.sendWithin(m, JOB_NAMES.sendReply, job, {
            startAfter: new Date(Date.now() + this.settings.env.NOTIFY_STATUS_CHECK_SECONDS * 1000),
          });
        await this.audit.record(m, {
          organisationId: reply.organisation_id,
          actor: { type: 'system', id: null },
          action: 'reply.sent',
          entityType: 'enquiry',
          entityId: reply.enquiry_id,
          details: { replyId: reply.id, channel: reply.channel, transport: reply.transport, attempt },
        });
      });
    } catch (error) {
      const { status, kind, passing } = failureOf(error);
      const final = !passing || attempt >= REPLY_MAX_ATTEMPTS;
      await this.db.forTenant(reply.organisation_id, async (m) => {
        await m.query(
          `update replies set status = $2, attempts = $3, last_error = $4, dead_lettered_at = case when $5 then now() else null end where id = $1`,
          [reply.id, final ? 'failed' : 'queued', attempt, `${status} ${kind}`, final && passing],
        );
        if (!final) {
          const delay = backoffDelayMs(
            attempt - 1,
            { baseMs: this.settings.env.WEBHOOK_BACKOFF_BASE_MS, capMs: this.settings.env.WEBHOOK_BACKOFF_CAP_MS },
            Math.random,
          );
          await this.jobs.sendWithin(m, JOB_NAMES.sendReply, job, { startAfter: new Date(Date.now() + delay) });
          return;
        }
        await appendTimelineEvent(m, {
          organisationId: reply.organisation_id,
          enquiryId: reply.enquiry_id,
          kind: 'system',
          authorType: 'system',
          authorId: null,
          metadata: { event: 'reply_failed', replyId: reply.id, channel: reply.channel, deadLettered: passing, attempts: attempt },
        });
        await this.audit.record(m, {
          organisationId: reply.organisation_id,
          actor: { type: 'system', id: null },
          action: 'reply.failed',
          entityType: 'enquiry',
          entityId: reply.enquiry_id,
          details: {
            replyId: reply.id,
            channel: reply.channel,
            transport: reply.transport,
            deadLettered: passing,
            attempts: attempt,
            status,
          },
        });
      });
      if (final) this.logger.warn({ msg: 'reply not sent', replyId: reply.id, status, kind, deadLettered: passing });
    }
  }

  /** Reads back Notify's status for a sent reply; checks again later until it is final. */
  private async check(reply: Claimed, sender: OrganisationSender): Promise<void> {
    let status: string | undefined;
    try {
      status = (await this.notifyClient(sender).getNotificationById(reply.provider_id as string)).data.status;
    } catch (error) {
      this.logger.warn({ msg: 'Notify status not read', replyId: reply.id, status: failureOf(error).status });
    }
    const final = status ? FINAL[status] : undefined;
    await this.db.forTenant(reply.organisation_id, async (m) => {
      const [[{ checks }]]: [{ checks: number }[], number] = await m.query(
        `update replies set status = coalesce($2, status), delivered_at = case when $2 = 'delivered' then now() else delivered_at end,
                status_checked_at = now(), attempts = attempts + 1
          where id = $1 returning attempts as checks`,
        [reply.id, final ?? null],
      );
      if (final)
        await this.audit.record(m, {
          organisationId: reply.organisation_id,
          actor: { type: 'system', id: null },
          action: `reply.${final}`,
          entityType: 'enquiry',
          entityId: reply.enquiry_id,
          details: { replyId: reply.id, channel: reply.channel, transport: reply.transport },
        });
      else if (checks < REPLY_MAX_ATTEMPTS + STATUS_CHECKS)
        await this.jobs.sendWithin(
          m,
          JOB_NAMES.sendReply,
          { organisationId: reply.organisation_id, replyId: reply.id },
          { startAfter: new Date(Date.now() + this.settings.env.NOTIFY_STATUS_CHECK_SECONDS * 1000) },
        );
    });
  }
}
