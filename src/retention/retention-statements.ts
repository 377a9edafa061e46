// The SQL the retention sweeper decides with, in one place so that the sweep benchmark (bench/retention-sweep.bench.mjs)
// measures exactly what the service runs. Each is a fragment over an enquiry aliased `e` or a person aliased `s`,
// evaluated inside a tenant transaction, so row-level security already confines every table to one organisation.

/**
 * An enquiry (alias `e`) kept whatever its age: a legal hold on it or its person, or an open request about the person.
 *
 * The subqueries are uncorrelated on purpose: PostgreSQL hashes the (few) held ids once and probes each expired
 * record against them, where a correlated `exists` re-scanned every hold for every record (a million-record backlog
 * under 500 holds took 57 s to list). Each subquery leaves out NULLs: one NULL in the set would make `in` answer
 * NULL rather than false for every record it does not hold, and `not (...)` would then silently keep them all.
 */
export const ENQUIRY_KEPT = `(
  e.id in (select h.enquiry_id from legal_holds h where h.released_at is null and h.enquiry_id is not null)
  or e.data_subject_id in (select h.data_subject_id from legal_holds h where h.released_at is null and h.data_subject_id is not null)
  or e.data_subject_id in (select u.id from subject_requests r cross join unnest(r.data_subject_ids) as u(id)
                           where r.status not in ('completed', 'refused') and u.id is not null))`;

/**
 * Why an enquiry (alias `e`) is kept, for the sweep's list: the hold's id, or null for an open request. Correlated,
 * but only ever evaluated for records already known to be kept.
 */
export const WHY_KEPT = `(select h.id from legal_holds h where h.released_at is null and (h.enquiry_id = e.id or h.data_subject_id = e.data_subject_id) order by h.placed_at limit 1)`;

/** Of the people `$1` whose enquiries were just erased, those with nothing left that needs their details. */
export const PEOPLE_LEFT = `select s.id from data_subjects s
          where s.id = any($1) and s.erased_at is null
            and not exists (select 1 from enquiries e where e.data_subject_id = s.id and e.erased_at is null)
            and not exists (select 1 from legal_holds h where h.released_at is null and h.data_subject_id = s.id)
            and not exists (select 1 from subject_requests r where r.status not in ('completed', 'refused') and s.id = any(r.data_subject_ids))`;
