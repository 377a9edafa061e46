import type { CriteriaMatch } from '../data-subjects/subject-matches.js';
import type { FoundSubjectDto, SubjectHoldingsDto } from './dto/subject-search.dto.js';
import { HOLDING_COUNTS, type HeldEnquiry } from './subject-holdings.repository.js';

export interface FoundSubject {
  match: CriteriaMatch;
  /** Newest first. */
  enquiries: HeldEnquiry[];
}

/** Joins each matched person with their enquiries, in the order the matches came. */
export function gatherHoldings(matches: CriteriaMatch[], enquiries: HeldEnquiry[]): FoundSubject[] {
  const bySubject = new Map<string, HeldEnquiry[]>(matches.map((match) => [match.dataSubjectId, []]));
  for (const enquiry of enquiries) bySubject.get(enquiry.dataSubjectId)?.push(enquiry);
  return matches.map((match) => ({ match, enquiries: bySubject.get(match.dataSubjectId) ?? [] }));
}

export function toFoundSubjectDto({ match, enquiries }: FoundSubject): FoundSubjectDto {
  const holdings = Object.fromEntries(
    HOLDING_COUNTS.map((kind) => [kind, enquiries.reduce((sum, enquiry) => sum + enquiry.counts[kind], 0)]),
  ) as Omit<SubjectHoldingsDto, 'enquiries'>;
  return {
    dataSubjectId: match.dataSubjectId,
    name: match.name,
    matchedOn: match.matchedOn,
    holdings: {
      enquiries: enquiries.map((enquiry) => ({
        id: enquiry.id,
        reference: enquiry.reference,
        channel: enquiry.channel,
        status: enquiry.status,
        createdAt: enquiry.createdAt.toISOString(),
      })),
      ...holdings,
    },
  };
}
