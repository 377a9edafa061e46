import type { PersonMatchReason } from '../contracts/person.js';
import type { DataSubjectIdentifierEntity } from './data-subject-identifier.entity.js';
import type { DataSubjectEntity } from './data-subject.entity.js';
import type { MatchReason } from './subject-criteria.js';

/** What the data-subjects service answers with: a person with their identifiers, and the people a search matched. */
export interface SubjectWithIdentifiers {
  subject: DataSubjectEntity;
  identifiers: DataSubjectIdentifierEntity[];
}

export interface SubjectMatch {
  dataSubjectId: string;
  name: string;
  matchedOn: string[];
}

export interface CriteriaMatch {
  dataSubjectId: string;
  name: string;
  matchedOn: MatchReason[];
}

export type { PersonMatchReason };
/** Every reason `possibleMatchesOf` gives, for the API's description. */
export const PERSON_MATCH_REASONS = [
  'email',
  'phone',
  'name+dateOfBirth',
  'name+postcode',
  'name+address',
] as const satisfies readonly PersonMatchReason[];

export interface PersonMatch {
  dataSubjectId: string;
  name: string;
  matchedOn: PersonMatchReason[];
}
