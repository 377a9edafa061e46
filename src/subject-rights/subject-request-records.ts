import type { EntityManager } from 'typeorm';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { ukDate } from '../common/uk-date.js';
import type { UkNation } from '../tenancy/bank-holidays.js';
import type { SubjectRequestDto } from './dto/subject-request.dto.js';
import { daysBetween, readClock, type ClockFacts } from './statutory-clock.js';
import type { RequestAction } from '../contracts/subject-requests.js';
import { SubjectRequestEntity } from './subject-request.entity.js';
import {
  authorityNotVerified,
  identityNotVerified,
  noSubjectsConfirmed,
  subjectRequestClosed,
  subjectRequestNotFound,
  wrongRequestType,
} from './subject-request.errors.js';
import { readOrganisation } from '../tenancy/organisation-reads.js';

// What every part of a subject request's handling shares: reading and locking the request, the organisation's
// nation for the clock, the record of actions, the checks before acting on anyone's data, and the answer's shape.

/** The request, locked for the rest of the transaction; refused when unknown or already closed. */
export async function openForUpdate(m: EntityManager, id: string): Promise<SubjectRequestEntity> {
  const request = await m.findOne(SubjectRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!request) throw subjectRequestNotFound();
  if (request.status === 'completed' || request.status === 'refused') throw subjectRequestClosed();
  return request;
}

/** Deadlines run on the bank holidays of the organisation's nation (England and Wales when it sets none). */
export async function nationOf(m: EntityManager): Promise<UkNation> {
  const organisation = await readOrganisation(m, requestContext.tenant());
  return organisation.businessHours.bankHolidays === 'none' ? 'england-and-wales' : organisation.businessHours.bankHolidays;
}

/** A date or an instant as the UK calendar date it fell on; refused when in the future. */
export function ukDayOf(value: string, field: string): string {
  const day = value.length === 10 ? value : ukDate(new Date(value));
  if (Number.isNaN(Date.parse(value)) || day > ukDate())
    throw new RequestValidationError([{ field, problem: `${field} must be a real date, not in the future` }]);
  return day;
}

/** Adds what the request did to its record of actions (saved with the request). */
export async function noteAction(m: EntityManager, request: SubjectRequestEntity, action: Omit<RequestAction, 'at'>): Promise<void> {
  request.actions = [...(request.actions ?? []), { at: new Date().toISOString(), ...action }];
  await m.save(request);
}

/** Whether the request's own actions leave the people's data restricted now. */
export function restrictedBy(request: SubjectRequestEntity): boolean {
  const last = (request.actions ?? [])
    .filter((entry) => ['restricted', 'objection_upheld', 'restriction_lifted'].includes(entry.action))
    .at(-1);
  return Boolean(last && last.action !== 'restriction_lifted');
}

/**
 * Before a request acts on anyone's data: it is of a type this action answers, the requester's identity (and any
 * authority) is verified, and the DPO has confirmed which records are theirs.
 */
export function readyToAct(request: SubjectRequestEntity, types: SubjectRequestEntity['type'][], code: string, action: string): void {
  if (!types.includes(request.type))
    throw wrongRequestType(
      code,
      `${action} ${types.map((type) => type.replace('_', ' ')).join(' or ')} requests, not ${request.type.replace('_', ' ')}`,
    );
  assertVerified(request);
  if (request.dataSubjectIds.length === 0) throw noSubjectsConfirmed();
}

/** Nothing is disclosed, changed or erased before the requester's identity (and any authority) is verified. */
export function assertVerified(request: SubjectRequestEntity): void {
  if (!request.identityReceivedOn) throw identityNotVerified();
  if (request.representative && !request.authorityReceivedOn) throw authorityNotVerified();
}

export function factsOf(request: SubjectRequestEntity, nation: UkNation): ClockFacts {
  return {
    receivedOn: request.receivedOn,
    identityReceivedOn: request.identityReceivedOn,
    authorityReceivedOn: request.authorityReceivedOn,
    pauses: request.pauses,
    extended: Boolean(request.extendedOn),
    nation,
  };
}

export function toDto(request: SubjectRequestEntity, nation: UkNation): SubjectRequestDto {
  const reading = readClock(factsOf(request, nation), ukDate());
  return {
    id: request.id,
    type: request.type,
    status: request.status,
    dueAt: request.dueOn,
    daysLeft: daysBetween(ukDate(), request.dueOn),
    receivedOn: request.receivedOn,
    clockStartsOn: reading.startsOn,
    subject: request.subject,
    ...(request.representative ? { representative: request.representative } : {}),
    ...(request.identityEvidence
      ? { identityEvidence: request.identityEvidence, identityReceivedOn: request.identityReceivedOn ?? undefined }
      : {}),
    ...(request.authorityEvidence
      ? { authorityEvidence: request.authorityEvidence, authorityReceivedOn: request.authorityReceivedOn ?? undefined }
      : {}),
    pauses: request.pauses,
    ...(request.extendedOn ? { extendedOn: request.extendedOn, extensionReason: request.extensionReason ?? undefined } : {}),
    dataSubjectIds: request.dataSubjectIds ?? [],
    ...(request.outcome ? { outcome: request.outcome } : {}),
    clockHistory: request.clockHistory,
    actions: request.actions ?? [],
    restricted: restrictedBy(request),
    channel: request.channel,
    createdAt: request.createdAt.toISOString(),
  };
}
