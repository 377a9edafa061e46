import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { EnquiriesConsentAudit1764100000000 } from './1764100000000-enquiries-consent-audit.js';
import { Escalations1764200000000 } from './1764200000000-escalations.js';
import { Channels1764300000000 } from './1764300000000-channels.js';
import { Email1764400000000 } from './1764400000000-email.js';
import { Social1764500000000 } from './1764500000000-social.js';
import { Webchat1764600000000 } from './1764600000000-webchat.js';
import { AdvisorCapacity1764700000000 } from './1764700000000-advisor-capacity.js';
import { ChatRouting1764800000000 } from './1764800000000-chat-routing.js';
import { TokenCheck1764900000000 } from './1764900000000-token-check.js';
import { SubjectSearch1765000000000 } from './1765000000000-subject-search.js';
import { RoutingKeywords1765100000000 } from './1765100000000-routing-keywords.js';
import { DeliveryLease1765200000000 } from './1765200000000-delivery-lease.js';
import { SubjectRequests1765300000000 } from './1765300000000-subject-requests.js';
import { SubjectRequestSubjects1765400000000 } from './1765400000000-subject-request-subjects.js';
import { ErasureGrants1765500000000 } from './1765500000000-erasure-grants.js';
import { RecipientNotices1765600000000 } from './1765600000000-recipient-notices.js';
import { LegalHolds1765700000000 } from './1765700000000-legal-holds.js';
import { RetentionSchedule1765800000000 } from './1765800000000-retention-schedule.js';
import { OrganisationProcessors1765900000000 } from './1765900000000-organisation-processors.js';
import { SubjectRequestActions1766000000000 } from './1766000000000-subject-request-actions.js';
import { RetentionSweeps1766100000000 } from './1766100000000-retention-sweeps.js';
import { Offboarding1766200000000 } from './1766200000000-offboarding.js';
import { ReportIndexes1766300000000 } from './1766300000000-report-indexes.js';
import { RoutingModel1766400000000 } from './1766400000000-routing-model.js';
import { KnowledgeBase1766500000000 } from './1766500000000-knowledge-base.js';

import { Open3111766600000000 } from './1766600000000-open311.js';
import { Signposting1766700000000 } from './1766700000000-signposting.js';
import { CitizenMessages1766800000000 } from './1766800000000-citizen-messages.js';
import { InboundMailboxes1766900000000 } from './1766900000000-inbound-mailboxes.js';
import { StaffSessions1767000000000 } from './1767000000000-staff-sessions.js';
import { LoginThrottle1767000000001 } from './1767000000001-login-throttle.js';
import { RecordingReferences1767100000000 } from './1767100000000-recording-references.js';
import { EmailAcknowledgements1767100000001 } from './1767100000001-email-acknowledgements.js';
import { SafeguardingFlags1767300000000 } from './1767300000000-safeguarding-flags.js';
import { ChatMessageStore1767400000000 } from './1767400000000-chat-message-store.js';
import { Replies1767500000000 } from './1767500000000-replies.js';
import { ServiceLevels1767600000000 } from './1767600000000-service-levels.js';
import { WorkQueues1767700000000 } from './1767700000000-work-queues.js';
import { OutcomeCodes1767710000000 } from './1767710000000-outcome-codes.js';
import { EnquiryMerges1767720000000 } from './1767720000000-enquiry-merges.js';
import { ReferralAcknowledgement1767730000000 } from './1767730000000-referral-acknowledgement.js';
import { CitizenWait1767740000000 } from './1767740000000-citizen-wait.js';
import { RingingCalls1767750000000 } from './1767750000000-ringing-calls.js';
/** Every migration, oldest first. The app, the TypeORM CLI and the tests all read this list. */
export const MIGRATIONS = [
  Foundation1764000000000,
  EnquiriesConsentAudit1764100000000,
  Escalations1764200000000,
  Channels1764300000000,
  Email1764400000000,
  Social1764500000000,
  Webchat1764600000000,
  AdvisorCapacity1764700000000,
  ChatRouting1764800000000,
  TokenCheck1764900000000,
  SubjectSearch1765000000000,
  RoutingKeywords1765100000000,
  DeliveryLease1765200000000,
  SubjectRequests1765300000000,
  SubjectRequestSubjects1765400000000,
  ErasureGrants1765500000000,
  RecipientNotices1765600000000,
  LegalHolds1765700000000,
  RetentionSchedule1765800000000,
  OrganisationProcessors1765900000000,
  SubjectRequestActions1766000000000,
  RetentionSweeps1766100000000,
  Offboarding1766200000000,
  ReportIndexes1766300000000,
  RoutingModel1766400000000,
  KnowledgeBase1766500000000,
  Open3111766600000000,
  Signposting1766700000000,
  CitizenMessages1766800000000,
  InboundMailboxes1766900000000,
  StaffSessions1767000000000,
  LoginThrottle1767000000001,
  RecordingReferences1767100000000,
  EmailAcknowledgements1767100000001,
  SafeguardingFlags1767300000000,
  ChatMessageStore1767400000000,
  Replies1767500000000,
  ServiceLevels1767600000000,
  WorkQueues1767700000000,
  OutcomeCodes1767710000000,
  EnquiryMerges1767720000000,
  ReferralAcknowledgement1767730000000,
  CitizenWait1767740000000,
  RingingCalls1767750000000,
];
