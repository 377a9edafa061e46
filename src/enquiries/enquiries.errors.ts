import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export enum EnquiryErrorCode {
  NotFound = 'ENQUIRY_NOT_FOUND',
  ExplicitConsentRequired = 'EXPLICIT_CONSENT_REQUIRED',
  ConsentRequired = 'CONSENT_REQUIRED',
  UnknownPrivacyNotice = 'UNKNOWN_PRIVACY_NOTICE_VERSION',
  SubjectNotFound = 'DATA_SUBJECT_NOT_FOUND',
  AssigneeNotEligible = 'ASSIGNEE_NOT_ELIGIBLE',
  ConsentNotFound = 'CONSENT_NOT_FOUND',
  ConsentAlreadyWithdrawn = 'CONSENT_ALREADY_WITHDRAWN',
  WaitNotAllowed = 'WAIT_NOT_ALLOWED',
  NotWaiting = 'NOT_WAITING',
  Erased = 'ENQUIRY_ERASED',
  AlreadyMerged = 'ENQUIRY_ALREADY_MERGED',
  Closed = 'ENQUIRY_CLOSED',
  MergeTargetClosed = 'MERGE_TARGET_CLOSED',
  MergeIntoItself = 'MERGE_INTO_ITSELF',
  SubjectAlreadyLinked = 'DATA_SUBJECT_ALREADY_LINKED',
  SubjectErased = 'DATA_SUBJECT_ERASED',
  PersonOnLegalHold = 'PERSON_ON_LEGAL_HOLD',
}

export const enquiryNotFound = () => new NotFoundError(EnquiryErrorCode.NotFound, 'Enquiry');
export const explicitConsentRequired = () =>
  new DomainError(
    422,
    EnquiryErrorCode.ExplicitConsentRequired,
    'Special category data needs explicit consent (UK GDPR Art. 9(2)(a)): set specialCategory.explicitConsent to true once the person has given it',
  );
export const consentRequired = () =>
  new DomainError(422, EnquiryErrorCode.ConsentRequired, 'The legal basis "consent" needs a consent record with given: true');
// Names the field, never repeats its value (error bodies and logs carry no input values).
export const unknownPrivacyNotice = () =>
  new DomainError(
    422,
    EnquiryErrorCode.UnknownPrivacyNotice,
    'consent.privacyNoticeVersion is not a privacy-notice version your organisation has published',
  );
export const subjectNotFound = () => new NotFoundError(EnquiryErrorCode.SubjectNotFound, 'Data subject');
export const assigneeNotEligible = () =>
  new DomainError(
    422,
    EnquiryErrorCode.AssigneeNotEligible,
    'Enquiries can be assigned only to an enabled advisor or supervisor of your organisation',
  );
export const consentNotFound = () => new NotFoundError(EnquiryErrorCode.ConsentNotFound, 'Consent record');
export const consentAlreadyWithdrawn = () =>
  new DomainError(409, EnquiryErrorCode.ConsentAlreadyWithdrawn, 'This consent has already been withdrawn');
export const waitNotAllowed = (status: string, alreadyWaiting: boolean) =>
  new DomainError(
    409,
    EnquiryErrorCode.WaitNotAllowed,
    alreadyWaiting
      ? 'The enquiry is already waiting for the citizen'
      : `Only a new or in-progress enquiry can wait for the citizen; this one is ${status}`,
  );
export const notWaiting = () => new DomainError(409, EnquiryErrorCode.NotWaiting, 'The enquiry is not waiting for the citizen');

// Linking an enquiry to a person and merging enquiries (enquiry-linking.service.ts).
export const enquiryErased = () =>
  new DomainError(409, EnquiryErrorCode.Erased, 'This enquiry’s personal content was erased: it can no longer be linked or merged');
export const enquiryAlreadyMerged = () =>
  new DomainError(409, EnquiryErrorCode.AlreadyMerged, 'This enquiry was closed as merged into another: work on that one instead');
export const enquiryClosed = () =>
  new DomainError(409, EnquiryErrorCode.Closed, 'A closed enquiry cannot be merged: only an enquiry still being worked on can');
export const mergeTargetClosed = () =>
  new DomainError(409, EnquiryErrorCode.MergeTargetClosed, 'intoEnquiryId names a closed enquiry: merge into one still being worked on');
export const mergeIntoItself = () =>
  new DomainError(422, EnquiryErrorCode.MergeIntoItself, 'intoEnquiryId names this enquiry: an enquiry cannot be merged into itself', [
    { field: 'intoEnquiryId', problem: 'intoEnquiryId must name another enquiry' },
  ]);
export const subjectAlreadyLinked = () =>
  new DomainError(409, EnquiryErrorCode.SubjectAlreadyLinked, 'The enquiry is already recorded against this person');
export const subjectErased = () =>
  new DomainError(409, EnquiryErrorCode.SubjectErased, 'That person’s details were erased: an enquiry cannot be linked to them');
export const personOnLegalHold = () =>
  new DomainError(
    409,
    EnquiryErrorCode.PersonOnLegalHold,
    'A legal hold on the person this enquiry is recorded against keeps their enquiries: linking it to someone else would take it out of the hold. Release the hold first',
  );
