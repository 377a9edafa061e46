import { Module } from '@nestjs/common';
import { EnquiriesModule } from '../enquiries/enquiries.module.js';
import { ChannelAuthService } from './channel-auth.service.js';
import { ChannelIntakeService } from './channel-intake.service.js';
import { ChannelsController } from './channels.controller.js';
import { EmailIngestService } from './email/email-ingest.service.js';
import { SmtpListener } from './email/smtp-listener.js';
import { FormIngestService } from './forms/form-ingest.service.js';
import { CallImportController } from './phone/call-import.controller.js';
import { CallImportService } from './phone/call-import.service.js';
import { PhoneIngestService } from './phone/phone-ingest.service.js';

@Module({
  imports: [EnquiriesModule],
  controllers: [ChannelsController, CallImportController],
  providers: [ChannelAuthService, ChannelIntakeService, PhoneIngestService, FormIngestService, EmailIngestService, SmtpListener, CallImportService],
  exports: [CallImportService],
})
export class ChannelsModule {}
