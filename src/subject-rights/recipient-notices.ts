import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox } from '../common/secret-box.js';
import { requestContext } from '../common/request-context.js';
import type { SharedField } from '../contracts/shared-fields.js';
import type { OutboundMessage } from '../escalations/delivery/delivery-adapter.js';
import {
  DESTINATION_COLUMNS,
  OutboxDelivery,
  OutboxTable,
  type ClaimedMessage,
  type DestinationColumns,
} from '../escalations/delivery/outbox-delivery.js';
import { labelledLines } from '../escalations/delivery/referral-message.js';
import { buildReferral } from '../escalations/referral.js';
import { subjectContactOf } from '../data-subjects/subject-contact.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import type { NoticeKind } from '../contracts/subject-requests.js';

/** The webhook event type of each kind of notice. */
export const NOTICE_EVENTS: Record<NoticeKind, string> = {
  rectification: 'subject.rectified',
  erasure: 'subject.erased',
  restriction: 'subject.restricted',
  restriction_lifted: 'subject.restriction_lifted',
};

const NOTICE_WORDS: Record<NoticeKind, { subject: string; body: string }> = {
  rectification: {
    subject: 'Correction to the details of referral',
    body: 'The person asked us to correct their details (UK GDPR Article 16). Please correct your copy of the details below, which replace those sent with the referral.',
  },
  erasure: {
    subject: 'Erasure of the details of referral',
    body: 'The person’s details have been erased from our records (UK GDPR Article 17). Please erase the details we sent with this referral unless your service has its own lawful reason to keep them.',
  },
  restriction: {
    subject: 'Processing restricted for referral',
    body: 'The person has restricted processing of their details (UK GDPR Article 18). Please only store the details we sent with this referral: do not use, change or share them until we tell you the restriction is lifted.',
  },
  restriction_lifted: {
    subject: 'Restriction lifted for referral',
    body: 'The restriction on processing the person’s details (UK GDPR Article 18) has been lifted; the person was told beforehand. You may process the details of this referral again as before.',
  },
};

/** The fields of a referral that a subject correction changes (the e-mail address is never shared). */
const FIELDS_CORRECTED_BY: Record<string, SharedField> = {
  name: 'name',
  dateOfBirth: 'dateOfBirth',
  phone: 'contactNumber',
  address: 'address',
  postcode: 'address',
};

/** What a notice is built from: the notice row, its referral and its recipient. */
interface NoticeSource {
  id: string;
  kind: NoticeKind;
  messageId: string;
  escalationId: string;
  reference: string;
  organisation: string;
  organisationName: string;
  service: { code: string; name: string };
  fields: Record<string, string>;
  createdAt: Date;
}

/** A notice as the receiver gets it: a signed `subject.*` event, or the same words for a mailbox. */
export function noticeMessage(notice: NoticeSource): OutboundMessage {
  const words = NOTICE_WORDS[notice.kind];
  return {
    messageId: notice.messageId,
    event: JSON.stringify({
      type: NOTICE_EVENTS[notice.kind],
      data: {
        noticeId: notice.id,
        escalationId: notice.escalationId,
        reference: notice.reference,
        organisation: notice.organisation,
        service: notice.service.code,
        ...(notice.kind === 'rectification' ? { fields: notice.fields } : {}),
        createdAt: notice.createdAt.toISOString(),
      },
    }),
    email: {
      subject: `${words.subject} ${notice.reference} (${notice.service.name})`,
      text: [
        `A notice from the customer contact service of ${notice.organisationName} to ${notice.service.name}.`,
        `Referral reference: ${notice.reference}`,
        '',
        words.body,
        ...(notice.kind === 'rectification' ? ['', ...labelledLines(notice.fields)] : []),
      ].join('\n'),
    },
  };
}

/** Every referral of the people's data that reached, or is on its way to, a service; told of an erasure once only. */
const RECIPIENTS = `
  select d.escalation_id, d.data_subject_id, d.fields as received, d.recipient_service_id, s.name as service_name, x.delivery_type
  from disclosures d
  join escalations x on x.id = d.escalation_id
  join services s on s.id = d.recipient_service_id
  where d.data_subject_id = any($1) and d.delivery_status <> 'dead' and ($2::uuid[] is null or d.enquiry_id = any($2))
    and ($3::text is distinct from 'erasure' or not exists (select 1 from recipient_notices n where n.escalation_id = d.escalation_id and n.kind = 'erasure'))
  order by d.disclosed_at`;

interface RecipientRow {
  escalation_id: string;
  data_subject_id: string;
  received: SharedField[];
  recipient_service_id: string;
  service_name: string;
  delivery_type: 'webhook' | 'email' | 'portal';
}

const CLAIM = `
  with locked as (
    select id, delivery_status, attempt_lease_until from recipient_notices where id = $1 for update
  ), claimed as (
    update recipient_notices n set attempts = n.attempts + 1, last_attempt_at = now(),
           attempt_lease_until = now() + make_interval(secs => $2)
    from locked
    where n.id = locked.id and locked.delivery_status = 'pending'
      and (locked.attempt_lease_until is null or locked.attempt_lease_until < now())
    returning n.*
  )
  select c.id, c.kind, c.message_id, c.escalation_id, c.fields, c.delivery_type, c.attempts, c.created_at,
         s.code as service_code, s.name as service_name, ${DESTINATION_COLUMNS},
         e.reference, o.slug as organisation_slug, o.name as organisation_name
  from claimed c
  join escalations x on x.id = c.escalation_id
  join services s on s.id = c.service_id
  join enquiries e on e.id = x.enquiry_id
  join organisations o on o.id = c.organisation_id`;

interface ClaimedRow extends DestinationColumns {
  id: string;
  kind: NoticeKind;
  message_id: string;
  escalation_id: string;
  fields: Record<string, string>;
  delivery_type: string;
  attempts: number;
  created_at: Date;
  service_code: string;
  service_name: string;
  reference: string;
  organisation_slug: string;
  organisation_name: string;
}

/**
 * Telling the services that received a person's data about a rectification, erasure or restriction (Art. 19):
 * one notice per referral, recorded in the notice ledger and delivered like a referral (signed webhook, e-mail,
 * or shown in the portal), with the same retries and dead letter.
 */
@Injectable()
export class RecipientNotices extends OutboxTable implements OnModuleInit {
  readonly job = JOB_NAMES.deliverRecipientNotice;
  protected readonly table = 'recipient_notices';
  private readonly logger = new Logger(RecipientNotices.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly delivery: OutboxDelivery,
    secrets: SecretBox,
    private readonly audit: AuditService,
  ) {
    super(secrets);
  }

  onModuleInit(): void {
    this.jobs.handle(this.job, (data) => this.delivery.deliver(this, String(data.organisationId), String(data.noticeId)));
  }

  /**
   * Records (and queues) a notice to every service that received the people's data, within the caller's
   * transaction. A rectification notice goes only to services that received a corrected field, and carries those
   * fields' new values as the referral would now build them; `enquiryIds` narrows an erasure to the enquiries
   * erased. Returns the notices' ids.
   */
  async notify(
    m: EntityManager,
    input: { subjectRequestId: string; kind: NoticeKind; dataSubjectIds: string[]; changed?: string[]; enquiryIds?: string[] },
  ): Promise<string[]> {
    const recipients: RecipientRow[] = await m.query(RECIPIENTS, [input.dataSubjectIds, input.enquiryIds ?? null, input.kind]);
    const corrected = new Set((input.changed ?? []).map((key) => FIELDS_CORRECTED_BY[key]).filter(Boolean));
    const ids: string[] = [];
    for (const recipient of recipients) {
      let fields: Record<string, string> = {};
      if (input.kind === 'rectification') {
        const received = recipient.received.filter((field) => corrected.has(field));
        if (received.length === 0) continue;
        fields = await this.correctedValues(m, recipient.data_subject_id, received);
      }
      const portal = recipient.delivery_type === 'portal';
      const [notice]: { id: string }[] = await m.query(
        `insert into recipient_notices (organisation_id, subject_request_id, escalation_id, service_id, recipient_name, kind, message_id, fields, delivery_type, delivery_status)
         values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) returning id`,
        [
          requestContext.tenant(),
          input.subjectRequestId,
          recipient.escalation_id,
          recipient.recipient_service_id,
          recipient.service_name,
          input.kind,
          `msg_${randomBytes(16).toString('base64url')}`,
          JSON.stringify(fields),
          recipient.delivery_type,
          portal ? 'available' : 'pending',
        ],
      );
      if (!portal) await this.jobs.sendWithin(m, this.job, this.jobData(requestContext.tenant(), notice.id));
      ids.push(notice.id);
    }
    return ids;
  }

  /** The corrected fields as the referral would carry them now (the same builder, limited to those fields). */
  private async correctedValues(m: EntityManager, dataSubjectId: string, fields: SharedField[]): Promise<Record<string, string>> {
    const subject = await subjectContactOf(m, dataSubjectId);
    return subject ? (buildReferral(subject, fields) as Record<string, string>) : {};
  }

  jobData(organisationId: string, noticeId: string): Record<string, unknown> {
    return { organisationId, noticeId };
  }

  async claim(m: EntityManager, noticeId: string, leaseSeconds: number): Promise<ClaimedMessage | undefined> {
    const [row]: ClaimedRow[] = await m.query(CLAIM, [noticeId, leaseSeconds]);
    if (!row) return undefined;
    return {
      attempt: row.attempts,
      ...this.destination(row),
      message: noticeMessage({
        id: row.id,
        kind: row.kind,
        messageId: row.message_id,
        escalationId: row.escalation_id,
        reference: row.reference,
        organisation: row.organisation_slug,
        organisationName: row.organisation_name,
        service: { code: row.service_code, name: row.service_name },
        fields: row.fields,
        createdAt: new Date(row.created_at),
      }),
    };
  }

  async settle(m: EntityManager, noticeId: string, status: 'delivered' | 'dead', error: string | null): Promise<void> {
    const [notice]: {
      organisation_id: string;
      subject_request_id: string;
      kind: NoticeKind;
      attempts: number;
      fields: Record<string, string>;
    }[] = await m.query(
      `with settled as (
         update recipient_notices set delivery_status = $2, last_error = $3, next_attempt_at = null, attempt_lease_until = null,
                delivered_at = case when $2 = 'delivered' then now() else delivered_at end
          where id = $1 returning organisation_id, subject_request_id, kind, attempts, fields
       ) select * from settled`,
      [noticeId, status, error],
    );
    if (!notice) throw new Error('recipient notice not found');
    await this.audit.record(m, {
      organisationId: notice.organisation_id,
      actor: { type: 'system', id: null },
      action: status === 'delivered' ? 'recipient_notice.delivered' : 'recipient_notice.dead_lettered',
      entityType: 'recipient_notice',
      entityId: noticeId,
      fields: status === 'delivered' ? Object.keys(notice.fields) : [],
      details: { subjectRequestId: notice.subject_request_id, kind: notice.kind, attempts: notice.attempts, ...(error ? { error } : {}) },
    });
    if (status === 'dead') this.logger.warn({ msg: 'recipient notice dead-lettered', noticeId, attempts: notice.attempts, error });
  }
}
