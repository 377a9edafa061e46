import { Module } from '@nestjs/common';
import { InboundMailboxOperator } from './inbound-mailbox-operator.js';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationRepository } from './organisation.repository.js';
import { OrganisationService } from './organisation.service.js';

@Module({
  controllers: [OrganisationController],
  providers: [OrganisationService, OrganisationRepository, InboundMailboxOperator],
  exports: [OrganisationService, InboundMailboxOperator],
})
export class TenancyModule {}
