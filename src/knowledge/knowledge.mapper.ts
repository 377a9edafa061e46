import type { KnowledgeArticleDto, KnowledgeArticleSummaryDto } from './dto/knowledge.dto.js';
import type { KnowledgeArticleEntity } from './knowledge-article.entity.js';
import { parseHeadline } from './knowledge-query.js';
import type { ArticleHitRow } from './knowledge.repository.js';

export function toKnowledgeArticleDto(article: KnowledgeArticleEntity, today: string): KnowledgeArticleDto {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    ...(article.serviceCode ? { service: article.serviceCode } : {}),
    tags: article.tags,
    reviewOn: article.reviewOn,
    overdueForReview: article.reviewOn < today,
    ...(article.createdBy ? { createdBy: article.createdBy } : {}),
    ...(article.updatedBy ? { updatedBy: article.updatedBy } : {}),
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    ...(article.archivedAt ? { archivedAt: article.archivedAt.toISOString() } : {}),
  };
}

export function toKnowledgeSummaryDto(row: ArticleHitRow): KnowledgeArticleSummaryDto {
  const { snippet, highlights } = parseHeadline(row.headline ?? '');
  return {
    id: row.id,
    title: row.title,
    ...(row.service_code ? { service: row.service_code } : {}),
    tags: row.tags,
    reviewOn: row.review_on,
    overdueForReview: row.overdue,
    snippet,
    highlights,
    ...(row.rank !== null ? { rank: Math.round(row.rank * 10000) / 10000 } : {}),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Tags as stored: trimmed, spaces collapsed, lower case, each once, in the order given. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().replace(/\s+/g, ' ').toLowerCase()).filter((tag) => tag.length > 0))];
}
