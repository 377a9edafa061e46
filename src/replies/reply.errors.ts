import { DomainError, NotFoundError, RequestValidationError } from '../common/errors/domain-error.js';

export const replyRefused = (refusal: { status?: number; code: string; reason: string }) =>
  new DomainError(refusal.status ?? 409, refusal.code, refusal.reason);
export const savedReplyNotFound = () => new NotFoundError('SAVED_REPLY_NOT_FOUND', 'Saved reply');
export const savedReplyTitleTaken = () =>
  new DomainError(409, 'SAVED_REPLY_TITLE_TAKEN', 'title: your organisation already has a saved reply with this title');
export const unknownVariables = (field: string, names: string[]) =>
  new RequestValidationError([
    {
      field,
      problem: `unknown variable${names.length > 1 ? 's' : ''} ${names.map((name) => `((${name}))`).join(', ')}: use ((name)), ((reference)), ((advisor)) or ((organisation))`,
    },
  ]);
export const nothingToSend = () =>
  new RequestValidationError([{ field: 'text', problem: 'text is required unless savedReplyId or knowledgeArticleId gives it' }]);
export const notifyNotConfigured = (what: string) =>
  new DomainError(
    409,
    'NOTIFY_NOT_CONFIGURED',
    `${what} go through GOV.UK Notify: set the organisation’s Notify key and its ${what === 'Texts' ? 'replySms' : 'replyEmail'} template first`,
  );
export const mailNotConfigured = () =>
  new DomainError(
    409,
    'MAIL_NOT_CONFIGURED',
    'E-mail replies need MAIL_TRANSPORT_URL (or the organisation’s GOV.UK Notify reply template)',
  );
export const replyNotFound = () => new NotFoundError('REPLY_NOT_FOUND', 'Reply');
export const replyNotFailed = () =>
  new DomainError(409, 'REPLY_NOT_FAILED', 'Only a reply that failed can be sent again: this one is queued, sent or delivered');
export const outcomeWithoutResolve = () =>
  new RequestValidationError([{ field: 'outcome', problem: 'outcome goes with resolve: true (it wraps up the enquiry)' }]);
