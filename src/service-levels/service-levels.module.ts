import { Module } from '@nestjs/common';
import { ReferralAcknowledgementWatch } from './referral-acknowledgement-watch.service.js';
import { ServiceLevelsController } from './service-levels.controller.js';
import { ServiceLevelsService } from './service-levels.service.js';

/**
 * Service levels: the organisation's targets, and which services' referrals are past their acknowledgement target.
 * Enquiry intake and escalation read the targets through `service-level-reads.ts`.
 */
@Module({ controllers: [ServiceLevelsController], providers: [ServiceLevelsService, ReferralAcknowledgementWatch] })
export class ServiceLevelsModule {}
