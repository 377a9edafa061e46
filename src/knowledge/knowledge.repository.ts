import { Injectable } from '@nestjs/common';
import type { DeepPartial, EntityManager } from 'typeorm';
import { insertRow } from '../database/insert-row.js';
import { KnowledgeArticleEntity } from './knowledge-article.entity.js';
import { HEADLINE_OPTIONS, OPENING_OPTIONS } from './knowledge-query.js';
import { serviceExists } from '../directory/service-reads.js';

/** An article as search shows it: no body, a marked headline instead. */
export interface ArticleHitRow {
  id: string;
  title: string;
  service_code: string | null;
  tags: string[];
  review_on: string;
  updated_at: Date;
  overdue: boolean;
  /** ts_headline of the body, matches between MATCH_START and MATCH_END. */
  headline: string;
  rank: number | null;
}

interface Ranked {
  /** SQL giving the tsquery from $1. */
  query: string;
  /** An article whose title matches the whole query comes before any that do not. */
  titleFirst: boolean;
}

/** websearch_to_tsquery: what a search box means ("quoted phrase", or, -word); it never fails on any input. */
const SEARCH_BOX: Ranked = { query: `websearch_to_tsquery('english', $1)`, titleFirst: true };
/** Any of the words (anyWordQuery builds the source): a title sharing one word says little, so rank alone orders. */
const ANY_WORD: Ranked = { query: `to_tsquery('english', $1)`, titleFirst: false };

/**
 * Ranked matches, best first: ts_rank_cd over the weighted vector (title 1.0, tags 0.4, body 0.2; scaled to 0–1),
 * newest first among equals. The GIN index finds the matches; row-level security keeps them the tenant's.
 * Headlines are made only for the rows returned. $1 query source, $2 service code or null, $3 limit, $4 today (UK),
 * $5 headline options.
 */
function rankedSql({ query, titleFirst }: Ranked): string {
  const order = `${titleFirst ? 'title_match desc, ' : ''}rank desc, updated_at desc, id`;
  return `
    with query as (select ${query} as q),
    hits as (
      select a.id, a.title, a.body, a.service_code, a.tags, a.review_on, a.updated_at,
             ts_rank_cd(a.search, query.q, 32) as rank,
             to_tsvector('english', a.title) @@ query.q as title_match
        from knowledge_articles a, query
       where a.archived_at is null and a.search @@ query.q and ($2::text is null or a.service_code = $2)
       order by ${order}
       limit $3)
    select id, title, service_code, tags, review_on, updated_at, rank, review_on < $4::date as overdue,
           ts_headline('english', body, (select q from query), $5) as headline
      from hits
     order by ${order}`;
}

/** An article listed without a query, showing its opening words: today (UK) and the headline options are $1 and $2. */
const LISTED = `id, title, service_code, tags, review_on, updated_at, null::real as rank, review_on < $1::date as overdue,
                ts_headline('english', body, ''::tsquery, $2) as headline`;

/** Knowledge articles of the current tenant; every statement runs in the caller's tenant transaction. */
@Injectable()
export class KnowledgeRepository {
  insert(m: EntityManager, values: DeepPartial<KnowledgeArticleEntity>): Promise<KnowledgeArticleEntity> {
    return insertRow(m, KnowledgeArticleEntity, values);
  }

  findById(m: EntityManager, id: string): Promise<KnowledgeArticleEntity | null> {
    return m.findOne(KnowledgeArticleEntity, { where: { id } });
  }

  findForUpdate(m: EntityManager, id: string): Promise<KnowledgeArticleEntity | null> {
    return m.findOne(KnowledgeArticleEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(m: EntityManager, article: KnowledgeArticleEntity): Promise<KnowledgeArticleEntity> {
    return m.save(article);
  }

  /** Whether an article is there to be named (null: no such article here), held so it cannot be archived meanwhile. */
  async archivedState(m: EntityManager, id: string): Promise<{ archived: boolean } | null> {
    const [row]: { archived: boolean }[] = await m.query(
      `select archived_at is not null as archived from knowledge_articles where id = $1 for share`,
      [id],
    );
    return row ?? null;
  }

  serviceExists(m: EntityManager, code: string): Promise<boolean> {
    return serviceExists(m, code);
  }

  /** Articles matching what was typed into the search box. */
  search(m: EntityManager, searchBox: string, service: string | null, limit: number, today: string): Promise<ArticleHitRow[]> {
    return m.query(rankedSql(SEARCH_BOX), [searchBox, service, limit, today, HEADLINE_OPTIONS]);
  }

  /** Articles sharing any word with an enquiry; `anyWord` comes from anyWordQuery. */
  matchingAnyWord(m: EntityManager, anyWord: string, limit: number, today: string): Promise<ArticleHitRow[]> {
    return m.query(rankedSql(ANY_WORD), [anyWord, null, limit, today, HEADLINE_OPTIONS]);
  }

  /** The most recently updated articles in use. */
  recent(m: EntityManager, service: string | null, limit: number, today: string): Promise<ArticleHitRow[]> {
    return m.query(
      `select ${LISTED} from knowledge_articles
        where archived_at is null and ($3::text is null or service_code = $3)
        order by updated_at desc, id limit $4`,
      [today, OPENING_OPTIONS, service, limit],
    );
  }

  /** Articles in use whose review date has passed, longest overdue first. */
  reviewDue(m: EntityManager, today: string, limit: number): Promise<ArticleHitRow[]> {
    return m.query(
      `select ${LISTED} from knowledge_articles
        where archived_at is null and review_on < $1::date
        order by review_on, title, id limit $3`,
      [today, OPENING_OPTIONS, limit],
    );
  }
}
