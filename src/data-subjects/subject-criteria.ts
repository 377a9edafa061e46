import type { FieldProblem } from '../common/errors/domain-error.js';
import { ADDRESS_MIN_WORDS, addressKey, addressKeyPrefixes, emailKey, nameKey, phoneKey, postcodeKey } from './subject-keys.js';

/** What a person may be looked for by, as the DPO or an advisor wrote it down. */
export interface SubjectDescription {
  name?: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
  address?: string;
  postcode?: string;
}

export const DESCRIPTION_FIELDS = [
  'name',
  'email',
  'phone',
  'dateOfBirth',
  'address',
  'postcode',
] as const satisfies readonly (keyof SubjectDescription)[];
export type DescriptionField = (typeof DESCRIPTION_FIELDS)[number];

/**
 * One way a held data subject can be the person described, as normalised keys. `reason` is what the search
 * reports as `matchedOn`. A name alone is a weak reason; with a date of birth or postcode it is a strong one.
 */
export type SubjectCriterion =
  | { reason: 'email'; key: string }
  | { reason: 'phone'; key: string }
  | { reason: 'name+dateOfBirth'; nameKey: string; dateOfBirth: string }
  | { reason: 'name+postcode'; nameKey: string; postcodeKey: string }
  | { reason: 'name'; nameKey: string }
  | { reason: 'address'; key: string; prefixes: string[] };
export type MatchReason = SubjectCriterion['reason'];

export type ParsedDescription =
  { ok: true; criteria: SubjectCriterion[]; given: DescriptionField[] } | { ok: false; problems: FieldProblem[] };

const present = (text: string | undefined): text is string => typeof text === 'string' && text.trim().length > 0;

/**
 * Turns a description of a person into search criteria, or says which fields cannot be searched by:
 * a blank or unreadable value, or a date of birth or postcode without the name it narrows.
 */
export function describeSubject(input: SubjectDescription): ParsedDescription {
  const problems: FieldProblem[] = [];
  const criteria: SubjectCriterion[] = [];
  const given = DESCRIPTION_FIELDS.filter((field) => input[field] !== undefined);
  for (const field of given) if (!present(input[field])) problems.push({ field, problem: `${field} must not be blank` });

  if (present(input.email)) criteria.push({ reason: 'email', key: emailKey(input.email) });
  if (present(input.phone)) {
    const key = phoneKey(input.phone);
    if (key) criteria.push({ reason: 'phone', key });
    else problems.push({ field: 'phone', problem: 'phone must be a telephone number' });
  }
  if (present(input.name)) {
    const key = nameKey(input.name);
    if (!key) problems.push({ field: 'name', problem: 'name must contain letters or digits' });
    else {
      if (present(input.dateOfBirth)) criteria.push({ reason: 'name+dateOfBirth', nameKey: key, dateOfBirth: input.dateOfBirth.trim() });
      if (present(input.postcode)) {
        const postcode = postcodeKey(input.postcode);
        if (postcode) criteria.push({ reason: 'name+postcode', nameKey: key, postcodeKey: postcode });
        else problems.push({ field: 'postcode', problem: 'postcode must be a postcode' });
      }
      if (!present(input.dateOfBirth) && !present(input.postcode)) criteria.push({ reason: 'name', nameKey: key });
    }
  } else {
    // Thousands share a birthday or a postcode: on their own they describe no one.
    if (present(input.dateOfBirth)) problems.push({ field: 'dateOfBirth', problem: 'dateOfBirth narrows a name: give name as well' });
    if (present(input.postcode)) problems.push({ field: 'postcode', problem: 'postcode narrows a name: give name as well' });
  }
  if (present(input.address)) {
    const key = addressKey(input.address);
    if (key.split(' ').filter(Boolean).length >= ADDRESS_MIN_WORDS)
      criteria.push({ reason: 'address', key, prefixes: addressKeyPrefixes(key) });
    else problems.push({ field: 'address', problem: 'address must give at least a house number or name and a street' });
  }

  if (problems.length > 0) return { ok: false, problems };
  if (criteria.length === 0)
    return { ok: false, problems: [{ field: 'name', problem: 'give at least one of name, email, phone or address' }] };
  return { ok: true, criteria, given };
}
