import { Module } from '@nestjs/common';
import { RetentionModule } from '../retention/retention.module.js';
import { RecordOfProcessingController } from './record-of-processing.controller.js';

/** What a DPO shows an auditor or the ICO: the record of processing (and, with retention, the sweeps’ evidence). */
@Module({ imports: [RetentionModule], controllers: [RecordOfProcessingController] })
export class AccountabilityModule {}
