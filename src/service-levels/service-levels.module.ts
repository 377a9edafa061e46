import { Module } from '@nestjs/common';
import { ServiceLevelsController } from './service-levels.controller.js';
import { ServiceLevelsService } from './service-levels.service.js';

/** Service levels: the organisation's targets. Enquiry intake reads them through `service-level-reads.ts`. */
@Module({ controllers: [ServiceLevelsController], providers: [ServiceLevelsService] })
export class ServiceLevelsModule {}
