import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Supervisors' figures: counts and times only, never personal data. */
@Module({ controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
