import { Module, type OnModuleInit } from '@nestjs/common';
import { detectDanger } from './detector/danger-detector.js';
import { SafeguardingController } from './safeguarding.controller.js';
import { SafeguardingFlags } from './safeguarding-flags.service.js';

/** Safeguarding: flags of possible immediate danger, their review, and the guidance the citizen is given. */
@Module({
  controllers: [SafeguardingController],
  providers: [SafeguardingFlags],
  exports: [SafeguardingFlags],
})
export class SafeguardingModule implements OnModuleInit {
  /** The detector builds its model on first use (about a tenth of a second): at start, not on a citizen's first message. */
  onModuleInit(): void {
    detectDanger('warm up');
  }
}
