import { randomBytes } from 'node:crypto';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { assertProcessingAllowed, toProcessingState } from '../consent/processing-permission.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { serviceNotFound } from '../directory/directory.errors.js';
import type { DeliveryType, SharedField } from '../contracts/shared-fields.js';
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { assertTransition } from '../enquiries/enquiry-status.js';
import { markEscalated } from '../enquiries/enquiry-changes.js';
import type { EnquiryStatus } from '../contracts/enquiry-vocabulary.js';
import type { LegalBasis } from '../contracts/legal-basis.js';
import type { ConsentPurpose } from '../consent/consent-purpose.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { TopicRouting } from '../routing/topic-routing.service.js';
import { referralDueTimes } from '../service-levels/service-level-reads.js';
import type { CreateEscalationDto, CreatedEscalationDto, ReferralPreviewDto } from './dto/escalation.dto.js';
import type { EscalationStatus } from './escalation.entity.js';
import { endpointDisabled, serviceInactive, specialCategoryNotPermitted } from './escalations.errors.js';
import { buildReferral, type ReferralSource } from './referral.js';
import { subjectContactColumns, toSubjectContact, type SubjectContactRow } from '../data-subjects/subject-contact.js';

/**
 * Everything an escalation is built from and checked against, in one round trip: the enquiry (locked when
 * escalating), its data subject's shareable details and phone numbers (oldest first), its consents, and the
 * service named by its code. No row: no such enquiry; no service: no such service.
 */
const SOURCE = `
  select e.organisation_id, e.status, e.legal_basis, e.special_category, e.data_subject_id,
         ${subjectContactColumns('s')}, s.processing_restricted_at is not null as restricted,
         array(select json_build_object('purpose', c.purpose, 'withdrawn_at', c.withdrawn_at) from consent_records c where c.enquiry_id = e.id) as consents,
         (select json_build_object('id', v.id, 'code', v.code, 'name', v.name, 'permittedFields', v.permitted_fields, 'receivesSpecialCategory', v.receives_special_category,
                                   'deliveryType', v.delivery_type, 'webhookDisabled', v.webhook_disabled_at is not null, 'active', v.active)
          from services v where v.code = $2) as service
  from enquiries e
  join data_subjects s on s.organisation_id = e.organisation_id and s.id = e.data_subject_id
  where e.id = $1`;

interface SourceRow extends SubjectContactRow {
  organisation_id: string;
  status: EnquiryStatus;
  legal_basis: LegalBasis;
  special_category: boolean;
  data_subject_id: string;
  restricted: boolean;
  consents: { purpose: ConsentPurpose; withdrawn_at: string | null }[];
  service: {
    id: string;
    code: string;
    name: string;
    permittedFields: SharedField[];
    receivesSpecialCategory: boolean;
    deliveryType: DeliveryType;
    webhookDisabled: boolean;
    active: boolean;
  } | null;
}

/** The escalation and its disclosure record, in one statement (the enquiry's new status is the enquiries context's: markEscalated). */
const ESCALATE = `
  with escalation as (
    insert into escalations (organisation_id, enquiry_id, service_id, message_id, fields, shared_fields, legal_basis, delivery_type, delivery_status, created_by,
                             acknowledgement_due_at, acknowledgement_at_risk_at)
    values ($1, $2, $3, $4, $5::jsonb, $6::text[], $7, $8, $9, $10, $13, $14)
    returning id, status
  ), disclosure as (
    insert into disclosures (organisation_id, escalation_id, enquiry_id, data_subject_id, recipient_service_id, recipient_name, fields, legal_basis, disclosed_by, delivery_status)
    select $1, id, $2, $11, $3, $12, $6::text[], $7, $10, $9 from escalation
  )
  select id, status from escalation`;

/**
 * Escalating an enquiry to the service that owns it: the minimised referral, the refusals the law requires,
 * the disclosure record, the enquiry's new status and the delivery job, all in one transaction.
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly routing: TopicRouting,
    private readonly knowledge: KnowledgeService,
  ) {}

  preview(enquiryId: string, serviceCode: string): Promise<ReferralPreviewDto> {
    return this.db.transaction(async (m) => {
      const { service, source } = await this.sourceOf(m, enquiryId, serviceCode, false);
      const fields = buildReferral(source, service.permittedFields);
      await this.audit.record(m, {
        action: 'escalation.preview',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: Object.keys(fields),
        details: { service: serviceCode },
      });
      return { service: serviceCode, fields };
    });
  }

  escalate(enquiryId: string, input: CreateEscalationDto): Promise<CreatedEscalationDto> {
    const principal = requestContext.principal();
    return this.db.transaction(async (m) => {
      const { enquiry, service, source, state } = await this.sourceOf(m, enquiryId, input.service, true);
      if (!service.active) throw serviceInactive();
      if ((service.deliveryType === 'webhook' || service.deliveryType === 'open311') && service.webhookDisabled) throw endpointDisabled();
      assertProcessingAllowed(state, 'escalation');
      const carriesSpecialDetails = Boolean(input.specialRequirements?.trim()) && service.permittedFields.includes('specialRequirements');
      if (carriesSpecialDetails && enquiry.special_category) {
        if (!service.receivesSpecialCategory) throw specialCategoryNotPermitted();
        assertProcessingAllowed(state, 'special_category_sharing');
      }
      const from = enquiry.status;
      assertTransition(from, 'escalated');
      const knowledgeArticleId = input.knowledgeArticleId ? await this.knowledge.assertUsable(m, input.knowledgeArticleId) : null;

      const fields = buildReferral(source, service.permittedFields, input);
      const sharedFields = Object.keys(fields) as SharedField[];
      const deliveryStatus = service.deliveryType === 'portal' ? 'available' : 'pending';
      // The service's acknowledgement clock starts now, in the organisation's opening hours (worked out just before the insert).
      const due = await referralDueTimes(m, enquiry.organisation_id, { service: service.code, sentAt: new Date() });
      const [escalation]: { id: string; status: EscalationStatus }[] = await m.query(ESCALATE, [
        enquiry.organisation_id,
        enquiryId,
        service.id,
        `msg_${randomBytes(16).toString('base64url')}`,
        JSON.stringify(fields),
        sharedFields,
        enquiry.legal_basis,
        service.deliveryType,
        deliveryStatus,
        principal?.userId ?? null,
        enquiry.data_subject_id,
        service.name,
        due.acknowledgementDueAt,
        due.acknowledgementAtRiskAt,
      ]);
      const outcome = await markEscalated(m, enquiryId, knowledgeArticleId);
      await appendTimelineEvent(m, {
        organisationId: enquiry.organisation_id,
        enquiryId,
        kind: 'system',
        authorType: 'staff',
        authorId: principal?.userId ?? null,
        metadata: {
          event: 'escalated',
          escalationId: escalation.id,
          service: service.code,
          sharedFields,
          from,
          to: 'escalated',
          ...(knowledgeArticleId ? { knowledgeArticleId } : {}),
          ...outcome,
        },
      });
      // Escalating is the advisor's decision about the service: it teaches the topic model too.
      await this.routing.decide(m, enquiryId, service.code, 'escalated');
      if (deliveryStatus === 'pending') {
        await this.jobs.sendWithin(m, JOB_NAMES.deliverEscalation, {
          organisationId: enquiry.organisation_id,
          escalationId: escalation.id,
        });
      }
      // Last, just before commit: the organisation's audit chain head stays locked from here until then.
      await this.audit.record(m, {
        action: 'escalation.create',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: sharedFields,
        details: {
          escalationId: escalation.id,
          service: service.code,
          legalBasis: enquiry.legal_basis,
          deliveryType: service.deliveryType,
          ...(knowledgeArticleId ? { knowledgeArticleId, retentionClass: 'knowledge_follow_up' } : {}),
        },
      });
      return {
        id: escalation.id,
        status: escalation.status,
        sharedFields,
        deliveryStatus,
        acknowledgementDueAt: due.acknowledgementDueAt.toISOString(),
      };
    });
  }

  /** What the referral is built from (the same for the preview and the escalation), and what decides whether it may be. */
  private async sourceOf(m: EntityManager, enquiryId: string, serviceCode: string, lock: boolean) {
    const [row]: SourceRow[] = await m.query(lock ? `${SOURCE} for update of e` : SOURCE, [enquiryId, serviceCode]);
    if (!row) throw enquiryNotFound();
    if (!row.service) throw serviceNotFound();
    const state = toProcessingState(row);
    const source: ReferralSource = toSubjectContact(row);
    return { enquiry: row, service: row.service, source, state };
  }
}
