// The compliance rule of what a legal hold keeps, in one place: erasure answers (subject requests) and retention
// sweeps both ask here. An active hold (not released) keeps the enquiry it names, every enquiry of the person it
// names, and that person's own record. SQL fragments over an alias, evaluated inside a tenant transaction (row-level
// security confines `legal_holds` to the organisation).
//
// The subqueries are uncorrelated on purpose: PostgreSQL hashes the (few) held ids once and probes each record
// against them, where a correlated `exists` re-scanned every hold for every record (a million-record backlog under
// 500 holds took 57 s to list). Each leaves out NULLs: one NULL in the set would make `in` answer NULL rather than
// false for every record it does not hold, and `not (...)` would then silently keep them all.

/** An enquiry (`alias`) an active hold keeps: one on the enquiry itself or on its person. */
export const heldEnquiry = (alias: string) => `(
  ${alias}.id in (select h.enquiry_id from legal_holds h where h.released_at is null and h.enquiry_id is not null)
  or ${alias}.data_subject_id in (select h.data_subject_id from legal_holds h where h.released_at is null and h.data_subject_id is not null))`;

/** A person (`alias`) an active hold of their own keeps. */
export const heldPerson = (alias: string) =>
  `${alias}.id in (select h.data_subject_id from legal_holds h where h.released_at is null and h.data_subject_id is not null)`;

/** The hold that keeps an enquiry (`alias`): the earliest placed of those that do, or null. Correlated: ask it only of held records. */
export const holdKeeping = (alias: string) =>
  `(select h.id from legal_holds h where h.released_at is null and (h.enquiry_id = ${alias}.id or h.data_subject_id = ${alias}.data_subject_id) order by h.placed_at limit 1)`;
