import { AvailabilityReadings } from './availability-readings.js';
import { Module } from '@nestjs/common';
import { EnquiriesModule } from '../../enquiries/enquiries.module.js';
import { IdentityModule } from '../../identity/identity.module.js';
import { SafeguardingModule } from '../../safeguarding/safeguarding.module.js';
import { ChannelsModule } from '../channels.module.js';
import { RepliesModule } from '../../replies/replies.module.js';
import { WorkQueuesModule } from '../../work-queues/work-queues.module.js';
import { ChatRelay } from './chat-relay.js';
import { ChatRouter } from './chat-router.js';
import { ChatTransfer } from './chat-transfer.js';
import { SupervisionBoard } from './supervision-board.js';
import { ChatMessageWriter } from './chat-message-writer.js';
import { ChatService } from './chat.service.js';
import { ConsoleGateway } from './console.gateway.js';
import { WebchatGateway } from './webchat.gateway.js';
import { WebchatInfoController } from './webchat-info.controller.js';
import { SupervisionController } from './supervision.controller.js';

@Module({
  imports: [EnquiriesModule, IdentityModule, SafeguardingModule, ChannelsModule, RepliesModule, WorkQueuesModule],
  controllers: [WebchatInfoController, SupervisionController],
  providers: [
    AvailabilityReadings,
    ChatTransfer,
    SupervisionBoard,
    ChatService,
    ChatMessageWriter,
    ChatRelay,
    ChatRouter,
    WebchatGateway,
    ConsoleGateway,
  ],
})
export class WebchatModule {}
