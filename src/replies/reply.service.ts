import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { processingRefusal, processingStateOf } from '../consent/processing-permission.js';
import { EmailThreads } from '../channels/email/email-threads.js';
import { replyToken } from '../channels/email/mail-authentication.js';
import { SocialReplySender } from '../channels/social/social-reply-sender.js';
import { Settings } from '../config/settings.js';
import type { ReplyChannel, ReplyTransport, ReplyView } from '../contracts/replies.js';
import { replyContactOf, type ReplyContact } from '../data-subjects/subject-contact.js';
import { emailKey, phoneKey } from '../data-subjects/subject-keys.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { EnquiryQueryService } from '../enquiries/enquiry-query.service.js';
import { EnquiryWorkflowService, type ReplyTarget } from '../enquiries/enquiry-workflow.service.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { markFirstResponse } from '../enquiries/enquiry-changes.js';
import { staffDisplayName } from '../identity/staff-names.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { MailTransport } from '../mail/mail-transport.js';
import { OrganisationService, type OrganisationSender } from '../tenancy/organisation.service.js';
import type { CreateReplyDto, CreatedReplyDto, ReplyOptionsDto, ReplyPreviewDto } from './dto/reply.dto.js';
import { erasedRecipientRefusal } from './erased-recipient.js';
import { replyChannelFor, type ReplyReach } from './reply-channel.js';
import {
  mailNotConfigured,
  notifyNotConfigured,
  nothingToSend,
  outcomeWithoutResolve,
  replyNotFailed,
  replyNotFound,
  replyRefused,
  unknownVariables,
} from './reply.errors.js';
import { toReplyView, type ReplyRow } from './reply.mapper.js';
import { outboundReplyText } from './reply-text.js';
import { fillReplyVariables, unknownReplyVariables } from './reply-variables.js';
import { SavedReplies } from './saved-replies.service.js';
import { specialCategoryTextRefusal } from './special-category-by-text.js';
import { CHANNELS } from '../contracts/enquiry-vocabulary.js';

/** Everything decided about a reply before it is stored: where, how, and exactly what. */
interface ComposedReply {
  target: ReplyTarget;
  channel: ReplyChannel;
  transport: ReplyTransport;
  recipient: string;
  recipientKey: string | null;
  subject: string | null;
  text: string;
  language: 'en' | 'cy';
  cardNumbersRemoved: number;
  savedReplyId: string | null;
  knowledgeArticleId: string | null;
  messageId: string | null;
  inReplyTo: string | null;
}

/**
 * Answering the citizen on their channel. The rules decide in order: processing permission (restriction, withdrawn
 * consent), an erased person, where the reply may go (`replyChannelFor`), what is said (saved reply, article,
 * variables, the card-number rail, no special category details by text). One transaction stores the reply, its
 * timeline entry and audit entry (ids and channel, never the text) and enqueues the job that sends it.
 */
@Injectable()
export class ReplyService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly workflow: EnquiryWorkflowService,
    private readonly enquiries: EnquiryQueryService,
    private readonly knowledge: KnowledgeService,
    private readonly organisations: OrganisationService,
    private readonly saved: SavedReplies,
    private readonly threads: EmailThreads,
    private readonly social: SocialReplySender,
    private readonly mail: MailTransport,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly settings: Settings,
  ) {}

  async send(enquiryId: string, input: CreateReplyDto): Promise<CreatedReplyDto> {
    if (input.outcome !== undefined && !input.resolve) throw outcomeWithoutResolve();
    const sender = await this.sender();
    return this.db.transaction(async (m) => {
      const reply = await this.compose(m, enquiryId, input, sender);
      const principal = requestContext.principal();
      const id = randomUUID();
      const messageId = reply.channel === 'email' ? `<reply-${id}@signpost>` : null;
      await m.query(
        `insert into replies (id, organisation_id, enquiry_id, author_id, channel, transport, recipient, recipient_key, subject, text, language,
                              saved_reply_id, knowledge_article_id, resolves, message_id, in_reply_to)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          id,
          reply.target.organisationId,
          enquiryId,
          principal?.userId ?? null,
          reply.channel,
          reply.transport,
          reply.recipient,
          reply.recipientKey,
          reply.subject,
          reply.text,
          reply.language,
          reply.savedReplyId,
          reply.knowledgeArticleId,
          Boolean(input.resolve),
          messageId,
          reply.inReplyTo,
        ],
      );
      if (messageId && reply.subject)
        await this.threads.recordOutbound(m, {
          organisationId: reply.target.organisationId,
          enquiryId,
          messageId,
          fromAddress: sender.address,
          subject: reply.subject,
        });
      await appendTimelineEvent(m, {
        organisationId: reply.target.organisationId,
        enquiryId,
        kind: reply.channel === 'email' ? 'email' : 'message',
        authorType: 'staff',
        authorId: principal?.userId ?? null,
        body: reply.text,
        metadata: { event: 'reply', replyId: id, channel: reply.channel, direction: 'outbound' },
      });
      await this.audit.record(m, {
        action: 'reply.queue',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: [
          'reply.text',
          reply.channel === 'email' ? 'subject.email' : reply.channel === 'sms' ? 'subject.phone' : 'social.conversation',
        ],
        details: {
          replyId: id,
          channel: reply.channel,
          transport: reply.transport,
          language: reply.language,
          resolves: Boolean(input.resolve),
          cardNumbersRemoved: reply.cardNumbersRemoved,
          ...(reply.savedReplyId ? { savedReplyId: reply.savedReplyId } : {}),
          ...(reply.knowledgeArticleId ? { knowledgeArticleId: reply.knowledgeArticleId } : {}),
        },
      });
      await this.jobs.sendWithin(m, JOB_NAMES.sendReply, { organisationId: reply.target.organisationId, replyId: id });
      // The citizen is answered: the enquiry's first response, for its service level.
      await markFirstResponse(m, enquiryId);
      if (input.resolve)
        await this.workflow.resolveByReply(m, enquiryId, {
          replyId: id,
          text: reply.text,
          knowledgeArticleId: reply.knowledgeArticleId,
          outcome: input.outcome,
        });
      return { id, channel: reply.channel, status: 'queued' };
    });
  }

  /**
   * Sends a failed reply again (after an outage dead-lettered it, or once Notify is set up): the same words to the
   * same recipient, through the job queue with a fresh count of attempts. The rules that stop every reply decide
   * again first (restriction, withdrawn consent, an erased person).
   */
  async retry(enquiryId: string, replyId: string): Promise<CreatedReplyDto> {
    return this.db.transaction(async (m) => {
      const target = await this.workflow.replyTarget(m, enquiryId);
      if (!target) throw enquiryNotFound();
      const [reply]: { id: string; channel: ReplyChannel; status: string }[] = await m.query(
        `select id, channel, status from replies where id = $1 and enquiry_id = $2 for update`,
        [replyId, enquiryId],
      );
      if (!reply) throw replyNotFound();
      if (reply.status !== 'failed') throw replyNotFailed();
      const blocked = this.blocked(await processingStateOf(m, enquiryId), target, await replyContactOf(m, target.dataSubjectId));
      if (blocked) throw replyRefused(blocked);
      await m.query(`update replies set status = 'queued', attempts = 0, last_error = null, dead_lettered_at = null where id = $1`, [
        replyId,
      ]);
      await appendTimelineEvent(m, {
        organisationId: target.organisationId,
        enquiryId,
        kind: 'system',
        authorType: 'staff',
        authorId: requestContext.principal()?.userId ?? null,
        metadata: { event: 'reply_retried', replyId, channel: reply.channel },
      });
      await this.audit.record(m, {
        action: 'reply.retry',
        entityType: 'enquiry',
        entityId: enquiryId,
        details: { replyId, channel: reply.channel },
      });
      await this.jobs.sendWithin(m, JOB_NAMES.sendReply, { organisationId: target.organisationId, replyId });
      return { id: replyId, channel: reply.channel, status: 'queued' };
    });
  }

  /** Exactly what `send` would send, decided by the same rules, without storing or sending anything. */
  async preview(enquiryId: string, input: CreateReplyDto): Promise<ReplyPreviewDto> {
    const sender = await this.sender();
    return this.db.transaction(async (m) => {
      const reply = await this.compose(m, enquiryId, input, sender);
      await this.audit.record(m, {
        action: 'reply.preview',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: [reply.channel === 'email' ? 'subject.email' : reply.channel === 'sms' ? 'subject.phone' : 'social.conversation'],
        details: { channel: reply.channel },
      });
      return {
        channel: reply.channel,
        transport: reply.transport,
        recipient: reply.recipient,
        subject: reply.subject,
        text: reply.text,
        language: reply.language,
        cardNumbersRemoved: reply.cardNumbersRemoved,
      };
    });
  }

  /** The channels the composer may offer for an enquiry, and the one a reply goes by when none is chosen. */
  async options(enquiryId: string): Promise<ReplyOptionsDto> {
    return this.db.transaction(async (m) => {
      const { target, contact, reach } = await this.reach(m, enquiryId);
      const blocked = this.blocked(await processingStateOf(m, enquiryId), target, contact);
      const channels = (['email', 'sms', 'social'] as const)
        .map((channel) => ({ channel, route: replyChannelFor(reach, channel, true), strict: replyChannelFor(reach, channel, false) }))
        .filter(({ route }) => 'channel' in route)
        .map(({ channel, route, strict }) => ({
          channel,
          recipient: 'recipient' in route ? route.recipient : '',
          needsAgreement: !('channel' in strict),
        }));
      const chosen = replyChannelFor(reach, undefined, true);
      await this.audit.record(m, {
        action: 'reply.options',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: ['subject.email', 'subject.phone'],
      });
      return {
        defaultChannel: blocked ? null : 'channel' in chosen ? chosen.channel : null,
        channels: blocked ? [] : channels,
        ...(blocked ? { refusal: { code: blocked.code, reason: blocked.reason } } : {}),
        language: contact?.preferredLanguage ?? 'en',
      };
    });
  }

  /** The enquiry's replies, oldest first, with their delivery status. */
  list(enquiryId: string): Promise<ReplyView[]> {
    return this.db.transaction(async (m) => {
      if (!(await this.enquiries.referenceOf(m, enquiryId))) throw enquiryNotFound();
      const rows: ReplyRow[] = await m.query(`select * from replies where enquiry_id = $1 order by created_at, id`, [enquiryId]);
      await this.audit.record(m, { action: 'reply.read', entityType: 'enquiry', entityId: enquiryId, fields: ['reply.text'] });
      return rows.map(toReplyView);
    });
  }

  private async sender(): Promise<OrganisationSender> {
    const sender = await this.organisations.sender(requestContext.tenant());
    if (!sender) throw new Error('the principal has no organisation');
    return sender;
  }

  private async reach(
    m: EntityManager,
    enquiryId: string,
  ): Promise<{ target: ReplyTarget; contact: ReplyContact | undefined; reach: ReplyReach }> {
    const target = await this.workflow.replyTarget(m, enquiryId);
    if (!target) throw enquiryNotFound();
    const contact = await replyContactOf(m, target.dataSubjectId);
    const thread = target.channel === 'email' ? await this.threads.of(m, enquiryId) : undefined;
    return {
      target,
      contact,
      reach: {
        enquiryChannel: CHANNELS.includes(target.channel) ? target.channel : 'internal',
        threadAddress: thread?.address,
        emails: contact?.emails ?? [],
        phones: contact?.phones ?? [],
        social: target.channel === 'social' && (await this.social.canReply(m, enquiryId)),
      },
    };
  }

  /** Processing permission first, then an erased person: either refuses every reply. */
  private blocked(
    state: Awaited<ReturnType<typeof processingStateOf>>,
    target: ReplyTarget,
    contact: ReplyContact | undefined,
  ): { code: string; reason: string } | undefined {
    return (
      (state ? processingRefusal(state, 'citizen_message') : undefined) ??
      erasedRecipientRefusal({ enquiryErased: target.erased, personErased: contact?.erased ?? true })
    );
  }

  private async compose(m: EntityManager, enquiryId: string, input: CreateReplyDto, sender: OrganisationSender): Promise<ComposedReply> {
    const { target, contact, reach } = await this.reach(m, enquiryId);
    const blocked = this.blocked(await processingStateOf(m, enquiryId), target, contact);
    if (blocked || !contact) throw replyRefused(blocked ?? { code: 'SUBJECT_ERASED', reason: 'The person’s details are gone' });
    const route = replyChannelFor(reach, input.channel, input.contactAgreed ?? false);
    if ('refusal' in route) throw replyRefused(route.refusal);

    // What is said: the advisor's words, else the saved reply (Welsh when preferred), else the article.
    const language = contact.preferredLanguage;
    let template = input.text;
    let savedReplyId: string | null = null;
    if (input.savedReplyId) {
      const saved = await this.saved.forSending(m, input.savedReplyId, language);
      savedReplyId = saved.id;
      template ??= saved.text;
    }
    let knowledgeArticleId: string | null = null;
    if (input.knowledgeArticleId) {
      const article = await this.knowledge.articleForReply(m, input.knowledgeArticleId);
      knowledgeArticleId = article.id;
      template ??= `${article.title}\n\n${article.body}`;
    }
    if (template === undefined) throw nothingToSend();
    const unknown = unknownReplyVariables(template);
    if (unknown.length > 0) throw unknownVariables('text', unknown);
    const principal = requestContext.principal();
    const advisor = principal ? ((await staffDisplayName(m, principal.userId)) ?? '') : '';
    const filled = fillReplyVariables(template, { name: contact.name, reference: target.reference, advisor, organisation: sender.name });
    const { text, cardNumbersRemoved } = outboundReplyText(filled);
    if (!text) throw nothingToSend();

    let transport: ReplyTransport;
    if (route.channel === 'sms') {
      const refusal = specialCategoryTextRefusal(text, target);
      if (refusal) throw replyRefused({ status: 422, ...refusal });
      if (!sender.notifyApiKey || !sender.notifyTemplates.replySms) throw notifyNotConfigured('Texts');
      transport = 'notify';
    } else if (route.channel === 'email') {
      transport = sender.notifyApiKey && sender.notifyTemplates.replyEmail ? 'notify' : 'smtp';
      if (transport === 'smtp' && !this.mail.configured) throw mailNotConfigured();
    } else transport = 'social';

    const thread = route.channel === 'email' ? await this.threads.of(m, enquiryId) : undefined;
    const token = replyToken(this.settings.secretKey, enquiryId);
    return {
      target,
      channel: route.channel,
      transport,
      recipient: route.recipient,
      recipientKey:
        route.channel === 'email' ? emailKey(route.recipient) : route.channel === 'sms' ? (phoneKey(route.recipient) ?? null) : null,
      subject: route.channel === 'email' ? `Your enquiry ${target.reference} [${target.reference}:${token}]` : null,
      text,
      language,
      cardNumbersRemoved,
      savedReplyId,
      knowledgeArticleId,
      messageId: null,
      inReplyTo: thread?.inReplyTo ?? null,
    };
  }
}
