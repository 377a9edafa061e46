import type { SubjectWithIdentifiers } from '../data-subjects/subject-matches.js';
import type { ConsentRecord } from '../consent/consent-records.js';
import type { ConsentRecordDto, EnquiryDetailDto, EnquirySummaryDto, TimelineEntryDto } from './dto/enquiry-actions.dto.js';
import type { EnquiryEventEntity } from './enquiry-event.entity.js';
import type { EnquiryEntity } from './enquiry.entity.js';
import { enquirySla } from './enquiry-sla.js';

const instant = (name: string, date: Date | null) => (date ? { [name]: date.toISOString() } : {});

/** Due times and the state at `now` (null when no target is running: resolved, closed, or older than service levels). */
export function serviceLevelOf(
  enquiry: EnquiryEntity,
  now: Date,
): Pick<EnquirySummaryDto, 'firstResponseDueAt' | 'resolutionDueAt' | 'slaState' | 'slaDueAt' | 'waitingSince'> {
  const { slaState, slaDueAt } = enquirySla(enquiry, now);
  return {
    ...instant('firstResponseDueAt', enquiry.firstResponseDueAt),
    ...instant('resolutionDueAt', enquiry.resolutionDueAt),
    slaState,
    ...instant('slaDueAt', slaDueAt),
    ...instant('waitingSince', enquiry.waitingSince),
  };
}

export function toConsentRecordDto(record: ConsentRecord): ConsentRecordDto {
  return {
    id: record.id,
    purpose: record.purpose,
    specialCategories: record.specialCategories,
    method: record.method,
    privacyNoticeVersion: record.privacyNoticeVersion,
    givenAt: record.givenAt.toISOString(),
    ...(record.recordedBy ? { recordedBy: record.recordedBy } : {}),
    ...(record.withdrawnAt ? { withdrawnAt: record.withdrawnAt.toISOString() } : {}),
    ...(record.withdrawalMethod ? { withdrawalMethod: record.withdrawalMethod } : {}),
  };
}

export function toTimelineEntryDto(event: EnquiryEventEntity, mergedFrom?: { enquiryId: string; reference: string }): TimelineEntryDto {
  return {
    id: event.id,
    kind: event.kind,
    authorType: event.authorType,
    ...(event.authorId ? { authorId: event.authorId } : {}),
    ...(event.body !== null ? { text: event.body } : {}),
    metadata: event.metadata,
    at: event.createdAt.toISOString(),
    ...(mergedFrom ? { mergedFrom } : {}),
  };
}

/** The enquiries merged into one, and the one a merged enquiry was merged into, as the detail shows them. */
export interface MergeLinks {
  merged: Pick<EnquiryEntity, 'id' | 'reference' | 'mergedAt'>[];
  target: Pick<EnquiryEntity, 'id' | 'reference'> | null;
}

export function toEnquiryDetailDto(
  enquiry: EnquiryEntity,
  subject: SubjectWithIdentifiers,
  consents: readonly ConsentRecord[],
  timeline: EnquiryEventEntity[],
  links: MergeLinks = { merged: [], target: null },
  now: Date = new Date(),
  outcomeLabels: ReadonlyMap<string, string> = new Map(),
): EnquiryDetailDto {
  const mergedReferences = new Map(links.merged.map((duplicate) => [duplicate.id, duplicate.reference]));
  const mergedFrom = (event: EnquiryEventEntity) => {
    const reference = event.enquiryId === enquiry.id ? undefined : mergedReferences.get(event.enquiryId);
    return reference ? { enquiryId: event.enquiryId, reference } : undefined;
  };
  const values = (kind: string) =>
    subject.identifiers.filter((identifier) => identifier.kind === kind).map((identifier) => identifier.value);
  const s = subject.subject;
  return {
    id: enquiry.id,
    reference: enquiry.reference,
    status: enquiry.status,
    channel: enquiry.channel,
    ...(enquiry.sourceReference ? { sourceReference: enquiry.sourceReference } : {}),
    requesterType: enquiry.requesterType,
    ...(enquiry.topic ? { topic: enquiry.topic } : {}),
    description: enquiry.description,
    legalBasis: enquiry.legalBasis,
    retentionClass: enquiry.retentionClass,
    specialCategory: {
      categories: enquiry.specialCategories,
      ...(enquiry.specialCategoryDetails ? { details: enquiry.specialCategoryDetails } : {}),
      redacted: Boolean(enquiry.specialCategoryRedactedAt),
    },
    subject: {
      id: s.id,
      name: s.name,
      ...(s.dateOfBirth ? { dateOfBirth: s.dateOfBirth } : {}),
      phones: values('phone'),
      emails: values('email'),
      ...(s.postalAddress ? { address: s.postalAddress } : {}),
      ...(s.postcode ? { postcode: s.postcode } : {}),
    },
    ...(enquiry.assigneeId ? { assigneeId: enquiry.assigneeId } : {}),
    ...instant('assignedAutomaticallyAt', enquiry.assignedAutomaticallyAt),
    ...(enquiry.resolutionAdvice ? { resolutionAdvice: enquiry.resolutionAdvice } : {}),
    ...(enquiry.knowledgeArticleId ? { knowledgeArticleId: enquiry.knowledgeArticleId } : {}),
    ...(enquiry.signpostedTo ? { signpostedTo: enquiry.signpostedTo } : {}),
    ...(enquiry.outcomeCode
      ? {
          outcome: {
            code: enquiry.outcomeCode,
            label: outcomeLabels.get(enquiry.outcomeCode) ?? enquiry.outcomeCode,
            recordedAt: (enquiry.outcomeAt ?? enquiry.updatedAt).toISOString(),
            ...(enquiry.outcomeBy ? { recordedBy: enquiry.outcomeBy } : {}),
          },
        }
      : {}),
    consents: consents.map(toConsentRecordDto),
    timeline: timeline.map((event) => toTimelineEntryDto(event, mergedFrom(event))),
    ...(enquiry.mergedIntoId && links.target && enquiry.mergedAt
      ? {
          mergedInto: {
            enquiryId: links.target.id,
            reference: links.target.reference,
            mergedAt: enquiry.mergedAt.toISOString(),
            ...(enquiry.mergedBy ? { mergedBy: enquiry.mergedBy } : {}),
          },
        }
      : {}),
    ...(links.merged.length > 0
      ? {
          mergedEnquiries: links.merged.map((duplicate) => ({
            enquiryId: duplicate.id,
            reference: duplicate.reference,
            mergedAt: (duplicate.mergedAt ?? new Date(0)).toISOString(),
          })),
        }
      : {}),
    createdAt: enquiry.createdAt.toISOString(),
    updatedAt: enquiry.updatedAt.toISOString(),
    ...instant('resolvedAt', enquiry.resolvedAt),
    ...instant('escalatedAt', enquiry.escalatedAt),
    ...instant('closedAt', enquiry.closedAt),
    ...instant('firstRespondedAt', enquiry.firstRespondedAt),
    ...serviceLevelOf(enquiry, now),
  };
}

export function toEnquirySummaryDto(enquiry: EnquiryEntity & { subjectName: string }, now: Date = new Date()): EnquirySummaryDto {
  return {
    id: enquiry.id,
    reference: enquiry.reference,
    status: enquiry.status,
    channel: enquiry.channel,
    ...(enquiry.topic ? { topic: enquiry.topic } : {}),
    subjectName: enquiry.subjectName,
    ...(enquiry.assigneeId ? { assigneeId: enquiry.assigneeId } : {}),
    ...(enquiry.assignedAutomaticallyAt ? { assignedAutomaticallyAt: enquiry.assignedAutomaticallyAt.toISOString() } : {}),
    createdAt: enquiry.createdAt.toISOString(),
    ...serviceLevelOf(enquiry, now),
  };
}

/** The personal-data fields an enquiry detail shows, named for the audit trail. */
export function fieldsShown(detail: EnquiryDetailDto): string[] {
  const subject = Object.entries(detail.subject)
    .filter(([key, value]) => key !== 'id' && (Array.isArray(value) ? value.length > 0 : value !== undefined))
    .map(([key]) => `subject.${key}`);
  return [
    ...subject,
    'description',
    ...(detail.specialCategory.details ? ['specialCategory.details'] : []),
    ...(detail.timeline.some((e) => e.text) ? ['timeline.text'] : []),
  ].sort();
}
