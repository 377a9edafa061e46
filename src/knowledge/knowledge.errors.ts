import { DomainError, NotFoundError, RequestValidationError } from '../common/errors/domain-error.js';

export enum KnowledgeErrorCode {
  NotFound = 'KNOWLEDGE_ARTICLE_NOT_FOUND',
  Archived = 'KNOWLEDGE_ARTICLE_ARCHIVED',
}

/** Unknown, or another organisation's: the same answer. */
export const knowledgeArticleNotFound = () => new NotFoundError(KnowledgeErrorCode.NotFound, 'Knowledge article');
/** Changing (or archiving again) an archived article. */
export const articleArchived = () =>
  new DomainError(409, KnowledgeErrorCode.Archived, 'This knowledge article has been archived: it can no longer be changed');
/** Naming an archived article as the advice given or the guidance followed. */
export const archivedArticleNamed = () =>
  new DomainError(422, KnowledgeErrorCode.Archived, 'knowledgeArticleId names an archived knowledge article: choose one in use', [
    { field: 'knowledgeArticleId', problem: 'the article has been archived' },
  ]);
export const unknownService = () =>
  new RequestValidationError([{ field: 'service', problem: 'service must be one of your organisation’s services' }]);
export const nothingToChange = () =>
  new RequestValidationError([{ field: 'request', problem: 'give at least one of title, body, service, tags or reviewOn to change' }]);
