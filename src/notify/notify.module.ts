import { Module } from '@nestjs/common';
import { AcknowledgementSmsController } from './acknowledgement-sms.controller.js';
import { AcknowledgementSms } from './acknowledgement-sms.js';
import { CitizenMessages } from './citizen-messages.js';

/** Messages to citizens through GOV.UK Notify, for organisations that use it (SMTP stays the alternative). */
@Module({ controllers: [AcknowledgementSmsController], providers: [CitizenMessages, AcknowledgementSms], exports: [CitizenMessages] })
export class NotifyModule {}
