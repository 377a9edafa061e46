import { Injectable } from '@nestjs/common';
import { consentsFor, type ConsentRecord } from '../consent/consent-records.js';
import { In, type EntityManager } from 'typeorm';
import type { EnquiryStatus, Channel, SlaFilter } from '../contracts/enquiry-vocabulary.js';
import { EnquiryEventEntity, type EnquiryEventKind, type EventAuthorType } from './enquiry-event.entity.js';
import { EnquiryEntity } from './enquiry.entity.js';
import { insertRowUnlessConflict } from '../database/insert-row.js';
import { newReference } from './reference-number.js';
import { appendTimelineEvent } from './timeline.js';
import { ENQUIRY_SLA_SQL } from './enquiry-sla.js';

export interface EnquiryListFilter {
  status?: EnquiryStatus;
  channel?: Channel;
  /** A service code: the enquiry's topic, or a service it was escalated to. */
  service?: string;
  assigneeId?: string;
  reference?: string;
  dataSubjectIds?: string[];
  /** Only those at risk or breached at `now`, soonest due first (`ENQUIRY_SLA_SQL`). */
  sla?: { state: SlaFilter; now: Date };
  /** Only open ones (new or in progress), soonest due first (`ENQUIRY_SLA_SQL`; none due last), then oldest first. */
  openSoonestDueFirst?: boolean;
  page: number;
  pageSize: number;
}

export interface NewEvent {
  kind: EnquiryEventKind;
  authorType: EventAuthorType;
  authorId: string | null;
  body?: string | null;
  metadata?: Record<string, unknown>;
}

/** Enquiries, their timeline and consent records, inside the caller's tenant transaction. */
@Injectable()
export class EnquiryRepository {
  async referenceTaken(m: EntityManager, reference: string): Promise<boolean> {
    return (await m.count(EnquiryEntity, { where: { reference } })) > 0;
  }

  /**
   * Inserts the enquiry under a fresh random reference in one round trip; in the rare case the reference is
   * taken already, tries another. Any other conflict (a channel's external id delivered twice at once)
   * surfaces as the unique violation it is, for the channel intake to answer with the existing enquiry.
   */
  async insertWithNewReference(m: EntityManager, enquiry: Omit<Partial<EnquiryEntity>, 'reference'>): Promise<EnquiryEntity> {
    for (;;) {
      const values = { ...enquiry, reference: newReference() };
      const inserted = await insertRowUnlessConflict<EnquiryEntity>(m, EnquiryEntity, values);
      if (inserted) return inserted;
      if (!(await this.referenceTaken(m, values.reference))) {
        await m.createQueryBuilder().insert().into(EnquiryEntity).values(values).execute();
        throw new Error('enquiry insert conflicted without raising');
      }
    }
  }

  /** Locks the row for the rest of the transaction, so that concurrent transitions serialise. */
  findForUpdate(m: EntityManager, id: string): Promise<EnquiryEntity | null> {
    return m.findOne(EnquiryEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(m: EntityManager, id: string): Promise<EnquiryEntity | null> {
    return m.findOne(EnquiryEntity, { where: { id } });
  }

  save(m: EntityManager, enquiry: EnquiryEntity): Promise<EnquiryEntity> {
    return m.save(enquiry);
  }

  async addEvent(m: EntityManager, enquiry: Pick<EnquiryEntity, 'id' | 'organisationId'>, event: NewEvent): Promise<EnquiryEventEntity> {
    return appendTimelineEvent(m, { organisationId: enquiry.organisationId, enquiryId: enquiry.id, ...event });
  }

  /** The enquiry's events, and those of the enquiries merged into it (each keeps its own: both timelines stay whole). */
  timeline(m: EntityManager, enquiryId: string, mergedIds: string[] = []): Promise<EnquiryEventEntity[]> {
    return m.find(EnquiryEventEntity, { where: { enquiryId: In([enquiryId, ...mergedIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The enquiries closed as duplicates of this one, oldest merge first. */
  mergedInto(m: EntityManager, enquiryId: string): Promise<Pick<EnquiryEntity, 'id' | 'reference' | 'mergedAt'>[]> {
    return m.find(EnquiryEntity, {
      where: { mergedIntoId: enquiryId },
      select: { id: true, reference: true, mergedAt: true },
      order: { mergedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Records the enquiry against another person (an advisor's explicit link). */
  async relinkSubject(m: EntityManager, enquiryId: string, dataSubjectId: string): Promise<void> {
    await m.query(`update enquiries set data_subject_id = $2, updated_at = now() where id = $1`, [enquiryId, dataSubjectId]);
  }

  /**
   * Closes a duplicate as merged into another enquiry: which, when, by whom. A merge closes from any status but
   * closed (the usual lifecycle closes only resolved or escalated ones); ck_enquiries_merged holds it to that.
   */
  async markMerged(m: EntityManager, enquiryId: string, intoId: string, mergedBy: string): Promise<Date> {
    const [{ merged_at }]: { merged_at: Date }[] = await m.query(
      // A data-modifying statement read through a select: TypeORM answers a bare UPDATE with [rows, count].
      `with merged as (
         update enquiries set status = 'closed', closed_at = now(), merged_into_id = $2, merged_at = now(), merged_by = $3, updated_at = now()
          where id = $1 returning merged_at
       ) select merged_at from merged`,
      [enquiryId, intoId, mergedBy],
    );
    return merged_at;
  }

  consents(m: EntityManager, enquiryId: string): Promise<ConsentRecord[]> {
    return consentsFor(m, enquiryId);
  }

  async list(m: EntityManager, filter: EnquiryListFilter): Promise<{ items: (EnquiryEntity & { subjectName: string })[]; total: number }> {
    const query = m
      .createQueryBuilder(EnquiryEntity, 'enquiry')
      // The inbox list's one cross-context read: the person's name and the referral's service, joined for speed
      // (docs/architecture.md, named cross-context reads).
      .innerJoin('data_subjects', 'subject', 'subject.id = enquiry.data_subject_id')
      .addSelect('subject.name', 'subject_name');
    if (filter.status) query.andWhere('enquiry.status = :status', { status: filter.status });
    if (filter.channel) query.andWhere('enquiry.channel = :channel', { channel: filter.channel });
    if (filter.service) {
      query.andWhere(
        `(enquiry.topic = :service or exists (select 1 from escalations escalation join services service on service.id = escalation.service_id
           where escalation.enquiry_id = enquiry.id and service.code = :service))`,
        { service: filter.service },
      );
    }
    if (filter.assigneeId) query.andWhere('enquiry.assignee_id = :assignee', { assignee: filter.assigneeId });
    if (filter.reference) query.andWhere('enquiry.reference = :reference', { reference: filter.reference });
    if (filter.dataSubjectIds) {
      if (filter.dataSubjectIds.length === 0) return { items: [], total: 0 };
      query.andWhere({ dataSubjectId: In(filter.dataSubjectIds) });
    }
    if (filter.sla) {
      // Only open enquiries have a target running (and the partial index ix_enquiries_sla_open holds just those).
      query.andWhere(`enquiry.status not in ('resolved', 'closed') and enquiry.resolution_due_at is not null`);
      query.andWhere(`${ENQUIRY_SLA_SQL.state('enquiry')} = :slaState`, { slaState: filter.sla.state, now: filter.sla.now });
      query.orderBy(ENQUIRY_SLA_SQL.dueAt('enquiry'), 'ASC');
    } else if (filter.openSoonestDueFirst) {
      query.andWhere(`enquiry.status in ('new', 'in_progress')`);
      query.orderBy(ENQUIRY_SLA_SQL.dueAt('enquiry'), 'ASC', 'NULLS LAST').addOrderBy('enquiry.created_at', 'ASC');
    } else query.orderBy('enquiry.created_at', 'DESC');
    const total = await query.getCount();
    const { entities, raw } = await query
      .addOrderBy('enquiry.id', filter.openSoonestDueFirst ? 'ASC' : 'DESC')
      .offset((filter.page - 1) * filter.pageSize)
      .limit(filter.pageSize)
      .getRawAndEntities<{ subject_name: string }>();
    return { items: entities.map((entity, index) => Object.assign(entity, { subjectName: raw[index].subject_name })), total };
  }

  countForSubjects(m: EntityManager, dataSubjectIds: string[]): Promise<Map<string, number>> {
    if (dataSubjectIds.length === 0) return Promise.resolve(new Map());
    return m
      .createQueryBuilder(EnquiryEntity, 'enquiry')
      .select('enquiry.data_subject_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where({ dataSubjectId: In(dataSubjectIds) })
      .groupBy('enquiry.data_subject_id')
      .getRawMany<{ id: string; n: number }>()
      .then((rows) => new Map(rows.map((row) => [row.id, row.n])));
  }
}
