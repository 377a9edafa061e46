import { In, type EntityManager } from 'typeorm';
import { StaffUserEntity } from './staff-user.entity.js';

/**
 * How other contexts read staff accounts (chat routing, transfers, assignment): by id, inside the caller's
 * transaction and tenant. Only src/identity writes staff_users.
 */

/** A member of staff as other contexts see them: read-only, and never the password hash. */
export type StaffMember = Readonly<Omit<StaffUserEntity, 'organisation' | 'service' | 'passwordHash'>>;

export function findStaffMember(m: EntityManager, id: string): Promise<StaffMember | null> {
  return m.findOne(StaffUserEntity, { where: { id } });
}

export async function staffMember(m: EntityManager, id: string): Promise<StaffMember> {
  const found = await findStaffMember(m, id);
  if (!found) throw new Error('A member of staff the caller holds a reference to is not in its tenant');
  return found;
}

/** The enabled members of staff among these ids. */
export function enabledStaff(m: EntityManager, ids: string[]): Promise<StaffMember[]> {
  return m.find(StaffUserEntity, { where: { id: In(ids), disabled: false } });
}

/** The enabled member of staff who signs in with this e-mail address (the telephony platform's agent login). */
export function enabledStaffByLogin(m: EntityManager, email: string): Promise<StaffMember | null> {
  return m.findOne(StaffUserEntity, { where: { email: email.trim().toLowerCase(), disabled: false } });
}
