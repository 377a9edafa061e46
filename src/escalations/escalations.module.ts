import { Module } from '@nestjs/common';
import { EmailDeliveryAdapter } from './delivery/email-delivery.adapter.js';
import { WebhookDeliveryAdapter } from './delivery/webhook-delivery.adapter.js';
import { EscalationDeliveryWorker } from './escalation-delivery.worker.js';
import { EscalationDeskService } from './escalation-desk.service.js';
import { EscalationService } from './escalation.service.js';
import { EscalationsController } from './escalations.controller.js';

@Module({
  controllers: [EscalationsController],
  providers: [EscalationService, EscalationDeskService, EscalationDeliveryWorker, WebhookDeliveryAdapter, EmailDeliveryAdapter],
  exports: [EscalationService],
})
export class EscalationsModule {}
