import { Module } from '@nestjs/common';
import { KnowledgeModule } from '../knowledge/knowledge.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { EmailDeliveryAdapter } from './delivery/email-delivery.adapter.js';
import { WebhookDeliveryAdapter } from './delivery/webhook-delivery.adapter.js';
import { OutboxDelivery } from './delivery/outbox-delivery.js';
import { Open311StatusPoller } from './open311-status.poller.js';
import { Open311DeliveryAdapter } from './delivery/open311-delivery.adapter.js';
import { EscalationDeliveryWorker } from './escalation-delivery.worker.js';
import { EscalationDeskService } from './escalation-desk.service.js';
import { EscalationService } from './escalation.service.js';
import { EscalationsController } from './escalations.controller.js';

@Module({
  imports: [RoutingModule, KnowledgeModule],
  controllers: [EscalationsController],
  providers: [
    EscalationService,
    EscalationDeskService,
    EscalationDeliveryWorker,
    OutboxDelivery,
    WebhookDeliveryAdapter,
    EmailDeliveryAdapter,
    Open311DeliveryAdapter,
    Open311StatusPoller,
  ],
  exports: [EscalationService, OutboxDelivery],
})
export class EscalationsModule {}
