import { InboundTextEntity, ReplyEntity, SavedReplyEntity } from '../replies/reply.entities.js';
import { KnowledgeArticleEntity } from '../knowledge/knowledge-article.entity.js';
import { LegalHoldEntity } from '../legal-holds/legal-hold.entity.js';
import { RetentionRuleEntity } from '../retention/retention-rule.entity.js';
import { RetentionSweepEntity } from '../retention/retention-sweep.entity.js';
import { RoutingDecisionEntity, TopicCountEntity } from '../routing/routing.entities.js';
import { SignpostingDestinationEntity } from '../signposting/signposting-destination.entity.js';
import { ServiceLevelEntity } from '../service-levels/service-level.entity.js';
import { OutcomeCodeEntity, WrapUpSettingEntity } from '../wrap-up/wrap-up.entities.js';
import { CitizenMessageEntity } from '../notify/citizen-message.entity.js';
import { RecipientNoticeEntity } from '../subject-rights/recipient-notice.entity.js';
import { SubjectRequestEntity } from '../subject-rights/subject-request.entity.js';
import { AuditChainHeadEntity, AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { CallLogEntity } from '../channels/phone/call-log.entity.js';
import { RingingCallEntity } from '../channels/phone/ringing-call.entity.js';
import { CallRecordingEntity } from '../channels/phone/call-recording.entity.js';
import { FormMappingEntity } from '../channels/forms/form-mapping.entity.js';
import { EmailAcknowledgementEntity } from '../channels/email/email-acknowledgement.entity.js';
import { EmailAttachmentEntity } from '../channels/email/email-attachment.entity.js';
import { EmailMessageEntity } from '../channels/email/email-message.entity.js';
import { SocialConversationEntity, SocialMessageEntity } from '../channels/social/social.entities.js';
import { AdvisorPresenceEntity, ChatEntity, ChatMessageEntity } from '../channels/webchat/chat.entities.js';
import { ConsentRecordEntity } from '../consent/consent-record.entity.js';
import { DataSubjectIdentifierEntity } from '../data-subjects/data-subject-identifier.entity.js';
import { DataSubjectEntity } from '../data-subjects/data-subject.entity.js';
import { ServiceEntity } from '../directory/service.entity.js';
import { EnquiryEventEntity } from '../enquiries/enquiry-event.entity.js';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';
import { DisclosureEntity } from '../escalations/disclosure.entity.js';
import { EscalationEntity } from '../escalations/escalation.entity.js';
import { StaffUserEntity } from '../identity/staff-user.entity.js';
import { StaffSessionEntity } from '../identity/staff-session.entity.js';
import { LoginThrottleEntity } from '../identity/login-throttle.entity.js';
import { ChannelCredentialEntity } from '../tenancy/channel-credential.entity.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import { SafeguardingFlagEntity } from '../safeguarding/safeguarding-flag.entity.js';
import { PrivacyNoticeEntity } from '../tenancy/privacy-notice.entity.js';

/** Every entity. The data source of the app, the CLI and the tests is built from this one list. */
export const ENTITIES = [
  ReplyEntity,
  SavedReplyEntity,
  InboundTextEntity,
  SubjectRequestEntity,
  RecipientNoticeEntity,
  LegalHoldEntity,
  RetentionRuleEntity,
  RetentionSweepEntity,
  RoutingDecisionEntity,
  TopicCountEntity,
  SignpostingDestinationEntity,
  ServiceLevelEntity,
  OutcomeCodeEntity,
  WrapUpSettingEntity,
  CitizenMessageEntity,
  OrganisationEntity,
  PrivacyNoticeEntity,
  ChannelCredentialEntity,
  ServiceEntity,
  StaffUserEntity,
  StaffSessionEntity,
  LoginThrottleEntity,
  DataSubjectEntity,
  DataSubjectIdentifierEntity,
  EnquiryEntity,
  EnquiryEventEntity,
  SafeguardingFlagEntity,
  ConsentRecordEntity,
  AuditEntryEntity,
  AuditChainHeadEntity,
  EscalationEntity,
  DisclosureEntity,
  CallLogEntity,
  RingingCallEntity,
  CallRecordingEntity,
  FormMappingEntity,
  EmailMessageEntity,
  EmailAttachmentEntity,
  EmailAcknowledgementEntity,
  SocialConversationEntity,
  SocialMessageEntity,
  ChatEntity,
  ChatMessageEntity,
  AdvisorPresenceEntity,
  KnowledgeArticleEntity,
];
