import { Module } from '@nestjs/common';
import { InboundMailboxOperator } from './inbound-mailbox-operator.js';
import { OrganisationOnboarding } from './organisation-onboarding.js';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationRepository } from './organisation.repository.js';
import { OrganisationService } from './organisation.service.js';

@Module({
  controllers: [OrganisationController],
  providers: [OrganisationService, OrganisationRepository, InboundMailboxOperator, OrganisationOnboarding],
  exports: [OrganisationService, InboundMailboxOperator, OrganisationOnboarding],
})
export class TenancyModule {}
