import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { ukDate } from '../common/uk-date.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { RetentionScheduleService } from '../retention/retention-schedule.service.js';
import { findNoticeInForce } from '../tenancy/privacy-notice-in-force.js';
import { recordOfProcessing, type RecordOfProcessing } from './record-of-processing.js';
import { readOrganisation } from '../tenancy/organisation-reads.js';
import { listServices } from '../directory/service-reads.js';

/** The organisation's record of processing (Art. 30), built from what it holds today; every read is audited. */
@Injectable()
export class RecordOfProcessingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly retention: RetentionScheduleService,
    private readonly audit: AuditService,
  ) {}

  async read(format: 'json' | 'csv'): Promise<RecordOfProcessing> {
    const retention = await this.retention.schedule();
    return this.db.transaction(async (m) => {
      const organisation = await readOrganisation(m, requestContext.tenant());
      const services = await listServices(m);
      const notice = await findNoticeInForce(m, ukDate());
      await this.audit.record(m, {
        action: 'record_of_processing.read',
        entityType: 'organisation',
        entityId: organisation.id,
        details: { format },
      });
      return recordOfProcessing(
        {
          organisation: {
            name: organisation.name,
            postalAddress: organisation.dpoPostalAddress,
            dpo: { name: organisation.dpoName, email: organisation.dpoEmail, postalAddress: organisation.dpoPostalAddress },
            defaultLegalBasis: organisation.defaultLegalBasis,
          },
          services,
          processors: organisation.processors ?? [],
          retention,
          privacyNoticeVersion: notice?.version,
        },
        new Date(),
      );
    });
  }
}
