import { LessThanOrEqual, type EntityManager } from 'typeorm';
import { PrivacyNoticeEntity } from './privacy-notice.entity.js';

/** What the rule reads of a published version. */
export interface NoticeVersion {
  /** First UK date the version applies (YYYY-MM-DD). */
  effectiveFrom: string;
  publishedAt: Date;
}

/**
 * The compliance rule for which privacy notice is in force on a UK date: the latest version whose first day is not
 * after the date; of two with the same first day, the one published later (a correction published the same day
 * replaces the first). Undefined when none has begun. Consent records, the webchat's notice, new enquiries and the
 * record of processing all take the notice from here.
 */
export function noticeInForce<T extends NoticeVersion>(versions: readonly T[], date: string): T | undefined {
  let chosen: T | undefined;
  for (const version of versions) {
    if (version.effectiveFrom > date) continue;
    if (
      !chosen ||
      version.effectiveFrom > chosen.effectiveFrom ||
      (version.effectiveFrom === chosen.effectiveFrom && version.publishedAt > chosen.publishedAt)
    )
      chosen = version;
  }
  return chosen;
}

/** The organisation's version in force on `date`, read in the caller's tenant transaction (an organisation has a handful). */
export async function findNoticeInForce(m: EntityManager, date: string): Promise<PrivacyNoticeEntity | null> {
  return noticeInForce(await m.find(PrivacyNoticeEntity, { where: { effectiveFrom: LessThanOrEqual(date) } }), date) ?? null;
}
