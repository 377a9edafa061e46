import { Module } from '@nestjs/common';
import { DataSubjectRepository } from './data-subject.repository.js';

/** The people enquiries are about, and their identifiers (phones, e-mail addresses) with search keys. */
@Module({ providers: [DataSubjectRepository], exports: [DataSubjectRepository] })
export class DataSubjectsModule {}
