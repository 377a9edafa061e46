import { Module } from '@nestjs/common';
import { RecordingEraser } from './recording-eraser.js';
import { RecordingStore } from './recording-store.js';
import { RetentionScheduleController, RetentionSweepsController } from './retention.controller.js';
import { RetentionScheduleService } from './retention-schedule.service.js';
import { RetentionSweeper } from './retention-sweeper.js';
import { RetentionSweeps } from './retention-sweeps.js';

/** Storage limitation: the retention schedule (and, built on it, the sweeps that enforce it). */
@Module({
  controllers: [RetentionScheduleController, RetentionSweepsController],
  providers: [RetentionScheduleService, RetentionSweeper, RetentionSweeps, RecordingStore, RecordingEraser],
  exports: [RetentionScheduleService, RetentionSweeper, RecordingEraser],
})
export class RetentionModule {}
