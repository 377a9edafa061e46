import { Module } from '@nestjs/common';
import { RetentionScheduleController } from './retention.controller.js';
import { RetentionScheduleService } from './retention-schedule.service.js';

/** Storage limitation: the retention schedule (and, built on it, the sweeps that enforce it). */
@Module({ controllers: [RetentionScheduleController], providers: [RetentionScheduleService], exports: [RetentionScheduleService] })
export class RetentionModule {}
