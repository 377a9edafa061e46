import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CreateEnquiryDto, CreatedEnquiryDto } from '../../src/enquiries/dto/create-enquiry.dto.js';
import type { CreateEscalationDto, CreatedEscalationDto } from '../../src/escalations/dto/escalation.dto.js';
import { DEMO_PASSWORD } from './constants.js';
import type { TestApp } from './test-app.js';

/**
 * Factories for the set-ups most end-to-end tests share: signing in, recording an enquiry, escalating it. Each goes
 * through the public API, as staff would, and expects success: a test about a refusal sends the request itself,
 * with a body from `enquiryRequest` so that only the part under test differs from a valid one.
 * The bodies are typed by the server's DTOs, so a change to what the API accepts shows up here at compile time.
 */

/** The request headers of a signed-in member of staff. */
export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export interface SignedIn {
  token: string;
  userId: string;
}

/** Signs a member of staff in (the demo password unless given): the access token and the user's id. */
export async function signIn(app: TestApp, email: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const { body } = await request(app.url).post('/api/auth/login').send({ email, password }).expect(200);
  return { token: body.accessToken as string, userId: body.user.id as string };
}

/** Consent as an advisor records it on a call, against the privacy notice every test organisation publishes. */
export const VERBAL_CONSENT = { given: true, method: 'verbal', privacyNoticeVersion: '1' } as const satisfies CreateEnquiryDto['consent'];

export type EnquiryOverrides = Partial<CreateEnquiryDto>;

/**
 * A valid `POST /api/enquiries` body: a phone call from a citizen under public task, from a person of a name no other
 * test uses (so that no earlier enquiry is offered as a match). `overrides` replace whole fields (`subject` is not
 * merged); an override of `undefined` leaves the field out, e.g. `legalBasis: undefined` for the organisation's default.
 */
export function enquiryRequest(overrides: EnquiryOverrides = {}): CreateEnquiryDto {
  return {
    channel: 'phone',
    requesterType: 'citizen',
    subject: { name: `Test Caller ${randomUUID().slice(0, 8)}` },
    description: 'Asked about a blue badge',
    legalBasis: 'public_task',
    ...overrides,
  };
}

/** Records an enquiry as `token`'s user (`enquiryRequest(overrides)`) and returns the created body. */
export async function newEnquiry(app: TestApp, token: string, overrides: EnquiryOverrides = {}): Promise<CreatedEnquiryDto> {
  const { body } = await request(app.url).post('/api/enquiries').set(auth(token)).send(enquiryRequest(overrides)).expect(201);
  return body as CreatedEnquiryDto;
}

export type EscalationOverrides = Partial<Omit<CreateEscalationDto, 'service'>>;

/**
 * Escalates an enquiry to `service` as `token`'s user and returns the created body; the reason and the actions
 * taken are placeholders unless `overrides` gives them.
 */
export async function escalate(
  app: TestApp,
  token: string,
  enquiryId: string,
  service: string,
  overrides: EscalationOverrides = {},
): Promise<CreatedEscalationDto> {
  const referral: CreateEscalationDto = { service, reasonForReferral: 'Needs the service', actionsAlreadyTaken: 'None', ...overrides };
  const { body } = await request(app.url).post(`/api/enquiries/${enquiryId}/escalations`).set(auth(token)).send(referral).expect(201);
  return body as CreatedEscalationDto;
}
