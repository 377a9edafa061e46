import { randomUUID } from 'node:crypto';
import type { Holdings, SecurityTenant, StaffRole } from '../support/security.js';

/**
 * Who may use each operation of the OpenAPI document, kept here by hand from the controllers' @Roles and
 * @Public, so that the attack suite checks the application against an independent statement of intent. The
 * suite fails when the document has an operation this table lacks (a new route must be added here, with its
 * roles) or this table names one the document no longer has.
 *
 * `body` is a valid body for the operation, used where a request must get past validation to reach the
 * resource it names (cross-tenant probes). `query` likewise.
 */
export interface RouteRule {
  roles: readonly StaffRole[] | 'public';
  body?: unknown;
  query?: string;
  contentType?: string;
  /** Creates or replaces what the path names: an id of another organisation is simply a new key here. */
  upsert?: boolean;
  /** Ends or replaces the token it is called with (sign-out, renewal): probes call it with a sign-in of their own. */
  endsToken?: boolean;
}

const ALL_STAFF = ['advisor', 'supervisor', 'service', 'dpo', 'admin'] as const;
const FRONT_DESK = ['advisor', 'supervisor'] as const;
const DPO = ['dpo'] as const;
const DPO_ADMIN = ['dpo', 'admin'] as const;
const KNOWLEDGE_READERS = ['advisor', 'supervisor', 'admin'] as const;
const KNOWLEDGE_EDITORS = ['supervisor', 'admin'] as const;
const today = () => new Date().toISOString().slice(0, 10);

export const ROUTES: Record<string, RouteRule> = {
  'GET /health': { roles: 'public' },
  'GET /metrics': { roles: 'public' },
  'POST /api/auth/login': { roles: 'public', body: { email: 'nobody@nowhere.test', password: 'not-a-password' } },
  'POST /api/auth/refresh': { roles: ALL_STAFF, endsToken: true },
  'POST /api/auth/logout': { roles: ALL_STAFF, endsToken: true },
  'POST /api/auth/password': { roles: ALL_STAFF, body: { currentPassword: 'not-the-password', newPassword: 'a-new-password-123' } },
  'GET /api/users': { roles: ['admin'] },
  'POST /api/users': {
    roles: ['admin'],
    body: { email: 'someone@nowhere.test', displayName: 'Someone', role: 'advisor', password: 'a-long-enough-password' },
  },
  'PATCH /api/users/{id}': { roles: ['admin'], body: { displayName: 'Renamed by a probe' } },
  'GET /api/organisation': { roles: ALL_STAFF },
  'PATCH /api/organisation': { roles: ['admin'], body: { name: 'Renamed by a probe' } },
  'GET /api/organisation/privacy-notices': { roles: ALL_STAFF },
  'POST /api/organisation/privacy-notices': {
    roles: ['admin', 'dpo'],
    body: { version: 'probe', title: 'Probe', effectiveFrom: '2030-01-01' },
  },
  'POST /api/organisation/channels/{channel}/secret': { roles: ['admin'] },
  'GET /api/organisation/record-of-processing': { roles: DPO_ADMIN },
  'GET /api/services': { roles: ALL_STAFF },
  'GET /api/services/{code}': { roles: ALL_STAFF },
  'PATCH /api/services/{code}': { roles: ['admin'], body: { name: 'Renamed by a probe' } },
  'GET /api/audit': { roles: DPO_ADMIN },
  'GET /api/audit/verify': { roles: DPO_ADMIN },
  'POST /api/enquiries': {
    roles: FRONT_DESK,
    body: { channel: 'phone', requesterType: 'citizen', subject: { name: 'Probe Person' }, description: 'A probe of the attack suite' },
  },
  'GET /api/enquiries': { roles: FRONT_DESK },
  'GET /api/enquiries/{id}': { roles: FRONT_DESK },
  'GET /api/my-work': { roles: FRONT_DESK },
  'POST /api/enquiries/{id}/resolve': { roles: FRONT_DESK, body: { advice: 'Advice given by a probe' } },
  'POST /api/enquiries/{id}/take': { roles: FRONT_DESK },
  'POST /api/enquiries/{id}/wait-for-citizen': { roles: FRONT_DESK },
  'POST /api/enquiries/{id}/stop-waiting': { roles: FRONT_DESK },
  'POST /api/calls/{callId}/enquiry': { roles: FRONT_DESK, body: { enquiryId: randomUUID() } },
  'POST /api/enquiries/{id}/acknowledgement-sms': { roles: FRONT_DESK },
  'POST /api/enquiries/{id}/signpost': { roles: FRONT_DESK, body: { destination: 'district-council', advice: 'Signposted by a probe' } },
  'POST /api/enquiries/{id}/assign': { roles: ['supervisor'] },
  'POST /api/enquiries/{id}/notes': { roles: FRONT_DESK, body: { text: 'A note by a probe' } },
  'POST /api/enquiries/{id}/topic': { roles: FRONT_DESK, body: { service: 'highways' } },
  'POST /api/enquiries/{id}/close': { roles: FRONT_DESK },
  'GET /api/enquiries/{id}/person': { roles: FRONT_DESK },
  'POST /api/enquiries/{id}/link-subject': { roles: FRONT_DESK, body: { dataSubjectId: randomUUID() } },
  'POST /api/enquiries/{id}/merge': { roles: FRONT_DESK, body: { intoEnquiryId: randomUUID() } },
  'POST /api/enquiries/{id}/consents/{consentId}/withdraw': { roles: FRONT_DESK, body: { method: 'verbal' } },
  'POST /api/enquiries/{id}/social-replies': { roles: FRONT_DESK, body: { text: 'A reply by a probe' } },
  'POST /api/enquiries/{id}/replies': { roles: FRONT_DESK, body: { text: 'A reply by a probe' } },
  'POST /api/enquiries/{id}/replies/preview': { roles: FRONT_DESK, body: { text: 'A reply by a probe' } },
  'GET /api/enquiries/{id}/replies': { roles: FRONT_DESK },
  'POST /api/enquiries/{id}/replies/{replyId}/retry': { roles: FRONT_DESK },
  'GET /api/enquiries/{id}/reply-options': { roles: FRONT_DESK },
  'GET /api/saved-replies': { roles: KNOWLEDGE_READERS },
  'POST /api/saved-replies': { roles: KNOWLEDGE_EDITORS, body: { title: 'Saved by a probe', text: 'Hello ((name))' } },
  'GET /api/saved-replies/{id}': { roles: KNOWLEDGE_READERS },
  'PATCH /api/saved-replies/{id}': { roles: KNOWLEDGE_EDITORS, body: { title: 'Renamed by a probe' } },
  'DELETE /api/saved-replies/{id}': { roles: KNOWLEDGE_EDITORS },
  'GET /api/enquiries/{id}/escalations/preview': { roles: FRONT_DESK, query: 'service=blue-badge' },
  'POST /api/enquiries/{id}/escalations': {
    roles: FRONT_DESK,
    body: { service: 'blue-badge', reasonForReferral: 'Referred by a probe', actionsAlreadyTaken: 'None' },
  },
  'POST /api/data-subjects/matches': { roles: FRONT_DESK, body: { name: 'Probe Person' } },
  'GET /api/escalations': { roles: ['service', 'supervisor', 'advisor', 'dpo'] },
  'GET /api/escalations/{id}': { roles: ['service', 'supervisor', 'advisor', 'dpo'] },
  'POST /api/escalations/{id}/acknowledge': { roles: ['service'] },
  'POST /api/escalations/{id}/updates': { roles: ['service'], body: { text: 'An update by a probe' } },
  'POST /api/escalations/{id}/close': { roles: ['service'], body: { outcome: 'Closed by a probe' } },
  'POST /api/escalations/{id}/replay': { roles: ['supervisor'] },
  'POST /api/channels/phone/{organisation}/calls': { roles: 'public' },
  'POST /api/channels/phone/{organisation}/ringing': { roles: 'public' },
  'POST /api/channels/forms/{organisation}/submissions': { roles: 'public' },
  'POST /api/channels/email/{organisation}/inbound': { roles: 'public' },
  'POST /api/channels/sms/{organisation}/inbound': { roles: 'public' },
  'GET /api/channels/social/{organisation}/webhook': { roles: 'public' },
  'POST /api/channels/social/{organisation}/webhook': { roles: 'public' },
  'POST /api/calls/import': { roles: ['supervisor', 'admin'], contentType: 'text/csv' },
  'GET /api/webchat/{organisation}': { roles: 'public' },
  'GET /api/webchat/{organisation}/availability': { roles: 'public' },
  'GET /api/webchat-supervision': { roles: ['supervisor'] },
  'GET /api/safeguarding/flags': { roles: ['supervisor', 'dpo'] },
  'POST /api/safeguarding/flags/{id}/review': { roles: ['supervisor'], body: { decision: 'handled' } },
  'POST /api/webchat-supervision/chats/{chatId}/reassign': { roles: ['supervisor'], body: {} },
  'POST /api/subject-search': { roles: ['dpo', 'supervisor'], body: { name: 'Probe Person' } },
  'POST /api/subject-requests': { roles: DPO, body: { type: 'access', subject: { name: 'Probe Person' }, receivedAt: today() } },
  'GET /api/subject-requests': { roles: DPO },
  'GET /api/subject-requests/{id}': { roles: DPO },
  'POST /api/subject-requests/{id}/verify-identity': {
    roles: DPO,
    get body() {
      return { evidence: 'passport', receivedAt: today() };
    },
  },
  'POST /api/subject-requests/{id}/authority': {
    roles: DPO,
    get body() {
      return { evidence: 'letter of authority', receivedAt: today() };
    },
  },
  'POST /api/subject-requests/{id}/clarification': { roles: DPO, body: { reason: 'Which address is current?' } },
  'POST /api/subject-requests/{id}/clarification/answer': { roles: DPO, body: {} },
  'POST /api/subject-requests/{id}/extend': { roles: DPO, body: { reason: 'Records held on many systems' } },
  'POST /api/subject-requests/{id}/subjects': { roles: DPO },
  'GET /api/subject-requests/{id}/export': { roles: DPO },
  'GET /api/subject-requests/{id}/attachments/{attachmentId}': { roles: DPO },
  'GET /api/subject-requests/{id}/notices': { roles: DPO },
  'POST /api/subject-requests/{id}/fulfil': { roles: DPO, body: { outcome: 'Sent by a probe' } },
  'POST /api/subject-requests/{id}/refuse': { roles: DPO, body: { reason: 'Manifestly unfounded, says a probe' } },
  'POST /api/subject-requests/{id}/restrict': { roles: DPO },
  'POST /api/subject-requests/{id}/lift-restriction': {
    roles: DPO,
    get body() {
      return { personToldOn: today(), method: 'letter' };
    },
  },
  'POST /api/subject-requests/{id}/erase': { roles: DPO, body: {} },
  'POST /api/subject-requests/{id}/withdraw-consent': { roles: DPO, body: { method: 'written' } },
  'POST /api/subject-requests/{id}/rectify': { roles: DPO, body: { changes: { name: 'Corrected By Probe' } } },
  'POST /api/subject-requests/{id}/objection-decision': { roles: DPO, body: { decision: 'upheld', reasons: 'No overriding grounds' } },
  'POST /api/legal-holds': { roles: DPO_ADMIN },
  'GET /api/legal-holds': { roles: DPO_ADMIN },
  'POST /api/legal-holds/{id}/release': { roles: DPO_ADMIN, body: { reason: 'Released by a probe' } },
  'GET /api/retention/schedule': { roles: ['dpo', 'admin', 'supervisor'] },
  'PUT /api/retention/schedule/{recordType}': { roles: DPO_ADMIN, body: { period: 'P3Y', reason: 'Changed by a probe' } },
  'DELETE /api/retention/schedule/{recordType}': { roles: DPO_ADMIN },
  'POST /api/retention/sweeps': { roles: DPO_ADMIN, body: { dryRun: true } },
  'GET /api/retention/sweeps': { roles: DPO_ADMIN },
  'GET /api/retention/sweeps/{id}': { roles: DPO_ADMIN },
  'GET /api/reports/summary': { roles: ['supervisor', 'admin', 'dpo'] },
  'GET /api/knowledge': { roles: KNOWLEDGE_READERS },
  'GET /api/knowledge/review-due': { roles: KNOWLEDGE_READERS },
  'POST /api/knowledge/suggest': { roles: KNOWLEDGE_READERS, body: { text: 'The road has not been gritted' } },
  'GET /api/knowledge/{id}': { roles: KNOWLEDGE_READERS },
  'POST /api/knowledge': { roles: KNOWLEDGE_EDITORS, body: { title: 'Written by a probe', body: 'Guidance written by a probe.' } },
  'PATCH /api/knowledge/{id}': { roles: KNOWLEDGE_EDITORS, body: { title: 'Renamed by a probe' } },
  'POST /api/knowledge/{id}/archive': { roles: KNOWLEDGE_EDITORS },
  'GET /api/signposting': { roles: ALL_STAFF },
  // An upsert under a code the caller chooses: another organisation's code makes a destination of the caller's own.
  'PUT /api/signposting/{code}': { roles: ['admin'], body: { name: 'Saved by a probe', kind: 'district_council' }, upsert: true },
  'POST /api/routing/suggest': { roles: FRONT_DESK, body: { text: 'pothole on the road' } },
  'GET /api/routing/summary': { roles: ['supervisor', 'admin'] },
  'GET /api/service-levels': { roles: KNOWLEDGE_READERS },
  'PUT /api/service-levels': {
    roles: KNOWLEDGE_EDITORS,
    body: { channels: { email: { firstResponse: { amount: 3, unit: 'working_days' } } } },
  },
  'GET /api/service-levels/referrals': { roles: ['supervisor', 'admin'] },
  'GET /api/service-levels/acknowledgement-target': { roles: ['service'] },
  'GET /api/outcome-codes': { roles: KNOWLEDGE_READERS },
  'PUT /api/outcome-codes': {
    roles: KNOWLEDGE_EDITORS,
    body: {
      required: false,
      codes: [
        { code: 'information_given', label: 'Information given', active: true },
        { code: 'form_sent', label: 'Form sent', active: true },
        { code: 'referred', label: 'Referred to a service', active: true },
        { code: 'signposted', label: 'Signposted elsewhere', active: true },
        { code: 'no_further_action', label: 'No further action', active: true },
      ],
    },
  },
};

/** A valid body for an operation, with the caller's own ids where one is needed. */
export function validBody(key: string, caller: SecurityTenant, held: Holdings | undefined): unknown {
  if (key === 'POST /api/enquiries/{id}/assign') return { assigneeId: caller.userIds.advisor };
  if (key === 'POST /api/subject-requests/{id}/subjects') return { dataSubjectIds: [held?.dataSubject ?? randomUUID()] };
  if (key === 'POST /api/legal-holds') return { enquiryId: held?.enquiry ?? randomUUID(), reason: 'Held by a probe' };
  return ROUTES[key]?.body;
}
