import { Module } from '@nestjs/common';
import { LegalHoldsController } from './legal-holds.controller.js';
import { LegalHoldsService } from './legal-holds.service.js';

/** Legal holds: records kept for a claim or an investigation, whatever erasure and retention would do. */
@Module({ controllers: [LegalHoldsController], providers: [LegalHoldsService] })
export class LegalHoldsModule {}
