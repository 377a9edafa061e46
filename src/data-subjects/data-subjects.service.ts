import { Injectable } from '@nestjs/common';
import { insertRow } from '../database/insert-row.js';
import { Brackets, In, type EntityManager } from 'typeorm';
import type { SubjectInputDto } from './dto/subject.dto.js';
import { DataSubjectIdentifierEntity, type IdentifierKind } from './data-subject-identifier.entity.js';
import { DataSubjectEntity } from './data-subject.entity.js';
import type { MatchReason, SubjectCriterion } from './subject-criteria.js';
import type { CriteriaMatch, PersonMatch, PersonMatchReason, SubjectMatch, SubjectWithIdentifiers } from './subject-matches.js';
import { ADDRESS_MIN_WORDS, addressKey, emailKey, nameKey, phoneKey, postcodeKey, type SearchTerm } from './subject-keys.js';

/** Data subjects and their identifiers, always inside the caller's tenant transaction. */
/** A person enquiries are about, as other contexts receive them from this service. */
export type DataSubject = DataSubjectEntity;

@Injectable()
/**
 * The data-subjects context's service: the only code that reads or writes data_subjects and
 * data_subject_identifiers. Methods take the caller's entity manager so that they join the caller's transaction.
 */
export class DataSubjectsService {
  async create(m: EntityManager, organisationId: string, input: SubjectInputDto): Promise<DataSubjectEntity> {
    const subject = await insertRow(m, DataSubjectEntity, {
      organisationId,
      name: input.name.trim(),
      nameKey: nameKey(input.name),
      dateOfBirth: input.dateOfBirth ?? null,
      postalAddress: input.address?.trim() || null,
      addressKey: input.address ? addressKey(input.address) || null : null,
      postcode: input.postcode?.trim().toUpperCase() || null,
      postcodeKey: input.postcode ? postcodeKey(input.postcode) : null,
      preferredLanguage: input.preferredLanguage ?? 'en',
    });
    await this.addIdentifiers(m, subject, input);
    return subject;
  }

  /** Adds any phone number or e-mail address the subject does not have yet. */
  async addIdentifiers(m: EntityManager, subject: DataSubjectEntity, input: Pick<SubjectInputDto, 'phone' | 'email'>): Promise<void> {
    const wanted: { kind: IdentifierKind; value: string; key: string }[] = [];
    const phone = input.phone ? phoneKey(input.phone) : undefined;
    if (input.phone && phone) wanted.push({ kind: 'phone', value: input.phone.trim(), key: phone });
    if (input.email) wanted.push({ kind: 'email', value: input.email.trim(), key: emailKey(input.email) });
    if (wanted.length === 0) return;
    await m.query(
      `insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key)
       select $1, $2, kind, value, key from unnest($3::text[], $4::text[], $5::text[]) as wanted (kind, value, key)
       on conflict do nothing`,
      [subject.organisationId, subject.id, wanted.map((w) => w.kind), wanted.map((w) => w.value), wanted.map((w) => w.key)],
    );
  }

  /** The person, or null when there is none with this id in the tenant. */
  findSubject(m: EntityManager, id: string): Promise<DataSubjectEntity | null> {
    return m.findOne(DataSubjectEntity, { where: { id } });
  }

  /** Which of these ids name people of the tenant. */
  async existingIds(m: EntityManager, ids: string[]): Promise<string[]> {
    const found = await m.find(DataSubjectEntity, { where: { id: In(ids) }, select: { id: true } });
    return found.map((subject) => subject.id);
  }

  /** Whether the person is known by this identifier (its search key, as subject-keys computes it). */
  hasIdentifier(m: EntityManager, dataSubjectId: string, kind: IdentifierKind, key: string): Promise<boolean> {
    return m.exists(DataSubjectIdentifierEntity, { where: { dataSubjectId, kind, key } });
  }

  async findWithIdentifiers(m: EntityManager, id: string): Promise<SubjectWithIdentifiers | undefined> {
    const subject = await m.findOne(DataSubjectEntity, { where: { id } });
    if (!subject) return undefined;
    const identifiers = await m.find(DataSubjectIdentifierEntity, { where: { dataSubjectId: id }, order: { createdAt: 'ASC' } });
    return { subject, identifiers };
  }

  /**
   * People already held who may be this one: the same phone or e-mail, or the same name with the same date
   * of birth or postcode. Only ever a suggestion: an advisor decides.
   */
  async findMatches(m: EntityManager, input: SubjectInputDto, excludeId?: string): Promise<SubjectMatch[]> {
    // One round trip: each way of matching is a branch of a union, tagged with its reason.
    const branches: string[] = [];
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const phone = input.phone ? phoneKey(input.phone) : undefined;
    if (phone)
      branches.push(
        `select data_subject_id as id, 'phone' as reason from data_subject_identifiers where kind = 'phone' and key = ${parameter(phone)}`,
      );
    if (input.email)
      branches.push(
        `select data_subject_id as id, 'email' as reason from data_subject_identifiers where kind = 'email' and key = ${parameter(emailKey(input.email))}`,
      );
    const key = nameKey(input.name);
    if (input.dateOfBirth) {
      branches.push(
        `select id, 'name+dateOfBirth' as reason from data_subjects where name_key = ${parameter(key)} and date_of_birth = ${parameter(input.dateOfBirth)}`,
      );
    }
    if (input.postcode) {
      branches.push(
        `select id, 'name+postcode' as reason from data_subjects where name_key = ${parameter(key)} and postcode_key = ${parameter(postcodeKey(input.postcode))}`,
      );
    }
    if (branches.length === 0) return [];
    const rows: { id: string; name: string; reasons: string[] }[] = await m.query(
      `select subject.id, subject.name, array_agg(distinct matched.reason order by matched.reason) as reasons
         from (${branches.join(' union all ')}) matched join data_subjects subject on subject.id = matched.id
        where subject.id is distinct from ${parameter(excludeId ?? null)}::uuid
        group by subject.id, subject.name
        order by subject.id
        limit 20`,
      parameters,
    );
    return rows.map((row) => ({ dataSubjectId: row.id, name: row.name, matchedOn: row.reasons }));
  }

  /**
   * Other people of the tenant who look like this one (an advisor decides whether they are): the same e-mail
   * address or phone number, or the same name with the same date of birth, postcode or address. Erased records are
   * left out. Each with the kinds of field that matched, strongest first; at most `limit`. One statement.
   */
  async possibleMatchesOf(m: EntityManager, dataSubjectId: string, limit = 20): Promise<PersonMatch[]> {
    const rows: { id: string; name: string; reasons: PersonMatchReason[] }[] = await m.query(
      `with me as (select id, name_key, date_of_birth, postcode_key, address_key from data_subjects where id = $1),
            matched (id, reason) as (
              select other.data_subject_id, other.kind
                from data_subject_identifiers mine
                join data_subject_identifiers other on other.kind = mine.kind and other.key = mine.key
               where mine.data_subject_id = $1 and other.data_subject_id <> $1
              union all
              select s.id, 'name+dateOfBirth' from data_subjects s join me on s.name_key = me.name_key and s.date_of_birth = me.date_of_birth
               where s.id <> me.id and me.name_key <> ''
              union all
              select s.id, 'name+postcode' from data_subjects s join me on s.name_key = me.name_key and s.postcode_key = me.postcode_key
               where s.id <> me.id and me.name_key <> ''
              union all
              select s.id, 'name+address' from data_subjects s join me on s.name_key = me.name_key and s.address_key = me.address_key
               where s.id <> me.id and me.name_key <> ''
            )
       select s.id, s.name, array_agg(distinct matched.reason order by matched.reason) as reasons
         from matched join data_subjects s on s.id = matched.id
        where s.erased_at is null
        group by s.id, s.name
        order by count(distinct matched.reason) desc, s.name, s.id
        limit $2`,
      [dataSubjectId, limit],
    );
    return rows.map((row) => ({ dataSubjectId: row.id, name: row.name, matchedOn: row.reasons }));
  }

  /**
   * The people of the tenant at the same address as this one (the normalised address key, exactly; an address of
   * fewer than ADDRESS_MIN_WORDS words names no one place), this one included. None when it has no address.
   */
  async idsAtSameAddress(m: EntityManager, dataSubjectId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `select s.id from data_subjects s join data_subjects me on me.id = $1
        where s.address_key = me.address_key and s.erased_at is null and array_length(string_to_array(me.address_key, ' '), 1) >= $2
        limit 200`,
      [dataSubjectId, ADDRESS_MIN_WORDS],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Gives one person the phone numbers and e-mail addresses held for another (an advisor linked an enquiry to the
   * person it is really about): replies still reach the address the enquiry came from, and a search by it finds
   * them. Additive: the other record keeps its own. How many were added.
   */
  async copyIdentifiers(m: EntityManager, fromId: string, toId: string): Promise<number> {
    const added: unknown[] = await m.query(
      `with added as (
         insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key)
         select organisation_id, $2, kind, value, key from data_subject_identifiers where data_subject_id = $1
         on conflict do nothing
         returning id
       ) select id from added`,
      [fromId, toId],
    );
    return added.length;
  }

  /**
   * Everyone held who meets at least one of the criteria, with every criterion each one meets, those meeting
   * the most first: one statement, whatever the number of criteria.
   */
  async findByCriteria(m: EntityManager, organisationId: string, criteria: SubjectCriterion[], limit: number): Promise<CriteriaMatch[]> {
    if (criteria.length === 0) return [];
    const { text, values } = subjectsMatchingQuery(organisationId, criteria, limit);
    const rows: { id: string; name: string; reasons: MatchReason[] }[] = await m.query(text, values);
    return rows.map((row) => ({ dataSubjectId: row.id, name: row.name, matchedOn: row.reasons }));
  }

  /** Ids of subjects one normalised search term points at. */
  async idsFor(m: EntityManager, term: SearchTerm): Promise<string[]> {
    switch (term.kind) {
      case 'email':
      case 'phone':
        return (
          await m.find(DataSubjectIdentifierEntity, { where: { kind: term.kind, key: term.key }, select: { dataSubjectId: true } })
        ).map((r) => r.dataSubjectId);
      case 'postcode':
        return (await m.find(DataSubjectEntity, { where: { postcodeKey: term.key }, select: { id: true } })).map((r) => r.id);
      case 'name':
        return (
          await m
            .createQueryBuilder(DataSubjectEntity, 'subject')
            .select('subject.id')
            .where(
              new Brackets((where) =>
                where
                  .where('subject.name_key = :key', { key: term.key })
                  .orWhere(`subject.name_key like :prefix escape '\\'`, { prefix: `${escapeLike(term.key)}%` }),
              ),
            )
            .limit(500)
            .getMany()
        ).map((r) => r.id);
      case 'reference':
        return [];
    }
  }
}

/**
 * The SQL of findByCriteria (exported so that the benchmark's baseline runs exactly it). Every branch is
 * filtered by the organisation first, matching the (organisation_id, …) indexes, besides row-level security.
 * The address branch is a byte-order range over the "C"-collated key, so it uses the index whatever the plan.
 */
export function subjectsMatchingQuery(
  organisationId: string,
  criteria: SubjectCriterion[],
  limit: number,
): { text: string; values: unknown[] } {
  const values: unknown[] = [organisationId];
  const $ = (value: unknown) => `$${values.push(value)}`;
  const identifier = (kind: string, key: string) =>
    `select i.data_subject_id, '${kind}' from data_subject_identifiers i where i.organisation_id = $1 and i.kind = '${kind}' and i.key = ${$(key)}`;
  const subject = (reason: MatchReason, condition: string) =>
    `select s.id, '${reason}' from data_subjects s where s.organisation_id = $1 and ${condition}`;
  const branches = criteria.map((criterion) => {
    switch (criterion.reason) {
      case 'email':
      case 'phone':
        return identifier(criterion.reason, criterion.key);
      case 'name+dateOfBirth':
        return subject(criterion.reason, `s.name_key = ${$(criterion.nameKey)} and s.date_of_birth = ${$(criterion.dateOfBirth)}::date`);
      case 'name+postcode':
        return subject(criterion.reason, `s.name_key = ${$(criterion.nameKey)} and s.postcode_key = ${$(criterion.postcodeKey)}`);
      case 'name':
        return subject(criterion.reason, `s.name_key = ${$(criterion.nameKey)}`);
      case 'address':
        return subject(
          criterion.reason,
          `(s.address_key = any(${$(criterion.prefixes)}::text[]) or (s.address_key >= ${$(`${criterion.key} `)} and s.address_key < ${$(`${criterion.key}!`)}))`,
        );
    }
  });
  const text = `
    with matched (data_subject_id, reason) as (
      ${branches.join(' union all ')}
    )
    select s.id, s.name, array_agg(distinct m.reason order by m.reason) as reasons
    from matched m
    join data_subjects s on s.organisation_id = $1 and s.id = m.data_subject_id
    group by s.id
    order by count(distinct m.reason) desc, s.name, s.id
    limit ${$(limit)}`;
  return { text, values };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
