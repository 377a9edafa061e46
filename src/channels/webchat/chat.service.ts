import { createHash, randomBytes } from 'node:crypto';
import { findStaffMember, staffMember } from '../../identity/staff-reads.js';
import { readEnquiry } from '../../enquiries/enquiry-reads.js';
import { addSpecialCategories, takeUpEnquiry } from '../../enquiries/enquiry-changes.js';
import { recordExplicitConsent } from '../../consent/consent-records.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { maskCardNumbers } from '../safety/card-numbers.js';
import { safetySignals, type SafetySignals } from '../safety/safety-signals.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Principal } from '../../common/request-context.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { EnquiryIntakeService } from '../../enquiries/enquiry-intake.service.js';
import { appendTimelineEvent } from '../../enquiries/timeline.js';
import type { SpecialCategory } from '../../contracts/special-category.js';
import { ChannelAuthService } from '../channel-auth.service.js';
import { ChatEntity, ChatMessageEntity } from './chat.entities.js';
import { ChatMessageWriter } from './chat-message-writer.js';
import type { ChatRef } from './chat-ref.js';
import type { LeaveMessageDto, StartChatDto } from './dto/chat.dto.js';
import { isOpen } from '../../tenancy/opening-hours.js';
import { SafeguardingFlags, type SafeguardingAlert } from '../../safeguarding/safeguarding-flags.service.js';
import type { ChatLine } from '../../contracts/chat-events.js';
import type { DangerKind } from '../../contracts/safeguarding.js';
import { readOrganisation } from '../../tenancy/organisation-reads.js';

/**
 * A new chat, queued, and how many wait ahead of it (older, or as old with a lower id): one round trip. The count
 * reads the snapshot before the insert, which the new chat is not in, as it would not count itself.
 */
const START_CHAT = `
  with chat as (
    insert into chats (organisation_id, enquiry_id, resume_token_hash, skill) values ($1, $2, $3, $4) returning id, queued_at
  )
  select chat.id, (select count(*)::int from chats waiting where waiting.status = 'queued' and (waiting.queued_at, waiting.id) < (chat.queued_at, chat.id)) as ahead
    from chat`;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const chatNotFound = () => new DomainError(404, 'CHAT_NOT_FOUND', 'Chat not found');
const toView = (message: ChatMessageEntity): ChatLine => ({
  id: message.id,
  seq: message.seq,
  from: message.sender,
  text: message.text,
  sentAt: message.sentAt.toISOString(),
});

/**
 * Webchat state, all in PostgreSQL so any instance can serve any chat: a chat exists only after consent to
 * the current privacy notice; every message is stored with its per-chat sequence number before it is
 * acknowledged or relayed; resuming returns what the citizen missed, in order.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly organisations: ChannelAuthService,
    private readonly intake: EnquiryIntakeService,
    private readonly audit: AuditService,
    private readonly writer: ChatMessageWriter,
    private readonly safeguarding: SafeguardingFlags,
  ) {}

  async start(input: StartChatDto): Promise<ChatRef & { reference: string; resumeToken: string; queuePosition: number }> {
    const organisation = await this.organisations.organisationBySlug(input.organisation);
    if (!organisation) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', 'No such organisation');
    if (!isOpen(organisation.businessHours)) {
      throw new DomainError(409, 'CLOSED', 'Webchat is closed at the moment: leave a message (chat:leave-message) and we will reply');
    }
    const resumeToken = randomBytes(32).toString('base64url');
    return this.db.forTenant(organisation.id, async (m) => {
      let chat: { id: string; ahead: number } | undefined;
      // The intake refuses a privacy-notice version the organisation never published (422).
      const created = await this.intake.createWithin(
        m,
        {
          channel: 'webchat',
          requesterType: 'citizen',
          subject: { name: input.name?.trim() || 'Webchat visitor' },
          description: 'Webchat conversation',
          // The organisation was read just now: its default basis, without reading it again.
          legalBasis: organisation.defaultLegalBasis,
          consent: { given: true, method: 'checkbox', privacyNoticeVersion: input.consent.privacyNoticeVersion },
        },
        { organisationId: organisation.id, staffId: null, actorType: 'citizen' },
        {
          // The chat and its place in the queue in one statement, before the audit link: during a surge every start
          // of the organisation waits for the audit chain's head, which stays locked from the link to commit.
          beforeAudit: async (enquiryId) => {
            [chat] = await m.query(START_CHAT, [organisation.id, enquiryId, hash(resumeToken), input.topic ?? null]);
          },
        },
      );
      if (!chat) throw new Error('chat start stored no chat');
      return { chatId: chat.id, organisationId: organisation.id, reference: created.reference, resumeToken, queuePosition: chat.ahead + 1 };
    });
  }

  /** Out of hours (or when nobody can take a chat): the citizen's message becomes a logged enquiry. */
  /**
   * A message left outside opening hours becomes an enquiry. Words of danger raise a safeguarding flag with it;
   * the caller gives the citizen the guidance at once and announces the flag.
   */
  async leaveMessage(
    input: LeaveMessageDto,
  ): Promise<{ reference: string; organisationId: string; signals: SafetySignals; alert?: SafeguardingAlert }> {
    const organisation = await this.organisations.organisationBySlug(input.organisation);
    if (!organisation) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', 'No such organisation');
    const description = maskCardNumbers(input.text).text;
    const signals = safetySignals(description);
    return this.db.forTenant(organisation.id, async (m) => {
      const created = await this.intake.createWithin(
        m,
        {
          channel: 'webchat',
          requesterType: 'citizen',
          subject: { name: input.name, ...(input.email ? { email: input.email } : {}), ...(input.phone ? { phone: input.phone } : {}) },
          description,
          consent: { given: true, method: 'checkbox', privacyNoticeVersion: input.consent.privacyNoticeVersion },
        },
        { organisationId: organisation.id, staffId: null, actorType: 'citizen' },
      );
      await appendTimelineEvent(m, {
        organisationId: organisation.id,
        enquiryId: created.id,
        kind: 'system',
        authorType: 'citizen',
        metadata: { event: 'message_left_out_of_hours' },
      });
      const alert = signals.danger
        ? await this.safeguarding.raise(m, {
            organisationId: organisation.id,
            enquiryId: created.id,
            channel: 'webchat',
            kinds: signals.dangerKinds,
          })
        : undefined;
      return { reference: created.reference, organisationId: organisation.id, signals, alert };
    });
  }

  /** Records the citizen's explicit consent to special category data, given inside the chat. */
  async recordSpecialConsent(ref: ChatRef, categories: SpecialCategory[]): Promise<{ recorded: true }> {
    return this.db.forTenant(ref.organisationId, async (m) => {
      const chat = await m.findOne(ChatEntity, { where: { id: ref.chatId } });
      if (!chat || chat.status === 'ended') throw chatNotFound();
      const enquiry = await addSpecialCategories(m, chat.enquiryId, categories);
      await recordExplicitConsent(m, {
        organisationId: ref.organisationId,
        enquiryId: enquiry.id,
        dataSubjectId: enquiry.dataSubjectId,
        specialCategories: categories,
        method: 'checkbox',
      });
      await this.audit.record(m, {
        organisationId: ref.organisationId,
        actor: { type: 'citizen', id: null },
        action: 'consent.explicit',
        entityType: 'enquiry',
        entityId: enquiry.id,
        details: { categories },
      });
      return { recorded: true as const };
    });
  }

  /** The chat a resume token opens, if it is still open. */
  async resume(token: string): Promise<ChatRef | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const rows: { id: string; organisation_id: string }[] = await this.db.lookup('select * from chat_resume_lookup($1)', [hash(token)]);
    return rows[0] ? { chatId: rows[0].id, organisationId: rows[0].organisation_id } : undefined;
  }

  /** Messages after `afterSeq`, in order. */
  messagesAfter(ref: ChatRef, afterSeq: number): Promise<ChatLine[]> {
    return this.db.forTenant(ref.organisationId, async (m) => {
      const messages = await m
        .createQueryBuilder(ChatMessageEntity, 'message')
        .where('message.chat_id = :chat and message.seq > :after', { chat: ref.chatId, after: afterSeq })
        .orderBy('message.seq', 'ASC')
        .getMany();
      return messages.map(toView);
    });
  }

  /**
   * Stores a message with the chat's next sequence number; only then may it be acknowledged and relayed
   * (batched with others arriving meanwhile: see ChatMessageWriter). An advisor may write only in their chat.
   */
  post(ref: ChatRef, sender: 'citizen' | 'advisor' | 'system', text: string, author?: Principal): Promise<ChatLine> {
    // A card number is never stored or relayed, whoever typed it.
    return this.writer.write(ref, sender, sender === 'system' ? text : maskCardNumbers(text).text, author?.userId ?? null);
  }

  /**
   * A citizen's message, with the safety rails: a card number is removed before anything is stored or relayed,
   * and the words are read for danger to someone and for a supplier's bank-detail change.
   */
  async postFromCitizen(ref: ChatRef, text: string): Promise<{ message: ChatLine; cardNumberRemoved: boolean; signals: SafetySignals }> {
    const masked = maskCardNumbers(text);
    const message = await this.writer.write(ref, 'citizen', masked.text, null);
    return { message, cardNumberRemoved: masked.masked > 0, signals: safetySignals(masked.text) };
  }

  /**
   * Flags a chat for its advisor as a likely fraud pattern (a supplier's bank-detail change): a timeline event and
   * an audit entry, the kind only, never the words.
   */
  async flagLikelyFraud(ref: ChatRef): Promise<void> {
    await this.db.forTenant(ref.organisationId, async (m) => {
      const chat = await m.findOne(ChatEntity, { where: { id: ref.chatId } });
      if (!chat) return;
      const kind = 'bank_details_change';
      await appendTimelineEvent(m, {
        organisationId: ref.organisationId,
        enquiryId: chat.enquiryId,
        kind: 'system',
        authorType: 'system',
        authorId: null,
        metadata: { event: 'safety_flag', kind, chatId: ref.chatId },
      });
      await this.audit.record(m, {
        organisationId: ref.organisationId,
        actor: { type: 'system', id: null },
        action: 'chat.safety_flag',
        entityType: 'enquiry',
        entityId: chat.enquiryId,
        details: { kind, chatId: ref.chatId },
      });
    });
  }

  /** Raises a safeguarding flag on a chat whose words suggest someone is in danger; the caller announces it. */
  flagDanger(ref: ChatRef, kinds: readonly DangerKind[]): Promise<SafeguardingAlert | undefined> {
    return this.db.forTenant(ref.organisationId, async (m) => {
      const chat = await m.findOne(ChatEntity, { where: { id: ref.chatId } });
      if (!chat) return undefined;
      return this.safeguarding.raise(m, {
        organisationId: ref.organisationId,
        enquiryId: chat.enquiryId,
        chatId: ref.chatId,
        channel: 'webchat',
        kinds,
      });
    });
  }

  /** An advisor takes a waiting chat: it becomes theirs, as does its enquiry. */
  async accept(
    principal: Principal,
    chatId: string,
  ): Promise<{ chatId: string; enquiryId: string; transcript: ChatLine[]; advisorName: string; dangerKinds: DangerKind[] }> {
    return this.db.forTenant(principal.organisationId, async (m) => {
      const chat = await m.findOne(ChatEntity, { where: { id: chatId }, lock: { mode: 'pessimistic_write' } });
      if (!chat || chat.status !== 'queued') throw chatNotFound();
      const organisation = await readOrganisation(m, principal.organisationId);
      if (organisation.chatRouting === 'auto' && chat.offeredTo !== principal.userId && principal.role !== 'supervisor') {
        throw new DomainError(409, 'NOT_OFFERED', 'Chats are routed automatically here: accept the chats offered to you');
      }
      await this.assertCapacity(m, principal.userId);
      Object.assign(chat, { status: 'active', advisorId: principal.userId, assignedAt: new Date(), offeredTo: null, offeredAt: null });
      await m.save(chat);
      await takeUpEnquiry(m, chat.enquiryId, principal.userId);
      const advisor = await staffMember(m, principal.userId);
      await appendTimelineEvent(m, {
        organisationId: chat.organisationId,
        enquiryId: chat.enquiryId,
        kind: 'system',
        authorType: 'staff',
        authorId: principal.userId,
        metadata: { event: 'chat_accepted', chatId },
      });
      await this.audit.record(m, {
        organisationId: principal.organisationId,
        actor: { type: 'staff', id: principal.userId },
        action: 'chat.accept',
        entityType: 'enquiry',
        entityId: chat.enquiryId,
        fields: ['chat.transcript'],
      });
      const transcript = (await m.find(ChatMessageEntity, { where: { chatId }, order: { seq: 'ASC' } })).map(toView);
      // Words of danger while the chat waited: the advisor who takes it sees the flag at once.
      const [flagged]: { kinds: DangerKind[] }[] = await m.query(
        `select array(select distinct k from safeguarding_flags f, unnest(f.kinds) k where f.chat_id = $1 order by k) as kinds`,
        [chatId],
      );
      return { chatId, enquiryId: chat.enquiryId, transcript, advisorName: advisor.displayName, dangerKinds: flagged.kinds };
    });
  }

  /** Ends the chat; its transcript joins the enquiry's timeline. */
  async end(
    ref: ChatRef,
    endedBy: 'citizen' | 'advisor',
    principal?: Principal,
  ): Promise<{ reference: string; transcript: Omit<ChatLine, 'id'>[] }> {
    return this.db.forTenant(ref.organisationId, async (m) => {
      const chat = await m.findOne(ChatEntity, { where: { id: ref.chatId }, lock: { mode: 'pessimistic_write' } });
      if (!chat || chat.status === 'ended') throw chatNotFound();
      if (endedBy === 'advisor' && chat.advisorId !== principal?.userId) throw chatNotFound();
      Object.assign(chat, { status: 'ended', endedAt: new Date() });
      await m.save(chat);
      const transcript = await m.find(ChatMessageEntity, { where: { chatId: chat.id }, order: { seq: 'ASC' } });
      await appendTimelineEvent(m, {
        organisationId: chat.organisationId,
        enquiryId: chat.enquiryId,
        kind: 'message',
        authorType: 'system',
        body: transcript.map((message) => `[${message.sentAt.toISOString()}] ${message.sender}: ${message.text}`).join('\n') || null,
        metadata: { event: 'chat_ended', chatId: chat.id, endedBy, messages: transcript.length },
      });
      const enquiry = await readEnquiry(m, chat.enquiryId);
      // The citizen is offered the transcript at the end (the widget shows and lets them save it).
      return {
        reference: enquiry.reference,
        transcript: transcript.map(({ seq, sender, text, sentAt }) => ({ seq, from: sender, text, sentAt: sentAt.toISOString() })),
      };
    });
  }

  /** Puts an active chat back in the queue (or hands it to a named advisor with room for it). */
  async transfer(
    principal: Principal,
    chatId: string,
    toAdvisorId?: string,
  ): Promise<{ chatId: string; status: 'queued' | 'active'; advisorName?: string }> {
    return this.db.forTenant(principal.organisationId, async (m) => {
      const chat = await m.findOne(ChatEntity, { where: { id: chatId }, lock: { mode: 'pessimistic_write' } });
      const mayMove = chat && chat.status === 'active' && (chat.advisorId === principal.userId || principal.role === 'supervisor');
      if (!chat || !mayMove) throw chatNotFound();
      let advisorName: string | undefined;
      if (toAdvisorId) {
        const target = await findStaffMember(m, toAdvisorId);
        if (!target || target.disabled || !['advisor', 'supervisor'].includes(target.role))
          throw new DomainError(422, 'ADVISOR_NOT_ELIGIBLE', 'The chat can go only to an enabled advisor of your organisation');
        await this.assertCapacity(m, target.id);
        Object.assign(chat, { advisorId: target.id, assignedAt: new Date() });
        advisorName = target.displayName;
      } else {
        Object.assign(chat, {
          status: 'queued',
          advisorId: null,
          assignedAt: null,
          offeredTo: null,
          offeredAt: null,
          skipped: [...chat.skipped, principal.userId],
        }); // keeps its place: it has waited already
      }
      await m.save(chat);
      await appendTimelineEvent(m, {
        organisationId: chat.organisationId,
        enquiryId: chat.enquiryId,
        kind: 'system',
        authorType: 'staff',
        authorId: principal.userId,
        metadata: { event: 'chat_transferred', chatId, to: toAdvisorId ?? 'queue' },
      });
      return { chatId, status: chat.status as 'queued' | 'active', ...(advisorName ? { advisorName } : {}) };
    });
  }

  /** Routing never gives an advisor more chats than their capacity. */
  private async assertCapacity(m: EntityManager, advisorId: string): Promise<void> {
    const advisor = await staffMember(m, advisorId);
    const holding = await m.count(ChatEntity, { where: { advisorId, status: 'active' } });
    if (holding >= advisor.maxConcurrentChats)
      throw new DomainError(409, 'AT_CAPACITY', `That advisor already has ${holding} chats (the most they may hold)`);
  }

  /** Average handling time of the organisation's recent chats, for wait estimates. */
  averageHandlingSeconds(organisationId: string): Promise<number | undefined> {
    return this.db.forTenant(organisationId, async (m) => {
      const [row] = await m.query(
        `select avg(extract(epoch from (ended_at - assigned_at)))::float as seconds
           from (select ended_at, assigned_at from chats where status = 'ended' and assigned_at is not null order by ended_at desc limit 50) recent`,
      );
      return row?.seconds ? Math.round(row.seconds) : undefined;
    });
  }

  /**
   * Every waiting chat's id, oldest first, and the waiting times of the first `detailed` of them (the console's
   * list): during a surge the queue runs to thousands and is read several times a second, so only the head's
   * timestamps are sent and parsed.
   */
  queue(organisationId: string, detailed: number): Promise<{ chatIds: string[]; head: { chatId: string; waitingSince: string }[] }> {
    return this.db.forTenant(organisationId, async (m) => {
      const rows: { id: string; queued_at: Date | null }[] = await m.query(
        `select id, case when row_number() over (order by queued_at, id) <= $1 then queued_at end as queued_at
           from chats where status = 'queued' order by queued_at, id`,
        [detailed],
      );
      const head: { chatId: string; waitingSince: string }[] = [];
      for (const row of rows) if (row.queued_at) head.push({ chatId: row.id, waitingSince: row.queued_at.toISOString() });
      return { chatIds: rows.map((row) => row.id), head };
    });
  }

  /** Chats waiting for an advisor, oldest first, at most `limit` of them (two columns each, from the queue's index). */
  waitingFor(organisationId: string, limit?: number): Promise<{ chatId: string; waitingSince: string }[]> {
    return this.db.forTenant(organisationId, async (m) => {
      const rows: { id: string; queued_at: Date }[] = await m.query(
        `select id, queued_at from chats where status = 'queued' order by queued_at, id ${limit === undefined ? '' : 'limit $1'}`,
        limit === undefined ? [] : [limit],
      );
      return rows.map((row) => ({ chatId: row.id, waitingSince: row.queued_at.toISOString() }));
    });
  }

  /** How many chats wait for an advisor. */
  waitingCount(organisationId: string): Promise<number> {
    return this.db.forTenant(organisationId, async (m) => {
      const [{ n }]: { n: number }[] = await m.query(`select count(*)::int as n from chats where status = 'queued'`);
      return n;
    });
  }
}
