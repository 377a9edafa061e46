import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { RequestValidationError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { DataSubjectsService } from '../data-subjects/data-subjects.service.js';
import { describeSubject, type SubjectCriterion, type SubjectDescription } from '../data-subjects/subject-criteria.js';
import type { SubjectSearchResultDto } from './dto/subject-search.dto.js';
import { SubjectHoldingsRepository } from './subject-holdings.repository.js';
import { gatherHoldings, toFoundSubjectDto, type FoundSubject } from './subject-search.mapper.js';

/** More people than this is not one person: the caller is asked to narrow the search. */
export const MAX_SUBJECTS = 50;

/**
 * Finds everyone held who may be one person, across every channel, with everything held about each: the
 * first step of every subject-rights request (access, rectification, erasure, restriction, objection).
 */
@Injectable()
export class SubjectFinder {
  constructor(
    private readonly db: TenantDatabase,
    private readonly subjects: DataSubjectsService,
    private readonly holdings: SubjectHoldingsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The DPO's search: the caller's organisation only, audited with which kinds of identifier were used. */
  search(description: SubjectDescription): Promise<SubjectSearchResultDto> {
    const parsed = describeSubject(description);
    if (!parsed.ok) throw new RequestValidationError(parsed.problems);
    const organisationId = requestContext.tenant();
    return this.db.transaction(async (m) => {
      const { subjects, truncated } = await this.findWithin(m, organisationId, parsed.criteria);
      await this.audit.record(m, {
        action: 'data_subject.search',
        entityType: 'data_subject',
        fields: subjects.length > 0 ? ['name'] : [],
        // Which identifiers were searched by, never their values: they are personal data.
        details: { searchedBy: parsed.given, returned: subjects.map((subject) => subject.match.dataSubjectId), truncated },
      });
      return { subjects: subjects.map(toFoundSubjectDto), truncated };
    });
  }

  /** For a use case that owns the transaction (a subject-rights request acting on what is found). */
  async findWithin(
    m: EntityManager,
    organisationId: string,
    criteria: SubjectCriterion[],
  ): Promise<{ subjects: FoundSubject[]; truncated: boolean }> {
    const matches = await this.subjects.findByCriteria(m, organisationId, criteria, MAX_SUBJECTS + 1);
    const shown = matches.slice(0, MAX_SUBJECTS);
    const enquiries = await this.holdings.enquiriesOf(
      m,
      organisationId,
      shown.map((match) => match.dataSubjectId),
    );
    return { subjects: gatherHoldings(shown, enquiries), truncated: matches.length > MAX_SUBJECTS };
  }
}
