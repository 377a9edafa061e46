import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subject, type Subscription } from 'rxjs';
import type { ReplyAnswered } from '../contracts/replies.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { EnquiryWorkflowService, type CitizenAnswer } from '../enquiries/enquiry-workflow.service.js';

/** A citizen answered: whom to tell (the advisor who sent the last reply, else the enquiry's advisor), and what. */
export interface ReplyAnsweredAlert {
  organisationId: string;
  advisorId: string;
  answer: ReplyAnswered;
}

/**
 * Tells the advisor who answered when the citizen answers back (an e-mail on the thread, a text to the reply's
 * number): the consoles subscribe to `alerts` and emit `reply:answered` to that advisor's sockets. Ids only.
 */
@Injectable()
export class ReplyNotices implements OnModuleInit, OnModuleDestroy {
  readonly alerts = new Subject<ReplyAnsweredAlert>();
  private subscription?: Subscription;

  constructor(
    private readonly db: TenantDatabase,
    private readonly workflow: EnquiryWorkflowService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.workflow.answers.subscribe((answer) => void this.tell(answer).catch(() => undefined));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private async tell(answer: CitizenAnswer): Promise<void> {
    const [last]: { author_id: string | null }[] = await this.db.forTenant(answer.organisationId, (m) =>
      m.query(`select author_id from replies where enquiry_id = $1 and author_id is not null order by created_at desc limit 1`, [
        answer.enquiryId,
      ]),
    );
    const advisorId = last?.author_id ?? answer.assigneeId;
    if (!advisorId) return;
    this.alerts.next({
      organisationId: answer.organisationId,
      advisorId,
      answer: { enquiryId: answer.enquiryId, reference: answer.reference, channel: answer.channel, reopened: answer.reopened },
    });
  }
}
