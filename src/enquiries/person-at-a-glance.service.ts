import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { PersonAtAGlance } from '../contracts/person.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { DataSubjectsService } from '../data-subjects/data-subjects.service.js';
import { contactCounts, personContact } from './contact-history.js';
import { enquiryNotFound } from './enquiries.errors.js';
import { EnquiryRepository } from './enquiry.repository.js';

/**
 * The person at a glance, for an advisor opening an enquiry: the person's earlier contact with this organisation,
 * the open enquiries about them or their address, and other people held who may be them. Row-level security keeps
 * every part to the tenant; the read is audited (who read whose contact history, for which enquiry).
 */
@Injectable()
export class PersonAtAGlanceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly enquiries: EnquiryRepository,
    private readonly subjects: DataSubjectsService,
    private readonly audit: AuditService,
  ) {}

  glance(enquiryId: string): Promise<PersonAtAGlance> {
    return this.db.transaction(async (m) => {
      const enquiry = await this.enquiries.findById(m, enquiryId);
      if (!enquiry) throw enquiryNotFound();
      const dataSubjectId = enquiry.dataSubjectId;
      const sameAddressIds = (await this.subjects.idsAtSameAddress(m, dataSubjectId)).filter((id) => id !== dataSubjectId);
      const { earlierContact, openEnquiries } = await personContact(m, { enquiryId, dataSubjectId, sameAddressIds });
      const matches = await this.subjects.possibleMatchesOf(m, dataSubjectId);
      const counts = await contactCounts(
        m,
        matches.map((match) => match.dataSubjectId),
      );
      await this.audit.record(m, {
        action: 'enquiry.person_read',
        entityType: 'data_subject',
        entityId: dataSubjectId,
        fields: matches.length > 0 ? ['possibleMatches.name'] : [],
        // Ids and the kinds of field that matched: never a value.
        details: {
          enquiryId,
          earlierContact: earlierContact.map((contact) => contact.enquiryId),
          openEnquiries: openEnquiries.map((contact) => contact.enquiryId),
          possibleMatches: matches.map((match) => ({ dataSubjectId: match.dataSubjectId, matchedOn: match.matchedOn })),
        },
      });
      return {
        enquiryId,
        dataSubjectId,
        earlierContact,
        openEnquiries,
        possibleMatches: matches.map((match) => {
          const count = counts.get(match.dataSubjectId);
          return {
            ...match,
            enquiries: count?.enquiries ?? 0,
            ...(count ? { lastContactAt: count.lastContactAt.toISOString() } : {}),
          };
        }),
      };
    });
  }
}
