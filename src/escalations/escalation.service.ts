import { randomBytes } from 'node:crypto';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { assertProcessingAllowed } from '../consent/processing-permission.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { DataSubjectIdentifierEntity } from '../data-subjects/data-subject-identifier.entity.js';
import { DataSubjectEntity } from '../data-subjects/data-subject.entity.js';
import { serviceNotFound } from '../directory/directory.errors.js';
import { ServiceEntity } from '../directory/service.entity.js';
import type { SharedField } from '../directory/shared-fields.js';
import { enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { assertTransition } from '../enquiries/enquiry-status.js';
import { EnquiryEntity } from '../enquiries/enquiry.entity.js';
import { ConsentRecordEntity } from '../consent/consent-record.entity.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { DisclosureEntity } from './disclosure.entity.js';
import type { CreateEscalationDto, CreatedEscalationDto, ReferralPreviewDto } from './dto/escalation.dto.js';
import { EscalationEntity } from './escalation.entity.js';
import { endpointDisabled, serviceInactive, specialCategoryNotPermitted } from './escalations.errors.js';
import { buildReferral, type ReferralSource } from './referral.js';

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
  ) {}

  preview(enquiryId: string, serviceCode: string): Promise<ReferralPreviewDto> {
    return this.db.transaction(async (m) => {
      const enquiry = await m.findOne(EnquiryEntity, { where: { id: enquiryId } });
      if (!enquiry) throw enquiryNotFound();
      const service = await m.findOne(ServiceEntity, { where: { code: serviceCode } });
      if (!service) throw serviceNotFound();
      const fields = buildReferral(await this.sourceOf(m, enquiry), service.permittedFields);
      await this.audit.record(m, { action: 'escalation.preview', entityType: 'enquiry', entityId: enquiryId, fields: Object.keys(fields), details: { service: serviceCode } });
      return { service: serviceCode, fields };
    });
  }

  escalate(enquiryId: string, input: CreateEscalationDto): Promise<CreatedEscalationDto> {
    const principal = requestContext.principal();
    return this.db.transaction(async (m) => {
      const enquiry = await m.findOne(EnquiryEntity, { where: { id: enquiryId }, lock: { mode: 'pessimistic_write' } });
      if (!enquiry) throw enquiryNotFound();
      const service = await m.findOne(ServiceEntity, { where: { code: input.service } });
      if (!service) throw serviceNotFound();
      if (!service.active) throw serviceInactive();
      if (service.deliveryType === 'webhook' && service.webhookDisabledAt) throw endpointDisabled();
      const consents = await m.find(ConsentRecordEntity, { where: { enquiryId } });
      const subject = await m.findOneOrFail(DataSubjectEntity, { where: { id: enquiry.dataSubjectId } });
      const state = { legalBasis: enquiry.legalBasis, consents, restricted: subject.processingRestrictedAt !== null };
      assertProcessingAllowed(state, 'escalation');
      const carriesSpecialDetails = Boolean(input.specialRequirements?.trim()) && service.permittedFields.includes('specialRequirements');
      if (carriesSpecialDetails && enquiry.specialCategory) {
        if (!service.receivesSpecialCategory) throw specialCategoryNotPermitted();
        assertProcessingAllowed(state, 'special_category_sharing');
      }
      const from = enquiry.status;
      assertTransition(from, 'escalated');

      const fields = buildReferral(await this.sourceOf(m, enquiry), service.permittedFields, input);
      const sharedFields = Object.keys(fields) as SharedField[];
      const deliveryStatus = service.deliveryType === 'portal' ? 'available' : 'pending';
      const escalation = await m.save(
        m.create(EscalationEntity, {
          organisationId: enquiry.organisationId,
          enquiryId,
          serviceId: service.id,
          messageId: `msg_${randomBytes(16).toString('base64url')}`,
          fields,
          sharedFields,
          legalBasis: enquiry.legalBasis,
          deliveryType: service.deliveryType,
          deliveryStatus,
          createdBy: principal?.userId ?? null,
        }),
      );
      await m.save(
        m.create(DisclosureEntity, {
          organisationId: enquiry.organisationId,
          escalationId: escalation.id,
          enquiryId,
          dataSubjectId: enquiry.dataSubjectId,
          recipientServiceId: service.id,
          recipientName: service.name,
          fields: sharedFields,
          legalBasis: enquiry.legalBasis,
          disclosedBy: principal?.userId ?? null,
          deliveryStatus,
        }),
      );
      Object.assign(enquiry, { status: 'escalated', escalatedAt: new Date() });
      await m.save(enquiry);
      await appendTimelineEvent(m, {
          organisationId: enquiry.organisationId,
          enquiryId,
          kind: 'system',
          authorType: 'staff',
          authorId: principal?.userId ?? null,
          metadata: { event: 'escalated', escalationId: escalation.id, service: service.code, sharedFields, from, to: 'escalated' },
        });
      await this.audit.record(m, {
        action: 'escalation.create',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: sharedFields,
        details: { escalationId: escalation.id, service: service.code, legalBasis: enquiry.legalBasis, deliveryType: service.deliveryType },
      });
      if (deliveryStatus === 'pending') {
        await this.jobs.sendWithin(m, JOB_NAMES.deliverEscalation, { organisationId: enquiry.organisationId, escalationId: escalation.id });
      }
      return { id: escalation.id, status: escalation.status, sharedFields, deliveryStatus };
    });
  }

  private async sourceOf(m: EntityManager, enquiry: EnquiryEntity): Promise<ReferralSource> {
    const subject = await m.findOneOrFail(DataSubjectEntity, { where: { id: enquiry.dataSubjectId } });
    const phones = await m.find(DataSubjectIdentifierEntity, { where: { dataSubjectId: subject.id, kind: 'phone' }, order: { createdAt: 'ASC' } });
    return { name: subject.name, dateOfBirth: subject.dateOfBirth, phones: phones.map((p) => p.value), address: subject.postalAddress, postcode: subject.postcode };
  }
}
