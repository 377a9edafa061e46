import { Injectable } from '@nestjs/common';
import { findEnquiry } from '../../enquiries/enquiry-reads.js';
import { appendTimelineEvent } from '../../enquiries/timeline.js';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { requestContext } from '../../common/request-context.js';
import { SecretBox, sealedFor } from '../../common/secret-box.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { enquiryNotFound } from '../../enquiries/enquiries.errors.js';
import { ChannelIntakeService } from '../channel-intake.service.js';
import type { SocialEvent } from './meta-events.js';
import { SocialConversationEntity, SocialMessageEntity } from './social.entities.js';
import { SocialPlatform } from './social-platform.js';
import { safetySignals } from '../safety/safety-signals.js';
import { SafeguardingFlags, type SafeguardingAlert } from '../../safeguarding/safeguarding-flags.service.js';
import { channelCredential } from '../../tenancy/organisation-reads.js';

export interface SocialIngestReport {
  received: number;
  created: number;
  continued: number;
  duplicates: number;
}

/**
 * Social media messages: a new conversation becomes an enquiry, later messages of the same conversation join
 * its timeline (until it is closed), a message seen before is ignored. Advisors reply through the platform.
 */
@Injectable()
export class SocialIngestService {
  constructor(
    private readonly channels: ChannelIntakeService,
    private readonly db: TenantDatabase,
    private readonly platform: SocialPlatform,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly safeguarding: SafeguardingFlags,
  ) {}

  async ingest(organisationId: string, events: SocialEvent[]): Promise<SocialIngestReport> {
    const report: SocialIngestReport = { received: events.length, created: 0, continued: 0, duplicates: 0 };
    for (const event of events) {
      const alerts: SafeguardingAlert[] = [];
      const outcome = await this.db.forTenant(organisationId, async (m) => {
        if (await m.exists(SocialMessageEntity, { where: { platformMessageId: event.messageId } })) return 'duplicate' as const;
        const conversation = await m.findOne(SocialConversationEntity, { where: { conversationKey: event.conversationKey } });
        const open = conversation ? await findEnquiry(m, conversation.enquiryId) : null;
        if (open && open.status !== 'closed') {
          await this.remember(m, organisationId, open.id, event, alerts);
          await this.audit.record(m, {
            organisationId,
            actor: { type: 'channel', id: null },
            action: 'social.message',
            entityType: 'enquiry',
            entityId: open.id,
            fields: ['message.text'],
          });
          return 'continued' as const;
        }
        const result = await this.channels.ingestWithin(m, organisationId, 'social', {
          externalId: event.messageId,
          enquiry: async () => ({
            channel: 'social',
            requesterType: 'citizen',
            subject: { name: event.name ?? 'Social media user' },
            description: event.text || '(media only)',
          }),
          after: async (tx, enquiry) => {
            if (conversation) await tx.update(SocialConversationEntity, { id: conversation.id }, { enquiryId: enquiry.id });
            else
              await tx.insert(SocialConversationEntity, {
                organisationId,
                conversationKey: event.conversationKey,
                platformUserId: event.platformUserId,
                enquiryId: enquiry.id,
              });
            await this.remember(tx, organisationId, enquiry.id, event, alerts);
          },
        });
        return result.created ? ('created' as const) : ('duplicate' as const);
      });
      for (const alert of alerts) this.safeguarding.announce(alert);
      report[outcome === 'created' ? 'created' : outcome === 'continued' ? 'continued' : 'duplicates'] += 1;
    }
    return report;
  }

  /** An advisor's reply, sent through the platform and kept on the timeline. */
  async reply(enquiryId: string, text: string): Promise<{ sent: true }> {
    const principal = requestContext.principal();
    const target = await this.db.transaction(async (m) => {
      const enquiry = await findEnquiry(m, enquiryId);
      if (!enquiry) throw enquiryNotFound();
      const conversation = await m.findOne(SocialConversationEntity, { where: { enquiryId } });
      if (!conversation) throw new DomainError(409, 'NOT_A_SOCIAL_CONVERSATION', 'This enquiry did not come from social media');
      const last = await m.findOne(SocialMessageEntity, { where: { enquiryId, direction: 'inbound' }, order: { createdAt: 'DESC' } });
      const credential = await channelCredential(m, 'social');
      if (!credential?.accessToken)
        throw new DomainError(409, 'SOCIAL_NOT_CONFIGURED', 'No page access token is configured for social replies');
      return {
        enquiry,
        conversation,
        replyTo: last?.platformMessageId ?? '',
        token: this.secrets.open(credential.accessToken, sealedFor.channelAccessToken(credential.organisationId, credential.channel)),
      };
    });
    const kind = target.conversation.conversationKey.startsWith('comment:') ? 'comment' : 'direct_message';
    let platformMessageId: string;
    try {
      platformMessageId = await this.platform.reply(target.token, target.conversation.platformUserId, text, kind, target.replyTo);
    } catch {
      throw new DomainError(502, 'SOCIAL_PLATFORM_UNAVAILABLE', 'The social platform did not accept the reply; try again');
    }
    await this.db.transaction(async (m) => {
      if (platformMessageId)
        await m.insert(SocialMessageEntity, {
          organisationId: target.enquiry.organisationId,
          platformMessageId,
          enquiryId,
          direction: 'outbound',
        });
      await appendTimelineEvent(m, {
        organisationId: target.enquiry.organisationId,
        enquiryId,
        kind: 'message',
        authorType: 'staff',
        authorId: principal?.userId ?? null,
        body: text,
        metadata: { channel: 'social', direction: 'outbound' },
      });
      await this.audit.record(m, { action: 'social.reply', entityType: 'enquiry', entityId: enquiryId, fields: ['message.text'] });
    });
    return { sent: true };
  }

  /** Stores an inbound message on the timeline; words of danger raise a safeguarding flag (added to `alerts`). */
  private async remember(
    m: EntityManager,
    organisationId: string,
    enquiryId: string,
    event: SocialEvent,
    alerts: SafeguardingAlert[],
  ): Promise<void> {
    await m.insert(SocialMessageEntity, { organisationId, platformMessageId: event.messageId, enquiryId, direction: 'inbound' });
    await appendTimelineEvent(m, {
      organisationId,
      enquiryId,
      kind: 'message',
      authorType: 'citizen',
      authorId: null,
      body: event.text || null,
      metadata: { channel: 'social', kind: event.kind, mediaUrls: event.mediaUrls },
    });
    const signals = safetySignals(event.text ?? '');
    if (signals.danger)
      alerts.push(await this.safeguarding.raise(m, { organisationId, enquiryId, channel: 'social', kinds: signals.dangerKinds }));
  }
}
