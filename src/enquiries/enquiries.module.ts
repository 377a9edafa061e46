import { Module } from '@nestjs/common';
import { KnowledgeModule } from '../knowledge/knowledge.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { ConsentModule } from '../consent/consent.module.js';
import { DataSubjectsModule } from '../data-subjects/data-subjects.module.js';
import { EnquiriesController } from './enquiries.controller.js';
import { EnquiryLinkingService } from './enquiry-linking.service.js';
import { EnquiryPersonController } from './enquiry-person.controller.js';
import { PersonAtAGlanceService } from './person-at-a-glance.service.js';
import { EnquiryIntakeService } from './enquiry-intake.service.js';
import { EnquiryQueryService } from './enquiry-query.service.js';
import { EnquiryWorkflowService } from './enquiry-workflow.service.js';
import { EnquiryRepository } from './enquiry.repository.js';

@Module({
  imports: [RoutingModule, KnowledgeModule, ConsentModule, DataSubjectsModule],
  controllers: [EnquiriesController, EnquiryPersonController],
  providers: [
    EnquiryIntakeService,
    EnquiryQueryService,
    EnquiryWorkflowService,
    EnquiryRepository,
    PersonAtAGlanceService,
    EnquiryLinkingService,
  ],
  exports: [EnquiryIntakeService, EnquiryQueryService, EnquiryWorkflowService],
})
export class EnquiriesModule {}
