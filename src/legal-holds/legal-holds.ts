import type { EntityManager } from 'typeorm';
import { heldEnquiry, heldPerson, holdKeeping } from './hold-rule.js';

/** The enquiries, of those given, that an active legal hold keeps (see hold-rule.ts), with the hold that keeps each. */
export async function heldEnquiries(m: EntityManager, enquiryIds: string[]): Promise<Map<string, string>> {
  if (enquiryIds.length === 0) return new Map();
  const rows: { enquiry_id: string; hold_id: string }[] = await m.query(
    `select e.id as enquiry_id, ${holdKeeping('e')} as hold_id from enquiries e where e.id = any($1) and ${heldEnquiry('e')}`,
    [enquiryIds],
  );
  return new Map(rows.map((row) => [row.enquiry_id, row.hold_id]));
}

/** The people, of those given, that an active legal hold of their own keeps. */
export async function heldSubjects(m: EntityManager, dataSubjectIds: string[]): Promise<Set<string>> {
  if (dataSubjectIds.length === 0) return new Set();
  const rows: { id: string }[] = await m.query(`select s.id from data_subjects s where s.id = any($1) and ${heldPerson('s')}`, [
    dataSubjectIds,
  ]);
  return new Set(rows.map((row) => row.id));
}
