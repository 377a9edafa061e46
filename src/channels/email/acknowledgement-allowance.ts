import { createHmac } from 'node:crypto';
import { derivedKey } from '../../common/key-ring.js';
import { plainMailbox } from '../../tenancy/inbound-mailbox.js';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Settings } from '../../config/settings.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { appendTimelineEvent } from '../../enquiries/timeline.js';

export type AcknowledgementDecision = 'granted' | 'sender_limit' | 'organisation_limit';

export interface AcknowledgementLimits {
  perSender: number;
  perOrganisation: number;
}

/**
 * The backscatter rule: an acknowledgement goes only while its sender address has had fewer than `perSender`
 * in the last hour (from every organisation of the deployment together) and the organisation has sent fewer
 * than `perOrganisation`; otherwise it is withheld (the enquiry stands). The sender's limit is told first.
 */
export function acknowledgementDecision(
  sentInLastHour: { toSender: number; byOrganisation: number },
  limits: AcknowledgementLimits,
): AcknowledgementDecision {
  if (sentInLastHour.toSender >= limits.perSender) return 'sender_limit';
  if (sentInLastHour.byOrganisation >= limits.perOrganisation) return 'organisation_limit';
  return 'granted';
}

/** The mailbox an address delivers to, for counting: lower case, without a +tag (victim+1@ and victim+2@ are one inbox). */
export function mailboxOf(address: string): string {
  return plainMailbox(address.trim()) ?? address.trim().toLowerCase();
}

const keys = new Map<string, Buffer>();

/** A keyed hash of the sender's mailbox (HMAC-SHA256 under a key of its own, see key-ring.ts): the address is never stored for counting. */
export function senderKey(address: string, secretKey: string): string {
  let key = keys.get(secretKey);
  if (!key) keys.set(secretKey, (key = derivedKey(secretKey, 'acknowledgementSenders')));
  return createHmac('sha256', key).update(mailboxOf(address)).digest('hex');
}

/**
 * Whether a new e-mail enquiry may be acknowledged, counted in PostgreSQL so that every instance shares the
 * count: one row (organisation, keyed hash of the sender, time) per acknowledgement sent in the last hour. The
 * sender's count spans organisations through a definer function that answers only a number (and forgets rows
 * older than the hour). Transaction-scoped advisory locks on the organisation and on the sender make the
 * check-and-count exact when instances race.
 */
@Injectable()
export class AcknowledgementAllowance {
  private readonly logger = new Logger(AcknowledgementAllowance.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly settings: Settings,
  ) {}

  /**
   * Counts the acknowledgement when it may go; otherwise notes on the enquiry's timeline that it was withheld
   * and why (never the address), and logs the same.
   */
  claim(organisationId: string, enquiryId: string, sender: string): Promise<AcknowledgementDecision> {
    const key = senderKey(sender, this.settings.secretKey);
    return this.db.forTenant(organisationId, async (m) => {
      await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`email-acknowledgement:organisation:${organisationId}`]);
      await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`email-acknowledgement:sender:${key}`]);
      const decision = acknowledgementDecision(await this.sentInLastHour(m, key), {
        perSender: this.settings.env.EMAIL_ACKS_PER_SENDER_PER_HOUR,
        perOrganisation: this.settings.env.EMAIL_ACKS_PER_ORGANISATION_PER_HOUR,
      });
      if (decision === 'granted') {
        await m.query(`insert into email_acknowledgements (organisation_id, sender_key) values ($1, $2)`, [organisationId, key]);
      } else {
        await appendTimelineEvent(m, {
          organisationId,
          enquiryId,
          kind: 'system',
          authorType: 'system',
          authorId: null,
          metadata: { event: 'acknowledgement_withheld', reason: decision },
        });
        this.logger.log({ msg: 'acknowledgement withheld', enquiryId, reason: decision });
      }
      return decision;
    });
  }

  private async sentInLastHour(m: EntityManager, key: string): Promise<{ toSender: number; byOrganisation: number }> {
    const [{ to_sender: toSender }]: { to_sender: number }[] = await m.query(`select email_acknowledgements_to_sender($1) as to_sender`, [
      key,
    ]);
    const [{ n: byOrganisation }]: { n: number }[] = await m.query(
      `select count(*)::int as n from email_acknowledgements where sent_at > now() - interval '1 hour'`,
    );
    return { toSender, byOrganisation };
  }
}
