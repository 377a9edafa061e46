// The SQL the retention sweeper decides with, in one place so that the sweep benchmark (bench/retention-sweep.bench.mjs)
// measures exactly what the service runs. Each is a fragment over an enquiry aliased `e` or a person aliased `s`,
// evaluated inside a tenant transaction, so row-level security already confines every table to one organisation.

import { heldEnquiry, heldPerson, holdKeeping } from '../legal-holds/hold-rule.js';

/**
 * An enquiry (alias `e`) kept whatever its age: what a legal hold keeps (the rule in legal-holds/hold-rule.ts), or
 * an open subject-rights request about the person (its answer may need the record).
 */
export const ENQUIRY_KEPT = `(
  ${heldEnquiry('e')}
  or e.data_subject_id in (select u.id from subject_requests r cross join unnest(r.data_subject_ids) as u(id)
                           where r.status not in ('completed', 'refused') and u.id is not null))`;

/** Why an enquiry (alias `e`) is kept, for the sweep's list: the hold's id, or null for an open request. */
export const WHY_KEPT = holdKeeping('e');

/** Of the people `$1` whose enquiries were just erased, those with nothing left that needs their details. */
export const PEOPLE_LEFT = `select s.id from data_subjects s
          where s.id = any($1) and s.erased_at is null
            and not exists (select 1 from enquiries e where e.data_subject_id = s.id and e.erased_at is null)
            and not ${heldPerson('s')}
            and not exists (select 1 from subject_requests r where r.status not in ('completed', 'refused') and s.id = any(r.data_subject_ids))`;
