import { Injectable } from '@nestjs/common';
import { recordConsent } from '../consent/consent-records.js';
import type { EntityManager } from 'typeorm';
import { ukDate } from '../common/uk-date.js';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { DataSubjectsService, type DataSubject } from '../data-subjects/data-subjects.service.js';
import { enquiryRetentionClass, type RetentionClass } from '../retention/retention-class.js';
import { findNoticeInForce } from '../tenancy/privacy-notice-in-force.js';
import type { CreateEnquiryDto, CreatedEnquiryDto } from './dto/create-enquiry.dto.js';
import { consentRequired, explicitConsentRequired, subjectNotFound, unknownPrivacyNotice } from './enquiries.errors.js';
import { EnquiryRepository } from './enquiry.repository.js';
import { readOrganisation, type Organisation } from '../tenancy/organisation-reads.js';
import { WORK_CHANNELS } from '../contracts/enquiry-vocabulary.js';
import { JOB_NAMES } from '../jobs/job-names.js';
import { JobQueue } from '../jobs/job-queue.js';
import { serviceByCode } from '../directory/service-reads.js';
import { enquiryDueTimes } from '../service-levels/service-level-reads.js';

/** Who or what is recording the enquiry: a member of staff, or a channel acting for the organisation. */
export interface IntakeOptions {
  /** The record type, where the channel decides it (otherwise from the channel and requester). */
  retentionClass?: RetentionClass;
  /**
   * The caller's own writes for the new enquiry (a chat for it), in the same transaction before the audit link:
   * the organisation's audit chain head is locked from that link to commit, so nothing else may run after it.
   */
  beforeAudit?: (enquiryId: string) => Promise<void>;
}

export interface IntakeActor {
  organisationId: string;
  staffId: string | null;
  actorType: 'staff' | 'channel' | 'citizen';
}

/** Logging a new contact as an enquiry, with its data subject, legal basis and consent, in one transaction. */
@Injectable()
export class EnquiryIntakeService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly subjects: DataSubjectsService,
    private readonly enquiries: EnquiryRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  /** For staff through the API. */
  create(input: CreateEnquiryDto): Promise<CreatedEnquiryDto> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('enquiry intake needs an actor');
    return this.db.transaction((m) =>
      this.createWithin(m, input, { organisationId: principal.organisationId, staffId: principal.userId, actorType: 'staff' }),
    );
  }

  /** For channels and chat, inside their own tenant transaction. */
  async createWithin(
    m: EntityManager,
    input: CreateEnquiryDto,
    actor: IntakeActor,
    options: IntakeOptions = {},
  ): Promise<CreatedEnquiryDto> {
    const { retentionClass, beforeAudit } = options;
    // E-mail, form and social enquiries wait in the work queue: assigned automatically once committed, if the organisation chose it.
    const queuedWork = (WORK_CHANNELS as readonly string[]).includes(input.channel);
    const organisation = !input.legalBasis || queuedWork ? await readOrganisation(m, actor.organisationId) : undefined;
    const legalBasis = input.legalBasis ?? (organisation as Organisation).defaultLegalBasis;
    if (input.specialCategory && input.specialCategory.explicitConsent !== true) throw explicitConsentRequired();
    if (legalBasis === 'consent' && input.consent?.given !== true) throw consentRequired();
    const noticeVersion = input.consent?.privacyNoticeVersion ?? (await findNoticeInForce(m, ukDate()))?.version;
    if (
      input.consent &&
      (await m.query(`select 1 from privacy_notices where version = $1 limit 1`, [input.consent.privacyNoticeVersion])).length === 0
    ) {
      throw unknownPrivacyNotice();
    }

    const subject = input.dataSubjectId ? await this.linkSubject(m, input.dataSubjectId, input) : undefined;
    const possibleMatches = subject ? [] : await this.subjects.findMatches(m, input.subject);
    const dataSubject = subject ?? (await this.subjects.create(m, actor.organisationId, input.subject));

    const categories = input.specialCategory?.categories ?? [];
    const dueTimes = await enquiryDueTimes(m, actor.organisationId, {
      channel: input.channel,
      topic: input.topic ?? null,
      receivedAt: new Date(),
    });
    const enquiry = await this.enquiries.insertWithNewReference(m, {
      organisationId: actor.organisationId,
      channel: input.channel,
      sourceReference: input.sourceReference ?? null,
      requesterType: input.requesterType,
      dataSubjectId: dataSubject.id,
      topic: input.topic ?? null,
      description: input.description,
      status: 'new',
      legalBasis,
      specialCategory: categories.length > 0,
      specialCategories: categories,
      specialCategoryDetails: input.specialCategory?.details ?? null,
      retentionClass: retentionClass ?? enquiryRetentionClass(input.channel, input.requesterType !== 'citizen'),
      createdBy: actor.staffId,
      ...dueTimes,
    });

    if (input.consent?.given) {
      await recordConsent(m, {
        organisationId: actor.organisationId,
        enquiryId: enquiry.id,
        dataSubjectId: dataSubject.id,
        purpose: 'processing',
        method: input.consent.method,
        privacyNoticeVersion: input.consent.privacyNoticeVersion,
        recordedBy: actor.staffId,
      });
    }
    if (input.specialCategory) {
      await recordConsent(m, {
        organisationId: actor.organisationId,
        enquiryId: enquiry.id,
        dataSubjectId: dataSubject.id,
        purpose: 'special_category',
        specialCategories: categories,
        method: input.specialCategory.method ?? input.consent?.method ?? 'verbal',
        privacyNoticeVersion: noticeVersion ?? 'unrecorded',
        recordedBy: actor.staffId,
      });
    }
    await this.enquiries.addEvent(m, enquiry, {
      kind: 'system',
      authorType: actor.actorType === 'staff' ? 'staff' : 'system',
      authorId: actor.staffId,
      metadata: { event: 'created', channel: input.channel, legalBasis, linkedToExistingSubject: Boolean(subject) },
    });
    if (queuedWork && organisation?.workRouting === 'auto') {
      await this.jobs.sendWithin(m, JOB_NAMES.routeWork, { organisationId: actor.organisationId });
    }
    const warnings = await this.warnings(m, legalBasis, input.topic);
    if (beforeAudit) await beforeAudit(enquiry.id);
    // Last, just before commit: the audit chain's head stays locked from here to the end of the transaction.
    await this.audit.record(m, {
      organisationId: actor.organisationId,
      actor: { type: actor.actorType, id: actor.staffId },
      action: 'enquiry.create',
      entityType: 'enquiry',
      entityId: enquiry.id,
      fields: personalFieldsOf(input),
      details: { channel: input.channel, legalBasis, dataSubjectId: dataSubject.id, specialCategories: categories },
    });

    return {
      id: enquiry.id,
      reference: enquiry.reference,
      status: enquiry.status,
      legalBasis,
      retentionClass: enquiry.retentionClass,
      ...(possibleMatches.length > 0 ? { possibleMatches } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }

  private async linkSubject(m: EntityManager, dataSubjectId: string, input: CreateEnquiryDto): Promise<DataSubject> {
    const subject = await this.subjects.findSubject(m, dataSubjectId);
    if (!subject) throw subjectNotFound();
    await this.subjects.addIdentifiers(m, subject, input.subject);
    return subject;
  }

  /** Legitimate interests is not available to a public authority for its statutory tasks (Art. 6(1), last paragraph). */
  private async warnings(m: EntityManager, legalBasis: string, topic: string | undefined): Promise<{ code: string; message: string }[]> {
    if (legalBasis !== 'legitimate_interests' || !topic) return [];
    const service = await serviceByCode(m, topic.trim().toLowerCase());
    if (!service?.statutory) return [];
    return [
      {
        code: 'LEGITIMATE_INTERESTS_FOR_STATUTORY_SERVICE',
        message: `${service.name} is a statutory service: public task (Art. 6(1)(e)) or legal obligation is usually the right basis, not legitimate interests`,
      },
    ];
  }
}

/** The names of the personal-data fields an enquiry was given: what the audit trail records instead of values. */
function personalFieldsOf(input: CreateEnquiryDto): string[] {
  const subject = Object.entries(input.subject)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key]) => `subject.${key}`);
  return [...subject, 'description', ...(input.specialCategory?.details ? ['specialCategory.details'] : [])].sort();
}
