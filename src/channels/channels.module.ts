import { CallLinks } from './phone/call-links.js';
import { CallsController } from './phone/calls.controller.js';
import { Module } from '@nestjs/common';
import { DataSubjectsModule } from '../data-subjects/data-subjects.module.js';
import { EnquiriesModule } from '../enquiries/enquiries.module.js';
import { NotifyModule } from '../notify/notify.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { SafeguardingModule } from '../safeguarding/safeguarding.module.js';
import { ChannelAuthService } from './channel-auth.service.js';
import { ChannelIntakeService } from './channel-intake.service.js';
import { ChannelsController } from './channels.controller.js';
import { AcknowledgementAllowance } from './email/acknowledgement-allowance.js';
import { EmailIngestService } from './email/email-ingest.service.js';
import { SmtpListener } from './email/smtp-listener.js';
import { FormIngestService } from './forms/form-ingest.service.js';
import { CallImportController } from './phone/call-import.controller.js';
import { CallImportService } from './phone/call-import.service.js';
import { PhoneIngestService } from './phone/phone-ingest.service.js';
import { SocialIngestService } from './social/social-ingest.service.js';
import { SocialReplySender } from './social/social-reply-sender.js';
import { EmailThreads } from './email/email-threads.js';
import { GraphApiSocialPlatform, SocialPlatform } from './social/social-platform.js';
import { SocialReplyController } from './social/social-reply.controller.js';
import { SocialWebhookAuth } from './social/social-webhook-auth.js';
import { RingingCalls } from './phone/ringing-calls.js';

@Module({
  imports: [EnquiriesModule, DataSubjectsModule, NotifyModule, TenancyModule, SafeguardingModule],
  controllers: [ChannelsController, CallImportController, CallsController, SocialReplyController],
  providers: [
    ChannelAuthService,
    ChannelIntakeService,
    PhoneIngestService,
    CallLinks,
    FormIngestService,
    EmailIngestService,
    AcknowledgementAllowance,
    SmtpListener,
    CallImportService,
    SocialWebhookAuth,
    SocialIngestService,
    SocialReplySender,
    EmailThreads,
    RingingCalls,
    { provide: SocialPlatform, useClass: GraphApiSocialPlatform },
  ],
  exports: [CallImportService, ChannelAuthService, SocialReplySender, EmailThreads, RingingCalls],
})
export class ChannelsModule {}
