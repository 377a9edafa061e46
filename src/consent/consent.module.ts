import { Module } from '@nestjs/common';
import { ConsentService } from './consent.service.js';

/** Consent records and their withdrawal (`withdrawConsent`); whether a use may go ahead is `processingRefusal`. */
@Module({ providers: [ConsentService], exports: [ConsentService] })
export class ConsentModule {}
