import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { CallRinging } from '../../contracts/calls.js';
import { subjectIdsWithPhone } from '../../data-subjects/subjects-by-phone.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { contactHistory } from '../../enquiries/contact-history.js';
import { enabledStaffByLogin } from '../../identity/staff-reads.js';
import type { RingingCallDto } from './dto/ringing-call.dto.js';
import { CallLinks } from './call-links.js';

/** A ringing call for one advisor's consoles: the `/console` gateway emits `call:ringing` to that advisor alone. */
export interface RingingAlert {
  organisationId: string;
  advisorId: string;
  call: CallRinging;
}

/** Roles that answer the phone (a service user, a DPO or an administrator is never shown a caller's history). */
const ANSWERING_ROLES = new Set(['advisor', 'supervisor']);

/**
 * The ringing phone: the telephony platform tells Signpost which advisor a call is ringing at, and that advisor's
 * console is shown who is calling before they answer: the caller's earlier contact with this organisation and
 * what of it is still open. The read is audited (ids only), as any read of a person's records is.
 */
@Injectable()
export class RingingCalls {
  readonly alerts = new Subject<RingingAlert>();

  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly links: CallLinks,
  ) {}

  /** Finds the advisor and the caller's contact, audits the read and raises the alert: how many contacts were shown. */
  async ring(organisationId: string, input: RingingCallDto): Promise<RingingAlert> {
    const alert = await this.db.forTenant(organisationId, async (m) => {
      const advisor = await enabledStaffByLogin(m, input.agent);
      if (!advisor || !ANSWERING_ROLES.has(advisor.role)) {
        throw new DomainError(422, 'AGENT_UNKNOWN', 'agent is not the login of an advisor or supervisor of this organisation');
      }
      // Remembered, so that the call log that follows joins the enquiry the advisor says the call is about.
      await this.links.remember(m, organisationId, input.callId, advisor.id);
      const people = await subjectIdsWithPhone(m, input.callerNumber);
      const history = await contactHistory(m, people);
      const shown = [...new Set([...history.earlierContact, ...history.openEnquiries].map((contact) => contact.enquiryId))];
      if (shown.length > 0) {
        await this.audit.record(m, {
          organisationId,
          actor: { type: 'channel', id: null },
          action: 'person.contact_shown',
          entityType: 'staff_user',
          entityId: advisor.id,
          details: { reason: 'ringing_call', dataSubjectIds: people, enquiryIds: shown },
        });
      }
      return { organisationId, advisorId: advisor.id, call: { callId: input.callId, callerNumber: input.callerNumber, ...history } };
    });
    this.alerts.next(alert);
    return alert;
  }
}
