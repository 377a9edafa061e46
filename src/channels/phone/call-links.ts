import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError, NotFoundError } from '../../common/errors/domain-error.js';
import { requestContext } from '../../common/request-context.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { findEnquiry } from '../../enquiries/enquiry-reads.js';
import { appendTimelineEvent } from '../../enquiries/timeline.js';
import { CallLogEntity } from './call-log.entity.js';
import { RingingCallEntity } from './ringing-call.entity.js';

/** How long a ringing call is remembered for its call log to find its enquiry: a day covers the longest call. */
const REMEMBERED_HOURS = 24;

export interface CallLink {
  callId: string;
  enquiryId: string;
  reference: string;
  /** Whether the call log had already arrived and is on the enquiry's timeline. */
  logged: boolean;
}

/**
 * The ringing phone and the call log that follows: while a call rings (and during it) the advisor says which enquiry
 * it is about, one they create or one of the caller's open enquiries they pick, and the call log the telephony
 * platform sends when the call ends joins that enquiry instead of becoming a new one.
 */
@Injectable()
export class CallLinks {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  /** The call rang at this advisor (a transferred call: at the last one); forgets calls older than a day. */
  async remember(m: EntityManager, organisationId: string, callId: string, advisorId: string): Promise<void> {
    await m.query(`delete from ringing_calls where rang_at < now() - make_interval(hours => $1)`, [REMEMBERED_HOURS]);
    await m.query(
      `insert into ringing_calls (organisation_id, call_id, advisor_id) values ($1, $2, $3)
       on conflict (organisation_id, call_id) do update set advisor_id = excluded.advisor_id, rang_at = now()`,
      [organisationId, callId, advisorId],
    );
  }

  /** The enquiry an advisor linked this call to, for its call log. */
  async linkedEnquiry(m: EntityManager, callId: string): Promise<string | null> {
    return (await m.findOne(RingingCallEntity, { where: { callId } }))?.enquiryId ?? null;
  }

  /**
   * The advisor the call rang at (or a supervisor) says which enquiry it is about. Once the call log has arrived the
   * call belongs to the enquiry it joined: asking for another answers 409 with that enquiry's reference.
   */
  link(callId: string, enquiryId: string): Promise<CallLink> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('linking a call needs a member of staff');
    return this.db.transaction(async (m) => {
      const call = await m.findOne(RingingCallEntity, { where: { callId }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw new NotFoundError('CALL_NOT_FOUND', 'Ringing call');
      if (call.advisorId !== principal.userId && principal.role !== 'supervisor') {
        throw new DomainError(403, 'CALL_RANG_ELSEWHERE', 'This call rang at another advisor: only they or a supervisor can link it');
      }
      const enquiry = await findEnquiry(m, enquiryId);
      if (!enquiry) throw new NotFoundError('ENQUIRY_NOT_FOUND', 'Enquiry');
      const log = await m.findOne(CallLogEntity, { where: { callId } });
      if (log) {
        if (log.enquiryId === enquiry.id) return { callId, enquiryId: enquiry.id, reference: enquiry.reference, logged: true };
        const owner = await findEnquiry(m, log.enquiryId);
        throw new DomainError(
          409,
          'CALL_ALREADY_LOGGED',
          `The call log has already arrived and is on enquiry ${owner?.reference ?? 'another enquiry'}`,
        );
      }
      await m.update(RingingCallEntity, { callId }, { enquiryId: enquiry.id, linkedBy: principal.userId, linkedAt: new Date() });
      await appendTimelineEvent(m, {
        organisationId: enquiry.organisationId,
        enquiryId: enquiry.id,
        kind: 'system',
        authorType: 'staff',
        authorId: principal.userId,
        metadata: { event: 'call_linked', callId },
      });
      await this.audit.record(m, { action: 'call.link', entityType: 'enquiry', entityId: enquiry.id, details: { callId } });
      return { callId, enquiryId: enquiry.id, reference: enquiry.reference, logged: false };
    });
  }
}
