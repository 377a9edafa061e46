import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { consentAlreadyWithdrawn, consentNotFound, enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { EnquiryRepository } from '../enquiries/enquiry.repository.js';
import type { ConsentRecordDto } from '../enquiries/dto/enquiry-actions.dto.js';
import { toConsentRecordDto } from '../enquiries/enquiry.mapper.js';
import { ConsentRecordEntity } from './consent-record.entity.js';
import type { ConsentMethod } from './special-category.js';

/** Withdrawing consent, in one step, and what follows from it. */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly enquiries: EnquiryRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records the withdrawal (the record itself is kept as history). Withdrawn explicit consent redacts the
   * special category details at once; withdrawn consent to an enquiry processed on consent stops every use of its data (`processingRefusal`).
   */
  withdraw(enquiryId: string, consentId: string, method: ConsentMethod): Promise<ConsentRecordDto> {
    const principal = requestContext.principal();
    return this.db.transaction(async (m) => {
      const enquiry = await this.enquiries.findForUpdate(m, enquiryId);
      if (!enquiry) throw enquiryNotFound();
      const consent = await m.findOne(ConsentRecordEntity, { where: { id: consentId, enquiryId } });
      if (!consent) throw consentNotFound();
      if (consent.withdrawnAt) throw consentAlreadyWithdrawn();
      Object.assign(consent, { withdrawnAt: new Date(), withdrawnBy: principal?.userId ?? null, withdrawalMethod: method });
      await m.save(consent);
      const redacted = consent.purpose === 'special_category' && enquiry.specialCategoryDetails !== null;
      if (consent.purpose === 'special_category') {
        Object.assign(enquiry, { specialCategoryDetails: null, specialCategoryRedactedAt: enquiry.specialCategoryRedactedAt ?? new Date() });
        await this.enquiries.save(m, enquiry);
      }
      await this.enquiries.addEvent(m, enquiry, {
        kind: 'system',
        authorType: 'staff',
        authorId: principal?.userId ?? null,
        metadata: { event: 'consent_withdrawn', consentId, purpose: consent.purpose, redactedSpecialCategoryDetails: redacted },
      });
      await this.audit.record(m, {
        action: 'consent.withdraw',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: redacted ? ['specialCategory.details'] : [],
        details: { consentId, purpose: consent.purpose, method },
      });
      return toConsentRecordDto(consent);
    });
  }
}
