import { useEffect, useState } from 'preact/hooks';
import { request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { TextInput } from '../shared/govuk-form.js';

/** An article as search and suggestions list it: the API's KnowledgeArticleSummaryDto. */
export interface ArticleSummary {
  id: string;
  title: string;
  service?: string;
  tags: string[];
  reviewOn: string;
  overdueForReview: boolean;
  snippet: string;
  highlights: { start: number; end: number }[];
  rank?: number;
}

/** The article the advisor is working from: named when resolving, or when referring on its guidance. */
export interface ChosenArticle {
  id: string;
  title: string;
}

/**
 * A snippet cut at its highlights: plain text and the matched words to mark. Positions that are not whole numbers
 * inside the text, or that overlap one already taken, are ignored rather than trusted.
 */
export function snippetParts(snippet: string, highlights: { start: number; end: number }[]): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  const usable = highlights.filter(
    ({ start, end }) => Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= snippet.length,
  );
  for (const { start, end } of [...usable].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), marked: false });
    parts.push({ text: snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}

/** The snippet as text nodes, its matched words in <mark> elements: never markup from the API. */
function Snippet({ snippet, highlights }: { snippet: string; highlights: { start: number; end: number }[] }) {
  if (!snippet) return null;
  return (
    <p class="govuk-body signpost-pre-wrap govuk-!-margin-bottom-2">
      {snippetParts(snippet, highlights).map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}
    </p>
  );
}

function ArticleList({
  id,
  articles,
  serviceName,
  chosen,
  onUse,
}: {
  id: string;
  articles: ArticleSummary[];
  serviceName: (code: string) => string;
  chosen?: ChosenArticle;
  /** Absent when the enquiry can no longer be resolved or referred. */
  onUse?: (article: ChosenArticle) => void;
}) {
  return (
    <ul class="govuk-list" id={id}>
      {articles.map((article) => (
        <li key={article.id} class="signpost-timeline-entry" data-article={article.id}>
          <h4 class="govuk-heading-s govuk-!-margin-bottom-1">{article.title}</h4>
          <p class="govuk-body-s govuk-!-margin-bottom-1">
            {article.service ? `Service: ${serviceName(article.service)}` : 'No particular service'}
            {article.overdueForReview && ' '}
            {article.overdueForReview && <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-2">Review overdue</strong>}
          </p>
          <Snippet snippet={article.snippet} highlights={article.highlights} />
          {onUse &&
            (chosen?.id === article.id ? (
              <strong class="govuk-tag govuk-tag--green">Chosen</strong>
            ) : (
              <button
                type="button"
                class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                onClick={() => onUse({ id: article.id, title: article.title })}
              >
                Use this article<span class="govuk-visually-hidden"> {article.title}</span>
              </button>
            ))}
        </li>
      ))}
    </ul>
  );
}

/**
 * The knowledge base beside the enquiry: the articles suggested from its description, a search for others, and
 * the article the advice came from once it is resolved. "Use this article" chooses the one the resolve and
 * escalation forms name.
 */
export function KnowledgeArticles({
  description,
  usedArticleId,
  chosen,
  onUse,
}: {
  description: string;
  /** The article the enquiry was resolved or referred with, if any. */
  usedArticleId?: string;
  chosen?: ChosenArticle;
  onUse?: (article: ChosenArticle) => void;
}) {
  const session = useSession();
  // Every service, retired ones too: an article may still be about one.
  const services = useApi<{ code: string; name: string }[]>('/api/services').data ?? [];
  const used = useApi<{ title: string }>(usedArticleId ? `/api/knowledge/${encodeURIComponent(usedArticleId)}` : undefined).data?.title;
  const [suggestions, setSuggestions] = useState<ArticleSummary[]>();
  const [suggestError, setSuggestError] = useState<string>();
  const [words, setWords] = useState('');
  const [searchError, setSearchError] = useState<string>();
  const [results, setResults] = useState<{ words: string; articles: ArticleSummary[] }>();
  const text = description.trim().slice(0, 20000);

  useEffect(() => {
    setSuggestError(undefined);
    if (!text) return setSuggestions([]);
    request<{ suggestions: ArticleSummary[] }>('POST', '/api/knowledge/suggest', session, { text }).then(
      (answer) => setSuggestions(answer.suggestions),
      (failure: Error) => {
        setSuggestions([]);
        setSuggestError(failure.message);
      },
    );
  }, [session, text]);
  const serviceName = (code: string) => services.find((entry) => entry.code === code)?.name ?? code;

  return (
    <section aria-labelledby="knowledge-heading" id="knowledge" class="signpost-panel govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m" id="knowledge-heading">
        Knowledge articles
      </h2>
      {used && (
        <p class="govuk-body" id="article-used">
          Article used: <strong>{used}</strong>
        </p>
      )}
      <h3 class="govuk-heading-s" id="knowledge-suggested-heading">
        Suggested from the enquiry’s words
      </h3>
      {suggestions === undefined && <p class="govuk-body">Looking for articles…</p>}
      {suggestError && (
        <p class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> Articles could not be suggested: {suggestError}
        </p>
      )}
      {suggestions?.length === 0 && !suggestError && (
        <p class="govuk-body" id="no-knowledge-suggestions">
          No article shares a word with the enquiry. Search for one below.
        </p>
      )}
      {suggestions && suggestions.length > 0 && (
        <ArticleList id="knowledge-suggestions" articles={suggestions} serviceName={serviceName} chosen={chosen} onUse={onUse} />
      )}

      <form
        role="search"
        aria-label="Search knowledge articles"
        id="knowledge-search"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const typed = words.trim();
          if (!typed) return setSearchError('Enter words to search for');
          try {
            const articles = await request<ArticleSummary[]>(
              'GET',
              `/api/knowledge?${new URLSearchParams({ q: typed.slice(0, 200) })}`,
              session,
            );
            setSearchError(undefined);
            setResults({ words: typed, articles });
          } catch (failure) {
            setSearchError((failure as Error).message);
          }
        }}
      >
        <TextInput
          id="knowledge-words"
          label="Search for an article"
          labelSize="s"
          hint="Articles with all the words, in any form: “gritting” finds “grit”"
          type="search"
          maxLength={200}
          error={searchError}
          value={words}
          onInput={setWords}
        />
        <button type="submit" class="govuk-button govuk-button--secondary" id="knowledge-search-button">
          Search articles
        </button>
      </form>
      <p class="govuk-body" role="status" id="knowledge-search-status">
        {results &&
          (results.articles.length === 0
            ? `No articles found for “${results.words}”`
            : `${results.articles.length} article${results.articles.length === 1 ? '' : 's'} found for “${results.words}”`)}
      </p>
      {results && results.articles.length > 0 && (
        <ArticleList id="knowledge-results" articles={results.articles} serviceName={serviceName} chosen={chosen} onUse={onUse} />
      )}
    </section>
  );
}
