import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { moveEnquiryConsents } from '../consent/consent-records.js';
import { assertEnquiryMayBeUsed } from '../consent/processing-permission.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { DataSubjectsService } from '../data-subjects/data-subjects.service.js';
import { moveEnquiryDisclosures } from '../escalations/disclosure-changes.js';
import { heldSubjects } from '../legal-holds/legal-holds.js';
import type { LinkedSubjectDto, MergedEnquiryDto } from './dto/person.dto.js';
import {
  enquiryAlreadyMerged,
  enquiryClosed,
  enquiryErased,
  enquiryNotFound,
  mergeIntoItself,
  mergeTargetClosed,
  personOnLegalHold,
  subjectAlreadyLinked,
  subjectErased,
  subjectNotFound,
} from './enquiries.errors.js';
import type { EnquiryEntity } from './enquiry.entity.js';
import { EnquiryRepository } from './enquiry.repository.js';

/**
 * An advisor's corrections of what an enquiry is about, each their explicit act (never automatic), on the timeline
 * and audited: linking it to the person it is really about, and merging a duplicate into another enquiry.
 */
@Injectable()
export class EnquiryLinkingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly enquiries: EnquiryRepository,
    private readonly subjects: DataSubjectsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records the enquiry against another person of the organisation (a possible match the advisor confirmed).
   * What hangs off the enquiry follows it: its consent records and the disclosures of its data, so that the
   * person's access request, consent withdrawal and correction notices reach them. The person it was recorded
   * against keeps their record and identifiers (other enquiries may be theirs, and a mistaken link is undone by
   * linking back, which needs the record whole); their phone numbers and e-mail addresses are added to the person linked,
   * as linking at intake adds what was given, so that replies still reach the address the enquiry came from.
   * Refused while a legal hold on the earlier person keeps the enquiry (the link would take it out of the hold).
   */
  linkSubject(id: string, dataSubjectId: string): Promise<LinkedSubjectDto> {
    const staffId = this.staffId();
    return this.db.transaction(async (m) => {
      const enquiry = await this.enquiries.findForUpdate(m, id);
      if (!enquiry) throw enquiryNotFound();
      assertWorkable(enquiry);
      const subject = await this.subjects.findSubject(m, dataSubjectId);
      if (!subject) throw subjectNotFound();
      if (subject.erasedAt) throw subjectErased();
      const previous = enquiry.dataSubjectId;
      if (subject.id === previous) throw subjectAlreadyLinked();
      // Linking is processing of the enquiry's data: not while restricted or after consent to it was withdrawn.
      await assertEnquiryMayBeUsed(m, id, 'classification');
      if ((await heldSubjects(m, [previous])).size > 0) throw personOnLegalHold();

      await this.enquiries.relinkSubject(m, id, subject.id);
      const consentRecords = await moveEnquiryConsents(m, id, subject.id);
      const disclosures = await moveEnquiryDisclosures(m, id, subject.id);
      const identifiersAdded = await this.subjects.copyIdentifiers(m, previous, subject.id);
      const moved = { consentRecords, disclosures, identifiersAdded };
      await this.enquiries.addEvent(m, enquiry, {
        kind: 'system',
        authorType: 'staff',
        authorId: staffId,
        metadata: { event: 'subject_linked', fromDataSubjectId: previous, toDataSubjectId: subject.id },
      });
      await this.audit.record(m, {
        action: 'enquiry.link_subject',
        entityType: 'enquiry',
        entityId: id,
        fields: ['dataSubjectId'],
        details: { fromDataSubjectId: previous, toDataSubjectId: subject.id, ...moved },
      });
      return { id, reference: enquiry.reference, dataSubjectId: subject.id, previousDataSubjectId: previous };
    });
  }

  /**
   * Merges a duplicate into another open enquiry of the organisation: the duplicate is closed as merged (which,
   * when, by whom), from any status but closed; its events stay with it and show on the other's timeline, marked.
   * A legal hold does not stop a merge: nothing is moved or removed, so whatever a hold keeps stays kept.
   */
  merge(id: string, intoId: string): Promise<MergedEnquiryDto> {
    const staffId = this.staffId();
    if (id === intoId) throw mergeIntoItself();
    return this.db.transaction(async (m) => {
      // Both rows locked, in one order whichever way round two advisors merge, so that concurrent merges serialise.
      const [first, second] = [id, intoId].sort();
      const locked = new Map<string, EnquiryEntity | null>();
      for (const key of [first, second]) locked.set(key, await this.enquiries.findForUpdate(m, key));
      const duplicate = locked.get(id);
      const into = locked.get(intoId);
      if (!duplicate || !into) throw enquiryNotFound();
      assertWorkable(duplicate);
      if (duplicate.status === 'closed') throw enquiryClosed();
      if (into.erasedAt) throw enquiryErased();
      if (into.status === 'closed') throw mergeTargetClosed();
      await assertEnquiryMayBeUsed(m, id, 'classification');
      await assertEnquiryMayBeUsed(m, intoId, 'classification');

      const from = duplicate.status;
      const mergedAt = await this.enquiries.markMerged(m, id, intoId, staffId);
      await this.enquiries.addEvent(m, duplicate, {
        kind: 'system',
        authorType: 'staff',
        authorId: staffId,
        metadata: { event: 'merged_into', intoEnquiryId: intoId, intoReference: into.reference, from, to: 'closed' },
      });
      await this.enquiries.addEvent(m, into, {
        kind: 'system',
        authorType: 'staff',
        authorId: staffId,
        metadata: { event: 'merged_from', mergedEnquiryId: id, mergedReference: duplicate.reference },
      });
      await this.audit.record(m, {
        action: 'enquiry.merge',
        entityType: 'enquiry',
        entityId: id,
        details: { intoEnquiryId: intoId, from, to: 'closed' },
      });
      await this.audit.record(m, {
        action: 'enquiry.merged_into',
        entityType: 'enquiry',
        entityId: intoId,
        details: { mergedEnquiryId: id },
      });
      return {
        id,
        reference: duplicate.reference,
        status: 'closed',
        mergedInto: { enquiryId: intoId, reference: into.reference },
        mergedAt: mergedAt.toISOString(),
      };
    });
  }

  private staffId(): string {
    const principal = requestContext.principal();
    if (!principal) throw new Error('enquiry work needs a member of staff');
    return principal.userId;
  }
}

/** An erased or merged enquiry is a record only: it is neither linked nor merged again. */
function assertWorkable(enquiry: EnquiryEntity): void {
  if (enquiry.erasedAt) throw enquiryErased();
  if (enquiry.mergedIntoId) throw enquiryAlreadyMerged();
}
