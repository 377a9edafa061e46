import { DomainError } from '../common/errors/domain-error.js';

/** Every refusal a subject request can answer with, by code: the one place the codes and their wording live. */
export const subjectRequestNotFound = () => new DomainError(404, 'SUBJECT_REQUEST_NOT_FOUND', 'Subject request not found');
export const subjectRequestClosed = () => new DomainError(409, 'SUBJECT_REQUEST_CLOSED', 'The request is closed');
export const attachmentNotFound = () =>
  new DomainError(404, 'ATTACHMENT_NOT_FOUND', 'No such attachment among the confirmed people’s records');
export const identityNotVerified = () =>
  new DomainError(409, 'IDENTITY_NOT_VERIFIED', 'The requester’s identity has not been verified yet');
export const authorityNotVerified = () =>
  new DomainError(409, 'AUTHORITY_NOT_VERIFIED', 'The authority of the person acting for the requester has not been verified yet');
export const noSubjectsConfirmed = () =>
  new DomainError(409, 'NO_SUBJECTS_CONFIRMED', 'Confirm which records are the requester’s first (POST …/subjects)');
/** The action answers other types of request: `NOT_AN_ACCESS_REQUEST`, `NOT_AN_ERASURE_REQUEST`, `NOT_A_RECTIFICATION_REQUEST`, `NOT_A_RESTRICTION_REQUEST`, `NOT_AN_OBJECTION`, `NOT_A_WITHDRAWAL_REQUEST`. */
export const wrongRequestType = (code: string, message: string) => new DomainError(409, code, message);
export const notRestricted = () => new DomainError(409, 'NOT_RESTRICTED', 'This request keeps nothing restricted');
export const noRepresentative = () =>
  new DomainError(409, 'NO_REPRESENTATIVE', 'Nobody acts for the person in this request: no authority is needed');
export const alreadyPaused = () => new DomainError(409, 'ALREADY_PAUSED', 'A clarification is awaited already');
export const notPaused = () => new DomainError(409, 'NOT_PAUSED', 'No clarification is awaited');
export const alreadyExtended = (on: string | null) => new DomainError(409, 'ALREADY_EXTENDED', `The request was extended on ${on}`);
export const extensionTooLate = (by: string) =>
  new DomainError(409, 'EXTENSION_TOO_LATE', `An extension had to be recorded by ${by}, the end of the first month`);
