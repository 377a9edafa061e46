import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { DataSubjectsService } from '../data-subjects/data-subjects.service.js';
import type { SubjectInputDto, SubjectMatchDto } from '../data-subjects/dto/subject.dto.js';
import { classifySearchTerm } from '../data-subjects/subject-keys.js';
import type { EnquiryDetailDto, EnquiryPageDto, ListEnquiriesQueryDto, MyWorkQueryDto } from './dto/enquiry-actions.dto.js';
import { enquiryNotFound } from './enquiries.errors.js';
import { fieldsShown, toEnquiryDetailDto, toEnquirySummaryDto } from './enquiry.mapper.js';
import { EnquiryRepository } from './enquiry.repository.js';
import { outcomeLabels } from '../wrap-up/outcome-reads.js';

/** Reading enquiries. Every read of personal data is written to the audit trail in the same transaction. */
@Injectable()
export class EnquiryQueryService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly enquiries: EnquiryRepository,
    private readonly subjects: DataSubjectsService,
    private readonly audit: AuditService,
  ) {}

  /** For other contexts, inside their transaction: an enquiry's reference, or undefined for an unknown (or another organisation's) one. */
  async referenceOf(m: EntityManager, id: string): Promise<string | undefined> {
    return (await this.enquiries.findById(m, id))?.reference;
  }

  get(id: string): Promise<EnquiryDetailDto> {
    return this.db.transaction(async (m) => {
      const enquiry = await this.enquiries.findById(m, id);
      if (!enquiry) throw enquiryNotFound();
      // One connection per transaction: these run one after another.
      const subject = await this.subjects.findWithIdentifiers(m, enquiry.dataSubjectId);
      const consents = await this.enquiries.consents(m, id);
      const merged = await this.enquiries.mergedInto(m, id);
      const timeline = await this.enquiries.timeline(
        m,
        id,
        merged.map((duplicate) => duplicate.id),
      );
      const target = enquiry.mergedIntoId ? await this.enquiries.findById(m, enquiry.mergedIntoId) : null;
      if (!subject) throw enquiryNotFound();
      const labels = enquiry.outcomeCode ? await outcomeLabels(m) : undefined;
      const detail = toEnquiryDetailDto(enquiry, subject, consents, timeline, { merged, target }, new Date(), labels);
      await this.audit.record(m, {
        action: 'enquiry.read',
        entityType: 'enquiry',
        entityId: id,
        fields: fieldsShown(detail),
        // The merged enquiries whose timelines were shown with this one's.
        ...(merged.length > 0 ? { details: { mergedEnquiries: merged.map((duplicate) => duplicate.id) } } : {}),
      });
      return detail;
    });
  }

  list(query: ListEnquiriesQueryDto): Promise<EnquiryPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const now = new Date();
    return this.db.transaction(async (m) => {
      const term = query.q ? classifySearchTerm(query.q) : undefined;
      const { items, total } = await this.enquiries.list(m, {
        status: query.status,
        channel: query.channel,
        service: query.service,
        assigneeId: query.assignee === 'me' ? requestContext.principal()?.userId : undefined,
        sla: query.sla ? { state: query.sla, now } : undefined,
        reference: term?.kind === 'reference' ? term.key : undefined,
        dataSubjectIds: term && term.kind !== 'reference' ? await this.subjects.idsFor(m, term) : undefined,
        page,
        pageSize,
      });
      await this.audit.record(m, {
        action: term ? 'enquiry.search' : 'enquiry.list',
        entityType: 'enquiry',
        fields: items.length > 0 ? ['subject.name'] : [],
        // The kind of search, never the term itself: it is personal data.
        details: { searchedBy: term?.kind ?? null, returned: items.map((item) => item.id) },
      });
      return { items: items.map((item) => toEnquirySummaryDto(item, now)), page, pageSize, total };
    });
  }

  /** My work: the caller's open enquiries (new or in progress), soonest due first. */
  myWork(query: MyWorkQueryDto): Promise<EnquiryPageDto> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('my work needs a member of staff');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const now = new Date();
    return this.db.transaction(async (m) => {
      const { items, total } = await this.enquiries.list(m, {
        assigneeId: principal.userId,
        openSoonestDueFirst: true,
        page,
        pageSize,
      });
      await this.audit.record(m, {
        action: 'enquiry.list',
        entityType: 'enquiry',
        fields: items.length > 0 ? ['subject.name'] : [],
        details: { list: 'my_work', returned: items.map((item) => item.id) },
      });
      return { items: items.map((item) => toEnquirySummaryDto(item, now)), page, pageSize, total };
    });
  }

  /** People already held who may be the one being recorded; an advisor decides. */
  matches(input: SubjectInputDto): Promise<SubjectMatchDto[]> {
    return this.db.transaction(async (m) => {
      const matches = await this.subjects.findMatches(m, input);
      const counts = await this.enquiries.countForSubjects(
        m,
        matches.map((match) => match.dataSubjectId),
      );
      await this.audit.record(m, {
        action: 'data_subject.match',
        entityType: 'data_subject',
        fields: matches.length > 0 ? ['name'] : [],
        details: { returned: matches.map((match) => match.dataSubjectId) },
      });
      return matches.map((match) => ({ ...match, enquiries: counts.get(match.dataSubjectId) ?? 0 }));
    });
  }
}
