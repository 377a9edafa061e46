import { Module } from '@nestjs/common';
import { DataSubjectsService } from './data-subjects.service.js';

/** The people enquiries are about, and their identifiers (phones, e-mail addresses) with search keys. */
@Module({ providers: [DataSubjectsService], exports: [DataSubjectsService] })
export class DataSubjectsModule {}
