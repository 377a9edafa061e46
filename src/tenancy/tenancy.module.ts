import { Module } from '@nestjs/common';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationRepository } from './organisation.repository.js';
import { OrganisationService } from './organisation.service.js';

@Module({
  controllers: [OrganisationController],
  providers: [OrganisationService, OrganisationRepository],
  exports: [OrganisationService],
})
export class TenancyModule {}
