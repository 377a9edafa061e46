import { Module } from '@nestjs/common';
import { SafeguardingController } from './safeguarding.controller.js';
import { SafeguardingFlags } from './safeguarding-flags.service.js';

/** Safeguarding: flags of possible immediate danger, their review, and the guidance the citizen is given. */
@Module({
  controllers: [SafeguardingController],
  providers: [SafeguardingFlags],
  exports: [SafeguardingFlags],
})
export class SafeguardingModule {}
