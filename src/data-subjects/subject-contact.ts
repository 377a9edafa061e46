import type { EntityManager } from 'typeorm';

/**
 * What a person's record gives to anything sent about them: a referral to a service (`buildReferral`), the
 * corrected values a recipient is told of (Art. 19), and the number their reference is texted to. One row for
 * all three, so a referral, its correction notice and the text cannot disagree about who the person is or
 * which number is theirs: phones come in the order they were given, and the first is the one used.
 */
export interface SubjectContact {
  name: string;
  dateOfBirth: string | null;
  phones: string[];
  address: string | null;
  postcode: string | null;
}

/** The row `subjectContactColumns` selects. */
export interface SubjectContactRow {
  name: string;
  date_of_birth: string | null;
  postal_address: string | null;
  postcode: string | null;
  phones: string[];
}

/** The select items for a person's contact row, over `data_subjects` aliased as `alias`, for statements that read more beside it. */
export const subjectContactColumns = (alias: string): string =>
  `${alias}.name, ${alias}.date_of_birth::text as date_of_birth, ${alias}.postal_address, ${alias}.postcode,
   array(select i.value from data_subject_identifiers i where i.data_subject_id = ${alias}.id and i.kind = 'phone' order by i.created_at, i.id) as phones`;

export const toSubjectContact = (row: SubjectContactRow): SubjectContact => ({
  name: row.name,
  dateOfBirth: row.date_of_birth,
  phones: row.phones ?? [],
  address: row.postal_address,
  postcode: row.postcode,
});

/** One person's contact row, inside the caller's tenant transaction; undefined for an unknown (or another organisation's) person. */
export async function subjectContactOf(m: EntityManager, dataSubjectId: string): Promise<SubjectContact | undefined> {
  const [row]: SubjectContactRow[] = await m.query(`select ${subjectContactColumns('s')} from data_subjects s where s.id = $1`, [
    dataSubjectId,
  ]);
  return row ? toSubjectContact(row) : undefined;
}

/** Where and how a person may be answered (the replies context): their name, addresses and numbers in the order given, language. */
export interface ReplyContact {
  name: string;
  emails: string[];
  phones: string[];
  preferredLanguage: 'en' | 'cy';
  /** Their details were erased: nothing may be sent to them. */
  erased: boolean;
}

/** One person's reply contact, inside the caller's tenant transaction; undefined for an unknown (or another organisation's) person. */
export async function replyContactOf(m: EntityManager, dataSubjectId: string): Promise<ReplyContact | undefined> {
  const [row]: { name: string; emails: string[]; phones: string[]; preferred_language: 'en' | 'cy'; erased: boolean }[] = await m.query(
    `select s.name, s.preferred_language, s.erased_at is not null as erased,
            array(select i.value from data_subject_identifiers i where i.data_subject_id = s.id and i.kind = 'email' order by i.created_at, i.id) as emails,
            array(select i.value from data_subject_identifiers i where i.data_subject_id = s.id and i.kind = 'phone' order by i.created_at, i.id) as phones
       from data_subjects s where s.id = $1`,
    [dataSubjectId],
  );
  return row
    ? { name: row.name, emails: row.emails ?? [], phones: row.phones ?? [], preferredLanguage: row.preferred_language, erased: row.erased }
    : undefined;
}
