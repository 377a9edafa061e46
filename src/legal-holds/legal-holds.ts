import type { EntityManager } from 'typeorm';

/** The enquiries, of those given, under an active legal hold (on the enquiry or on its person), with a hold each. */
export async function heldEnquiries(m: EntityManager, enquiryIds: string[]): Promise<Map<string, string>> {
  if (enquiryIds.length === 0) return new Map();
  const rows: { enquiry_id: string; hold_id: string }[] = await m.query(
    `select distinct on (e.id) e.id as enquiry_id, h.id as hold_id
       from enquiries e
       join legal_holds h on h.released_at is null and (h.enquiry_id = e.id or h.data_subject_id = e.data_subject_id)
      where e.id = any($1)
      order by e.id, h.placed_at`,
    [enquiryIds],
  );
  return new Map(rows.map((row) => [row.enquiry_id, row.hold_id]));
}

/** The people, of those given, under an active legal hold of their own. */
export async function heldSubjects(m: EntityManager, dataSubjectIds: string[]): Promise<Set<string>> {
  if (dataSubjectIds.length === 0) return new Set();
  const rows: { data_subject_id: string }[] = await m.query(`select distinct data_subject_id from legal_holds where released_at is null and data_subject_id = any($1)`, [dataSubjectIds]);
  return new Set(rows.map((row) => row.data_subject_id));
}
