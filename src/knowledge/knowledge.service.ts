import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { addCalendarMonths } from '../common/calendar-date.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { ukDate } from '../common/uk-date.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type {
  CreateKnowledgeArticleDto,
  KnowledgeArticleDto,
  KnowledgeArticleSummaryDto,
  SearchKnowledgeQueryDto,
  UpdateKnowledgeArticleDto,
} from './dto/knowledge.dto.js';
import { anyWordQuery } from './knowledge-query.js';
import { archivedArticleNamed, articleArchived, knowledgeArticleNotFound, nothingToChange, unknownService } from './knowledge.errors.js';
import { normaliseTags, toKnowledgeArticleDto, toKnowledgeSummaryDto } from './knowledge.mapper.js';
import { KnowledgeRepository } from './knowledge.repository.js';

/** Articles suggested for an enquiry, at most. */
export const SUGGESTIONS = 3;
const DEFAULT_LIMIT = 20;
/** How many overdue articles the review list shows at most. */
const REVIEW_LIST_LIMIT = 200;
/** A new article's review date when none is given. */
const DEFAULT_REVIEW_MONTHS = 12;

/**
 * The knowledge base: articles advisors search and are suggested from an enquiry's words, kept by supervisors and
 * administrators, flagged when past their review date. Every use is audited (ids and counts: never what was typed).
 */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly articles: KnowledgeRepository,
    private readonly audit: AuditService,
  ) {}

  /** Matching articles, best first; without words, the most recently updated. Archived ones are never listed. */
  search(query: SearchKnowledgeQueryDto): Promise<KnowledgeArticleSummaryDto[]> {
    const words = query.q?.trim() || null;
    const service = query.service ?? null;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const today = ukDate();
    return this.db.transaction(async (m) => {
      const rows = words
        ? await this.articles.search(m, words, service, limit, today)
        : await this.articles.recent(m, service, limit, today);
      await this.audit.record(m, {
        action: 'knowledge.search',
        entityType: 'knowledge_article',
        details: { withWords: Boolean(words), service, count: rows.length },
      });
      return rows.map(toKnowledgeSummaryDto);
    });
  }

  /** Up to three articles sharing meaningful words with an enquiry, best first. The text goes nowhere else. */
  suggest(text: string): Promise<KnowledgeArticleSummaryDto[]> {
    const anyWord = anyWordQuery(text);
    const today = ukDate();
    return this.db.transaction(async (m) => {
      const rows = anyWord ? await this.articles.matchingAnyWord(m, anyWord, SUGGESTIONS, today) : [];
      await this.audit.record(m, {
        action: 'knowledge.suggest',
        entityType: 'knowledge_article',
        details: { articleIds: rows.map((row) => row.id) },
      });
      return rows.map(toKnowledgeSummaryDto);
    });
  }

  /** Articles in use whose review date has passed (UK date), longest overdue first. */
  reviewDue(): Promise<KnowledgeArticleSummaryDto[]> {
    const today = ukDate();
    return this.db.transaction(async (m) => {
      const rows = await this.articles.reviewDue(m, today, REVIEW_LIST_LIMIT);
      await this.audit.record(m, { action: 'knowledge.review_due', entityType: 'knowledge_article', details: { count: rows.length } });
      return rows.map(toKnowledgeSummaryDto);
    });
  }

  /** One article, archived ones included (enquiries resolved with it still name it). */
  get(id: string): Promise<KnowledgeArticleDto> {
    return this.db.transaction(async (m) => {
      const article = await this.articles.findById(m, id);
      if (!article) throw knowledgeArticleNotFound();
      await this.audit.record(m, { action: 'knowledge.read', entityType: 'knowledge_article', entityId: id });
      return toKnowledgeArticleDto(article, ukDate());
    });
  }

  create(input: CreateKnowledgeArticleDto): Promise<KnowledgeArticleDto> {
    const today = ukDate();
    const staffId = requestContext.principal()?.userId ?? null;
    const title = checkedTitle(input.title);
    return this.db.transaction(async (m) => {
      const service = input.service ?? null;
      if (service && !(await this.articles.serviceExists(m, service))) throw unknownService();
      const article = await this.articles.insert(m, {
        organisationId: requestContext.tenant(),
        title,
        body: input.body,
        serviceCode: service,
        tags: normaliseTags(input.tags ?? []),
        reviewOn: input.reviewOn ?? addCalendarMonths(today, DEFAULT_REVIEW_MONTHS),
        createdBy: staffId,
        updatedBy: staffId,
      });
      await this.audit.record(m, {
        action: 'knowledge.create',
        entityType: 'knowledge_article',
        entityId: article.id,
        details: { service },
      });
      return toKnowledgeArticleDto(article, today);
    });
  }

  update(id: string, input: UpdateKnowledgeArticleDto): Promise<KnowledgeArticleDto> {
    const changed = (['title', 'body', 'service', 'tags', 'reviewOn'] as const).filter((field) => input[field] !== undefined);
    if (changed.length === 0) throw nothingToChange();
    const title = input.title === undefined ? undefined : checkedTitle(input.title);
    return this.db.transaction(async (m) => {
      const article = await this.articles.findForUpdate(m, id);
      if (!article) throw knowledgeArticleNotFound();
      if (article.archivedAt) throw articleArchived();
      if (input.service && input.service !== article.serviceCode && !(await this.articles.serviceExists(m, input.service)))
        throw unknownService();
      if (title !== undefined) article.title = title;
      if (input.body !== undefined) article.body = input.body;
      if (input.service !== undefined) article.serviceCode = input.service;
      if (input.tags !== undefined) article.tags = normaliseTags(input.tags);
      if (input.reviewOn !== undefined) article.reviewOn = input.reviewOn;
      article.updatedBy = requestContext.principal()?.userId ?? null;
      const saved = await this.articles.save(m, article);
      await this.audit.record(m, { action: 'knowledge.update', entityType: 'knowledge_article', entityId: id, details: { changed } });
      return toKnowledgeArticleDto(saved, ukDate());
    });
  }

  /** No longer found or suggested, and not to be named for advice or referrals; kept for the enquiries that used it. */
  archive(id: string): Promise<KnowledgeArticleDto> {
    return this.db.transaction(async (m) => {
      const article = await this.articles.findForUpdate(m, id);
      if (!article) throw knowledgeArticleNotFound();
      if (article.archivedAt) throw articleArchived();
      Object.assign(article, { archivedAt: new Date(), updatedBy: requestContext.principal()?.userId ?? null });
      const saved = await this.articles.save(m, article);
      await this.audit.record(m, { action: 'knowledge.archive', entityType: 'knowledge_article', entityId: id });
      return toKnowledgeArticleDto(saved, ukDate());
    });
  }

  /** For the replies context, inside its transaction: a usable article's title and body, to send as a reply. */
  async articleForReply(m: EntityManager, id: string): Promise<{ id: string; title: string; body: string }> {
    const usable = await this.assertUsable(m, id);
    const [row]: { title: string; body: string }[] = await m.query(`select title, body from knowledge_articles where id = $1`, [usable]);
    if (!row) throw knowledgeArticleNotFound();
    return { id: usable, ...row };
  }

  /**
   * For other contexts, inside their transaction: the article named as the advice given or the guidance followed
   * must be one of the organisation's, in use (404 as for an unknown article; 422 when archived). Returns its id
   * as stored.
   */
  async assertUsable(m: EntityManager, id: string): Promise<string> {
    const state = await this.articles.archivedState(m, id);
    if (!state) throw knowledgeArticleNotFound();
    if (state.archived) throw archivedArticleNamed();
    return id.toLowerCase();
  }
}

function checkedTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length < 3)
    throw new RequestValidationError([
      { field: 'title', problem: 'title must be at least 3 characters (not counting spaces at either end)' },
    ]);
  return trimmed;
}
