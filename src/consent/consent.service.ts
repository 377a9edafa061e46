import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { consentAlreadyWithdrawn, consentNotFound, enquiryNotFound } from '../enquiries/enquiries.errors.js';
import { lockEnquiry } from '../enquiries/enquiry-lock.js';
import type { ConsentRecordDto } from '../enquiries/dto/enquiry-actions.dto.js';
import { toConsentRecordDto } from '../enquiries/enquiry.mapper.js';
import { ConsentRecordEntity } from './consent-record.entity.js';
import { withdrawConsent } from './consent-withdrawal.js';
import type { ConsentMethod } from '../contracts/special-category.js';

/** Withdrawing consent, in one step, and what follows from it. */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  /** An advisor records that the caller withdrew one consent (`withdrawConsent` is the rule), answering 409 if it already was. */
  withdraw(enquiryId: string, consentId: string, method: ConsentMethod): Promise<ConsentRecordDto> {
    const principal = requestContext.principal();
    return this.db.transaction(async (m) => {
      if (!(await lockEnquiry(m, enquiryId))) throw enquiryNotFound();
      const consent = await m.findOne(ConsentRecordEntity, { where: { id: consentId, enquiryId } });
      if (!consent) throw consentNotFound();
      if (consent.withdrawnAt) throw consentAlreadyWithdrawn();
      const { redactedEnquiries } = await withdrawConsent(m, { consentId }, { userId: principal?.userId ?? null, method });
      const redacted = redactedEnquiries.length > 0;
      await this.audit.record(m, {
        action: 'consent.withdraw',
        entityType: 'enquiry',
        entityId: enquiryId,
        fields: redacted ? ['specialCategory.details'] : [],
        details: { consentId, purpose: consent.purpose, method },
      });
      return toConsentRecordDto(await m.findOneOrFail(ConsentRecordEntity, { where: { id: consentId } }));
    });
  }
}
