import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module.js';
import { RecipientNotices } from './recipient-notices.js';
import { RetentionModule } from '../retention/retention.module.js';
import { DataSubjectsModule } from '../data-subjects/data-subjects.module.js';
import { SubjectHoldingsRepository } from './subject-holdings.repository.js';
import { SubjectFinder } from './subject-finder.service.js';
import { SubjectSearchController } from './subject-search.controller.js';
import { SubjectAccess } from './subject-access.service.js';
import { SubjectErasure } from './subject-erasure.service.js';
import { SubjectRectification } from './subject-rectification.service.js';
import { SubjectRequestLifecycle } from './subject-request-lifecycle.service.js';
import { SubjectRestriction } from './subject-restriction.service.js';
import { SubjectExportRepository } from './subject-export.repository.js';
import { SubjectRequestsController } from './subject-requests.controller.js';

/** Data subjects' rights: finding everything held about a person (requests, export and erasure build on it). */
@Module({
  imports: [EscalationsModule, DataSubjectsModule, RetentionModule],
  controllers: [SubjectSearchController, SubjectRequestsController],
  providers: [
    SubjectFinder,
    SubjectHoldingsRepository,
    SubjectRequestLifecycle,
    SubjectAccess,
    SubjectErasure,
    SubjectRectification,
    SubjectRestriction,
    SubjectExportRepository,
    RecipientNotices,
  ],
  exports: [SubjectFinder],
})
export class SubjectRightsModule {}
