import { Module } from '@nestjs/common';
import { KnowledgeModule } from '../knowledge/knowledge.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { ConsentService } from '../consent/consent.service.js';
import { DataSubjectRepository } from '../data-subjects/data-subject.repository.js';
import { EnquiriesController } from './enquiries.controller.js';
import { EnquiryIntakeService } from './enquiry-intake.service.js';
import { EnquiryQueryService } from './enquiry-query.service.js';
import { EnquiryWorkflowService } from './enquiry-workflow.service.js';
import { EnquiryRepository } from './enquiry.repository.js';

@Module({
  imports: [RoutingModule, KnowledgeModule],
  controllers: [EnquiriesController],
  providers: [EnquiryIntakeService, EnquiryQueryService, EnquiryWorkflowService, ConsentService, EnquiryRepository, DataSubjectRepository],
  exports: [EnquiryIntakeService, EnquiryQueryService, EnquiryWorkflowService, ConsentService],
})
export class EnquiriesModule {}
