import { Module } from '@nestjs/common';
import { WorkRouter } from './work-router.js';

/** Work queues for e-mail, form and social enquiries: automatic assignment and the return of untouched work. */
@Module({
  providers: [WorkRouter],
  exports: [WorkRouter],
})
export class WorkQueuesModule {}
