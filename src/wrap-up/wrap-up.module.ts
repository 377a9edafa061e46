import { Module } from '@nestjs/common';
import { OutcomeCodesController } from './outcome-codes.controller.js';
import { OutcomeCodesService } from './outcome-codes.service.js';

/** Wrap-up outcome codes. The enquiries context records outcomes through `outcome-reads.ts`; reports read the labels there. */
@Module({ controllers: [OutcomeCodesController], providers: [OutcomeCodesService] })
export class WrapUpModule {}
