import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { EnquiriesModule } from '../enquiries/enquiries.module.js';
import { KnowledgeModule } from '../knowledge/knowledge.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { InboundTextsController } from './inbound-texts.controller.js';
import { InboundTexts } from './inbound-texts.service.js';
import { RepliesController } from './replies.controller.js';
import { ReplyDelivery } from './reply-delivery.worker.js';
import { ReplyNotices } from './reply-notices.js';
import { ReplyService } from './reply.service.js';
import { SavedRepliesController } from './saved-replies.controller.js';
import { SavedReplies } from './saved-replies.service.js';

/** Answering citizens on their channel: replies, their delivery from the job queue, saved replies, texts back. */
@Module({
  imports: [EnquiriesModule, ChannelsModule, KnowledgeModule, TenancyModule],
  controllers: [RepliesController, SavedRepliesController, InboundTextsController],
  providers: [ReplyService, ReplyDelivery, ReplyNotices, SavedReplies, InboundTexts],
  exports: [ReplyNotices],
})
export class RepliesModule {}
