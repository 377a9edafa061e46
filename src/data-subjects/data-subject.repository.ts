import { Injectable } from '@nestjs/common';
import { Brackets, In, type EntityManager } from 'typeorm';
import type { SubjectInputDto } from './dto/subject.dto.js';
import { DataSubjectIdentifierEntity, type IdentifierKind } from './data-subject-identifier.entity.js';
import { DataSubjectEntity } from './data-subject.entity.js';
import { emailKey, nameKey, phoneKey, postcodeKey, type SearchTerm } from './subject-keys.js';

export interface SubjectWithIdentifiers {
  subject: DataSubjectEntity;
  identifiers: DataSubjectIdentifierEntity[];
}

export interface SubjectMatch {
  dataSubjectId: string;
  name: string;
  matchedOn: string[];
}

/** Data subjects and their identifiers, always inside the caller's tenant transaction. */
@Injectable()
export class DataSubjectRepository {
  async create(m: EntityManager, organisationId: string, input: SubjectInputDto): Promise<DataSubjectEntity> {
    const subject = await m.save(
      m.create(DataSubjectEntity, {
        organisationId,
        name: input.name.trim(),
        nameKey: nameKey(input.name),
        dateOfBirth: input.dateOfBirth ?? null,
        postalAddress: input.address?.trim() || null,
        postcode: input.postcode?.trim().toUpperCase() || null,
        postcodeKey: input.postcode ? postcodeKey(input.postcode) : null,
      }),
    );
    await this.addIdentifiers(m, subject, input);
    return subject;
  }

  /** Adds any phone number or e-mail address the subject does not have yet. */
  async addIdentifiers(m: EntityManager, subject: DataSubjectEntity, input: Pick<SubjectInputDto, 'phone' | 'email'>): Promise<void> {
    const wanted: { kind: IdentifierKind; value: string; key: string }[] = [];
    const phone = input.phone ? phoneKey(input.phone) : undefined;
    if (input.phone && phone) wanted.push({ kind: 'phone', value: input.phone.trim(), key: phone });
    if (input.email) wanted.push({ kind: 'email', value: input.email.trim(), key: emailKey(input.email) });
    for (const identifier of wanted) {
      await m
        .createQueryBuilder()
        .insert()
        .into(DataSubjectIdentifierEntity)
        .values({ organisationId: subject.organisationId, dataSubjectId: subject.id, ...identifier })
        .orIgnore()
        .execute();
    }
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
    const reasons = new Map<string, Set<string>>();
    const note = (ids: { id: string }[], reason: string) => {
      for (const { id } of ids) if (id !== excludeId) reasons.set(id, (reasons.get(id) ?? new Set()).add(reason));
    };
    const phone = input.phone ? phoneKey(input.phone) : undefined;
    const identifierMatches = async (kind: IdentifierKind, key: string) =>
      (await m.find(DataSubjectIdentifierEntity, { where: { kind, key }, select: { dataSubjectId: true } })).map((row) => ({ id: row.dataSubjectId }));
    if (phone) note(await identifierMatches('phone', phone), 'phone');
    if (input.email) note(await identifierMatches('email', emailKey(input.email)), 'email');
    const key = nameKey(input.name);
    if (input.dateOfBirth) note(await m.find(DataSubjectEntity, { where: { nameKey: key, dateOfBirth: input.dateOfBirth }, select: { id: true } }), 'name+dateOfBirth');
    if (input.postcode) note(await m.find(DataSubjectEntity, { where: { nameKey: key, postcodeKey: postcodeKey(input.postcode) }, select: { id: true } }), 'name+postcode');
    if (reasons.size === 0) return [];
    const subjects = await m.findBy(DataSubjectEntity, { id: In([...reasons.keys()].slice(0, 20)) });
    return subjects.map((subject) => ({ dataSubjectId: subject.id, name: subject.name, matchedOn: [...(reasons.get(subject.id) ?? [])].sort() }));
  }

  /** Ids of subjects one normalised search term points at. */
  async idsFor(m: EntityManager, term: SearchTerm): Promise<string[]> {
    switch (term.kind) {
      case 'email':
      case 'phone':
        return (await m.find(DataSubjectIdentifierEntity, { where: { kind: term.kind, key: term.key }, select: { dataSubjectId: true } })).map((r) => r.dataSubjectId);
      case 'postcode':
        return (await m.find(DataSubjectEntity, { where: { postcodeKey: term.key }, select: { id: true } })).map((r) => r.id);
      case 'name':
        return (
          await m
            .createQueryBuilder(DataSubjectEntity, 'subject')
            .select('subject.id')
            .where(
              new Brackets((where) =>
                where.where('subject.name_key = :key', { key: term.key }).orWhere(`subject.name_key like :prefix escape '\\'`, { prefix: `${escapeLike(term.key)}%` }),
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
