import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { maskCardNumbers } from '../channels/safety/card-numbers.js';
import { phoneKey } from '../data-subjects/subject-keys.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { EnquiryQueryService } from '../enquiries/enquiry-query.service.js';
import { EnquiryWorkflowService, type CitizenAnswer } from '../enquiries/enquiry-workflow.service.js';
import { appendTimelineEvent } from '../enquiries/timeline.js';
import type { InboundTextDto, InboundTextResultDto } from './dto/reply.dto.js';

/** How long after a text reply a text back from the same number still joins that enquiry. */
const ANSWER_WINDOW_DAYS = 90;

/**
 * A citizen's text back (GOV.UK Notify's inbound SMS callback, relayed signed): joins the enquiry whose latest
 * text reply went to that number, within 90 days; reopens it if it was resolved and tells the advisor who
 * answered. A card number is removed before the words are stored. The same callback delivered twice counts once.
 */
@Injectable()
export class InboundTexts {
  constructor(
    private readonly db: TenantDatabase,
    private readonly workflow: EnquiryWorkflowService,
    private readonly enquiries: EnquiryQueryService,
    private readonly audit: AuditService,
  ) {}

  async receive(organisationId: string, input: InboundTextDto): Promise<InboundTextResultDto & { created: boolean }> {
    const key = phoneKey(input.source_number) ?? phoneKey(`+${input.source_number.replace(/^\+/, '')}`);
    let answer: CitizenAnswer | undefined;
    const result = await this.db.forTenant(organisationId, async (m) => {
      const [seen]: { enquiry_id: string }[] = await m.query(`select enquiry_id from inbound_texts where provider_id = $1`, [input.id]);
      if (seen)
        return {
          matched: true,
          enquiryId: seen.enquiry_id,
          reference: (await this.enquiries.referenceOf(m, seen.enquiry_id)) ?? '',
          created: false,
        };
      if (!key) return { matched: false, created: false };
      const [latest]: { enquiry_id: string }[] = await m.query(
        `select enquiry_id from replies
          where channel = 'sms' and recipient_key = $1 and created_at > now() - make_interval(days => $2)
          order by created_at desc limit 1`,
        [key, ANSWER_WINDOW_DAYS],
      );
      const reference = latest && (await this.enquiries.referenceOf(m, latest.enquiry_id));
      if (!latest || !reference) return { matched: false, created: false };
      const reply = { enquiry_id: latest.enquiry_id, reference };
      await m.query(`insert into inbound_texts (organisation_id, enquiry_id, provider_id) values ($1, $2, $3)`, [
        organisationId,
        reply.enquiry_id,
        input.id,
      ]);
      const { text, masked } = maskCardNumbers(input.message.slice(0, 2000));
      await appendTimelineEvent(m, {
        organisationId,
        enquiryId: reply.enquiry_id,
        kind: 'message',
        authorType: 'citizen',
        authorId: null,
        body: text || null,
        metadata: { channel: 'sms', direction: 'inbound', cardNumbersRemoved: masked },
      });
      answer = await this.workflow.citizenAnswered(m, organisationId, reply.enquiry_id, 'sms');
      await this.audit.record(m, {
        organisationId,
        actor: { type: 'channel', id: null },
        action: 'sms.thread',
        entityType: 'enquiry',
        entityId: reply.enquiry_id,
        fields: ['message.text'],
      });
      return { matched: true, enquiryId: reply.enquiry_id, reference: reply.reference, created: true };
    });
    this.workflow.announceAnswer(answer);
    return result;
  }
}
