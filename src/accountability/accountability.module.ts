import { Module } from '@nestjs/common';
import { RetentionModule } from '../retention/retention.module.js';
import { OffboardingService } from './offboarding.service.js';
import { RecordOfProcessingController } from './record-of-processing.controller.js';
import { RecordOfProcessingService } from './record-of-processing.service.js';

/** What a DPO shows an auditor or the ICO: the record of processing, and the certificate of deletion when an organisation leaves. */
@Module({
  imports: [RetentionModule],
  controllers: [RecordOfProcessingController],
  providers: [OffboardingService, RecordOfProcessingService],
})
export class AccountabilityModule {}
