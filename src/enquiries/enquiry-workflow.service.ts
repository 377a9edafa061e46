import { activeDestination } from '../signposting/signposting-destinations.js';
import { findStaffMember } from '../identity/staff-reads.js';
import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { assertEnquiryMayBeUsed, type ProcessingUse } from '../consent/processing-permission.js';
import { requestContext, type Principal } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { AddNoteDto, CloseEnquiryDto, SignpostEnquiryDto, ResolveEnquiryDto } from './dto/enquiry-actions.dto.js';
import { assigneeNotEligible, enquiryNotFound } from './enquiries.errors.js';
import { assertTransition } from './enquiry-status.js';
import type { Channel, EnquiryStatus } from '../contracts/enquiry-vocabulary.js';
import type { SpecialCategory } from '../contracts/special-category.js';
import type { EnquiryEntity } from './enquiry.entity.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { TopicRouting } from '../routing/topic-routing.service.js';
import { EnquiryRepository } from './enquiry.repository.js';
import { endWaiting, startWaiting } from './citizen-wait.js';
import { notWaiting, waitNotAllowed } from './enquiries.errors.js';
import { wrapUpOutcome } from '../wrap-up/outcome-reads.js';
import type { WrapUpStep } from '../wrap-up/outcome-rule.js';

export interface EnquiryState {
  id: string;
  reference: string;
  status: EnquiryStatus;
  assigneeId?: string;
}

/** What a reply needs to know of the enquiry it answers (`replyTarget`). */
export interface ReplyTarget {
  id: string;
  organisationId: string;
  reference: string;
  channel: Channel;
  status: EnquiryStatus;
  dataSubjectId: string;
  specialCategory: boolean;
  specialCategories: SpecialCategory[];
  specialCategoryDetails: string | null;
  /** Its personal content was erased (an erasure request or a retention sweep). */
  erased: boolean;
  assigneeId: string | null;
}

/** A citizen's answer joined an enquiry (`citizenAnswered`): ids and facts only. */
export interface CitizenAnswer {
  organisationId: string;
  enquiryId: string;
  reference: string;
  channel: 'email' | 'sms';
  reopened: boolean;
  status: EnquiryStatus;
  assigneeId: string | null;
}

/**
 * The wrap-up outcome a step records on the enquiry (the rule `outcomeFor`, through `wrapUpOutcome`: refused with 400
 * when unknown, inactive, or required and missing), as `{ outcome }` for the timeline and audit entries; `{}` when the
 * enquiry keeps the one it has.
 */
async function recordOutcome(
  m: EntityManager,
  enquiry: EnquiryEntity,
  step: WrapUpStep,
  given: string | undefined,
  staffId: string,
): Promise<{ outcome?: string }> {
  const outcome = await wrapUpOutcome(m, step, given, enquiry.outcomeCode);
  if (outcome === null) return {};
  Object.assign(enquiry, { outcomeCode: outcome, outcomeAt: new Date(), outcomeBy: staffId });
  return { outcome };
}

/** Work on an enquiry: take, assign, note, resolve with advice, close. Each step is on the timeline and audited. */
@Injectable()
export class EnquiryWorkflowService {
  /** Citizens' answers that joined an enquiry, announced once their transaction committed (`announceAnswer`). */
  readonly answers = new Subject<CitizenAnswer>();

  constructor(
    private readonly db: TenantDatabase,
    private readonly enquiries: EnquiryRepository,
    private readonly audit: AuditService,
    private readonly routing: TopicRouting,
    private readonly knowledge: KnowledgeService,
  ) {}

  /**
   * An advisor confirms the service an enquiry is for, or corrects the suggestion: the enquiry's topic, and a
   * routing decision that teaches the organisation's model. Classification is processing: not while restricted.
   */
  confirmTopic(id: string, serviceCode: string): Promise<EnquiryState & { topic: string; suggested: string[]; corrected: boolean }> {
    let decision: { suggested: string[]; corrected: boolean } = { suggested: [], corrected: false };
    return this.change(id, 'classification', async (m, enquiry, principal) => {
      if (enquiry.status === 'closed') assertTransition('closed', 'in_progress');
      const service = await this.routing.service(m, serviceCode);
      decision = await this.routing.decide(m, enquiry.id, service.code, 'confirmed');
      enquiry.topic = service.code;
      await this.enquiries.addEvent(m, enquiry, {
        kind: 'system',
        authorType: 'staff',
        authorId: principal.userId,
        metadata: { event: 'topic_confirmed', service: service.code, corrected: decision.corrected },
      });
      return { action: 'enquiry.topic', fields: [], details: { service: service.code, corrected: decision.corrected } };
    }).then((state) => ({ ...state, topic: serviceCode, ...decision }));
  }

  resolve(id: string, input: ResolveEnquiryDto): Promise<EnquiryState> {
    return this.change(id, 'advice', async (m, enquiry, principal) => {
      const from = enquiry.status;
      assertTransition(from, 'resolved');
      const outcome = await recordOutcome(m, enquiry, 'resolve', input.outcome, principal.userId);
      // The article the advice came from: one of the organisation's, in use.
      const knowledgeArticleId = input.knowledgeArticleId ? await this.knowledge.assertUsable(m, input.knowledgeArticleId) : null;
      Object.assign(enquiry, {
        status: 'resolved',
        resolvedAt: new Date(),
        // Advice given is an answer: the first response, for the service level, if there was none.
        firstRespondedAt: enquiry.firstRespondedAt ?? new Date(),
        resolutionAdvice: input.advice,
        knowledgeArticleId,
      });
      enquiry.assigneeId ??= principal.userId;
      await this.enquiries.addEvent(m, enquiry, {
        kind: 'advice',
        authorType: 'staff',
        authorId: principal.userId,
        body: input.advice,
        metadata: { from, to: 'resolved', ...(knowledgeArticleId ? { knowledgeArticleId } : {}), ...outcome },
      });
      return {
        action: 'enquiry.resolve',
        fields: ['resolutionAdvice'],
        details: { from, to: 'resolved', ...(knowledgeArticleId ? { knowledgeArticleId } : {}), ...outcome },
      };
    });
  }

  /**
   * Resolved by directing the citizen to another organisation (a district council, the NHS, the police…) from the
   * organisation's signposting list: the advice given, and where to; reports count these apart.
   */
  signpost(id: string, input: SignpostEnquiryDto): Promise<EnquiryState & { signpostedTo: string }> {
    return this.change(id, 'advice', async (m, enquiry, principal) => {
      const destination = await activeDestination(m, input.destination);
      if (!destination)
        throw new DomainError(404, 'SIGNPOSTING_DESTINATION_NOT_FOUND', 'No such signposting destination: see GET /api/signposting');
      const from = enquiry.status;
      assertTransition(from, 'resolved');
      const outcome = await recordOutcome(m, enquiry, 'signpost', input.outcome, principal.userId);
      Object.assign(enquiry, {
        status: 'resolved',
        resolvedAt: new Date(),
        // Advice given is an answer: the first response, for the service level, if there was none.
        firstRespondedAt: enquiry.firstRespondedAt ?? new Date(),
        resolutionAdvice: input.advice,
        signpostedTo: destination.code,
      });
      enquiry.assigneeId ??= principal.userId;
      await this.enquiries.addEvent(m, enquiry, {
        kind: 'advice',
        authorType: 'staff',
        authorId: principal.userId,
        body: input.advice,
        metadata: { from, to: 'resolved', signpostedTo: destination.code, ...outcome },
      });
      return {
        action: 'enquiry.signpost',
        fields: ['resolutionAdvice'],
        details: { from, to: 'resolved', signpostedTo: destination.code, ...outcome },
      };
    }).then((state) => ({ ...state, signpostedTo: input.destination }));
  }

  /**
   * For the replies context, inside its transaction: the enquiry a reply answers, locked for the rest of the
   * transaction. Undefined for an unknown (or another organisation's) enquiry.
   */
  async replyTarget(m: EntityManager, id: string): Promise<ReplyTarget | undefined> {
    const enquiry = await this.enquiries.findForUpdate(m, id);
    if (!enquiry) return undefined;
    return {
      id: enquiry.id,
      organisationId: enquiry.organisationId,
      reference: enquiry.reference,
      channel: enquiry.channel,
      status: enquiry.status,
      dataSubjectId: enquiry.dataSubjectId,
      specialCategory: enquiry.specialCategory,
      specialCategories: enquiry.specialCategories,
      specialCategoryDetails: enquiry.specialCategoryDetails,
      erased: enquiry.erasedAt !== null,
      assigneeId: enquiry.assigneeId,
    };
  }

  /**
   * "Send and resolve", inside the replies context's transaction (after `replyTarget` locked the row): the enquiry
   * is resolved with the reply as the advice given. The reply's text is on the timeline already; this entry holds
   * the transition and the reply's id.
   */
  async resolveByReply(
    m: EntityManager,
    id: string,
    reply: { replyId: string; text: string; knowledgeArticleId: string | null; outcome?: string },
  ): Promise<EnquiryStatus> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('enquiry work needs a member of staff');
    const enquiry = await this.enquiries.findForUpdate(m, id);
    if (!enquiry) throw enquiryNotFound();
    const from = enquiry.status;
    assertTransition(from, 'resolved');
    const outcome = await recordOutcome(m, enquiry, 'resolve', reply.outcome, principal.userId);
    Object.assign(enquiry, {
      status: 'resolved',
      resolvedAt: new Date(),
      firstRespondedAt: enquiry.firstRespondedAt ?? new Date(),
      resolutionAdvice: reply.text,
      knowledgeArticleId: reply.knowledgeArticleId ?? enquiry.knowledgeArticleId,
    });
    enquiry.assigneeId ??= principal.userId;
    await this.enquiries.addEvent(m, enquiry, {
      kind: 'system',
      authorType: 'staff',
      authorId: principal.userId,
      metadata: { event: 'resolved_by_reply', replyId: reply.replyId, from, to: 'resolved', ...outcome },
    });
    await this.enquiries.save(m, enquiry);
    await this.audit.record(m, {
      action: 'enquiry.resolve',
      entityType: 'enquiry',
      entityId: id,
      fields: ['resolutionAdvice'],
      details: { from, to: 'resolved', replyId: reply.replyId, ...outcome },
    });
    return 'resolved';
  }

  /**
   * A citizen answered on the same thread (an e-mail reply carrying the enquiry's token, a text to the number a
   * reply came from), inside the caller's transaction after their message is stored: a resolved enquiry is
   * reopened, so the answer is not left unread. Closed enquiries stay closed (the message is on the timeline).
   */
  async citizenAnswered(
    m: EntityManager,
    organisationId: string,
    id: string,
    channel: 'email' | 'sms',
  ): Promise<CitizenAnswer | undefined> {
    const enquiry = await this.enquiries.findForUpdate(m, id);
    if (!enquiry) return undefined;
    const reopened = enquiry.status === 'resolved';
    // The answer the advisor was waiting for: the service-level clock runs again.
    const waited = await endWaiting(m, enquiry, 'citizen_answered', null, new Date());
    if (waited && !reopened) await this.enquiries.save(m, enquiry);
    if (reopened) {
      assertTransition('resolved', 'in_progress');
      Object.assign(enquiry, { status: 'in_progress', resolvedAt: null });
      await this.enquiries.addEvent(m, enquiry, {
        kind: 'system',
        authorType: 'system',
        authorId: null,
        metadata: { event: 'reopened_by_citizen_answer', channel, from: 'resolved', to: 'in_progress' },
      });
      await this.enquiries.save(m, enquiry);
      await this.audit.record(m, {
        organisationId,
        actor: { type: 'channel', id: null },
        action: 'enquiry.reopen',
        entityType: 'enquiry',
        entityId: id,
        details: { from: 'resolved', to: 'in_progress', channel },
      });
    }
    return {
      organisationId,
      enquiryId: id,
      reference: enquiry.reference,
      channel,
      reopened,
      status: enquiry.status,
      assigneeId: enquiry.assigneeId,
    };
  }

  /** Tells whoever listens (the replies context, which tells the advisor who answered) once the transaction committed. */
  announceAnswer(answer: CitizenAnswer | undefined): void {
    if (answer) this.answers.next(answer);
  }

  /**
   * The advisor asked the citizen something and waits for the answer: the service-level clock stops until the citizen
   * answers on the enquiry's thread or the advisor stops waiting (`citizen-wait.ts`). Only while the enquiry is open
   * with the contact centre (new or in progress).
   */
  waitForCitizen(id: string): Promise<EnquiryState & { waitingSince: string }> {
    let since = new Date();
    return this.change(id, undefined, async (m, enquiry, principal) => {
      if (!['new', 'in_progress'].includes(enquiry.status) || enquiry.waitingSince)
        throw waitNotAllowed(enquiry.status, !!enquiry.waitingSince);
      since = new Date();
      await startWaiting(m, enquiry, principal.userId, since);
      return { action: 'enquiry.wait_for_citizen', fields: [], details: { status: enquiry.status } };
    }).then((state) => ({ ...state, waitingSince: since.toISOString() }));
  }

  /** The advisor stops waiting for the citizen: the clock runs again, the due times moved on by the working time waited. */
  stopWaiting(id: string): Promise<EnquiryState & { waitedWorkingMinutes: number }> {
    let waitedMs = 0;
    return this.change(id, undefined, async (m, enquiry, principal) => {
      const waited = await endWaiting(m, enquiry, 'advisor', principal.userId, new Date());
      if (!waited) throw notWaiting();
      waitedMs = waited.waitedMs;
      return { action: 'enquiry.stop_waiting', fields: [], details: { waitedWorkingMinutes: Math.round(waitedMs / 60_000) } };
    }).then((state) => ({ ...state, waitedWorkingMinutes: Math.round(waitedMs / 60_000) }));
  }

  /** An advisor takes an enquiry: it becomes theirs, and in progress if it was new. */
  take(id: string): Promise<EnquiryState> {
    return this.change(id, 'assignment', async (m, enquiry, principal) =>
      this.assignTo(m, enquiry, principal, principal.userId, 'enquiry.take'),
    );
  }

  /** A supervisor gives an enquiry to an advisor. */
  assign(id: string, assigneeId: string): Promise<EnquiryState> {
    return this.change(id, 'assignment', async (m, enquiry, principal) => {
      const assignee = await findStaffMember(m, assigneeId);
      if (!assignee || assignee.disabled || !['advisor', 'supervisor'].includes(assignee.role)) throw assigneeNotEligible();
      return this.assignTo(m, enquiry, principal, assigneeId, 'enquiry.assign');
    });
  }

  addNote(id: string, input: AddNoteDto): Promise<EnquiryState> {
    return this.change(id, 'note', async (m, enquiry, principal) => {
      if (enquiry.status === 'closed') assertTransition('closed', 'in_progress');
      const kind = input.kind ?? 'note';
      await this.enquiries.addEvent(m, enquiry, { kind, authorType: 'staff', authorId: principal.userId, body: input.text });
      return { action: 'enquiry.note', fields: ['timeline.text'], details: { kind } };
    });
  }

  close(id: string, input: CloseEnquiryDto = {}): Promise<EnquiryState> {
    // Closing uses nothing: it may happen while processing is restricted or after consent is withdrawn.
    return this.change(id, undefined, async (m, enquiry, principal) => {
      const from = enquiry.status;
      assertTransition(from, 'closed');
      const outcome = await recordOutcome(m, enquiry, 'close', input.outcome, principal.userId);
      Object.assign(enquiry, { status: 'closed', closedAt: new Date() });
      await this.enquiries.addEvent(m, enquiry, {
        kind: 'system',
        authorType: 'staff',
        authorId: principal.userId,
        metadata: { from, to: 'closed', ...outcome },
      });
      return { action: 'enquiry.close', fields: [], details: { from, to: 'closed', ...outcome } };
    });
  }

  private async assignTo(m: EntityManager, enquiry: EnquiryEntity, principal: Principal, assigneeId: string, action: string) {
    if (enquiry.status === 'closed') assertTransition('closed', 'in_progress');
    const from = enquiry.status;
    if (from === 'new') {
      assertTransition(from, 'in_progress');
      enquiry.status = 'in_progress';
    }
    // Given by hand to someone else: no longer an automatic assignment that could return to the queue.
    if (enquiry.assigneeId !== assigneeId) enquiry.assignedAutomaticallyAt = null;
    enquiry.assigneeId = assigneeId;
    await this.enquiries.addEvent(m, enquiry, {
      kind: 'system',
      authorType: 'staff',
      authorId: principal.userId,
      metadata: { event: 'assigned', assigneeId, from, to: enquiry.status },
    });
    return { action, fields: [], details: { assigneeId, from, to: enquiry.status } };
  }

  /**
   * Locks the enquiry, checks that the use the step makes of its data may go ahead (the processing-permission
   * rule), applies the step, saves it and audits it, all in one tenant transaction.
   */
  private change(
    id: string,
    use: ProcessingUse | undefined,
    step: (
      m: EntityManager,
      enquiry: EnquiryEntity,
      principal: Principal,
    ) => Promise<{ action: string; fields: string[]; details: Record<string, unknown> }>,
  ): Promise<EnquiryState> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('enquiry work needs a member of staff');
    return this.db.transaction(async (m) => {
      const enquiry = await this.enquiries.findForUpdate(m, id);
      if (!enquiry) throw enquiryNotFound();
      if (use) await assertEnquiryMayBeUsed(m, enquiry.id, use);
      const audit = await step(m, enquiry, principal);
      // Resolving or closing ends any wait for the citizen (should it reopen, its clock is right).
      if (['resolved', 'closed'].includes(enquiry.status)) await endWaiting(m, enquiry, 'advisor', principal.userId, new Date());
      await this.enquiries.save(m, enquiry);
      await this.audit.record(m, { ...audit, entityType: 'enquiry', entityId: id });
      return {
        id: enquiry.id,
        reference: enquiry.reference,
        status: enquiry.status,
        ...(enquiry.assigneeId ? { assigneeId: enquiry.assigneeId } : {}),
      };
    });
  }
}
