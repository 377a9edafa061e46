import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../../database/tenant-database.js';
import { OrganisationService } from '../../tenancy/organisation.service.js';
import { SocialConversationEntity, SocialMessageEntity } from './social.entities.js';
import { SocialPlatform } from './social-platform.js';

/**
 * The social channel's adapter for the replies context: whether an enquiry came from social media, and sending an
 * answer through the platform from a job (the caller keeps the timeline and the audit entry).
 */
@Injectable()
export class SocialReplySender {
  constructor(
    private readonly db: TenantDatabase,
    private readonly organisations: OrganisationService,
    private readonly platform: SocialPlatform,
  ) {}

  /** Whether the enquiry is a social conversation that can be answered (a page access token is configured). */
  async canReply(m: EntityManager, enquiryId: string): Promise<boolean> {
    const conversation = await m.findOne(SocialConversationEntity, { where: { enquiryId } });
    return Boolean(conversation && (await this.organisations.channelAccessToken(m, 'social')));
  }

  /** Sends through the platform; throws when the platform refuses or cannot be reached (the job retries). */
  async send(organisationId: string, enquiryId: string, text: string): Promise<string> {
    const target = await this.db.forTenant(organisationId, async (m) => {
      const conversation = await m.findOne(SocialConversationEntity, { where: { enquiryId } });
      const token = await this.organisations.channelAccessToken(m, 'social');
      if (!conversation || !token) throw new Error('social reply target gone');
      const last = await m.findOne(SocialMessageEntity, { where: { enquiryId, direction: 'inbound' }, order: { createdAt: 'DESC' } });
      return { conversation, replyTo: last?.platformMessageId ?? '', token };
    });
    const kind = target.conversation.conversationKey.startsWith('comment:') ? 'comment' : 'direct_message';
    const platformMessageId = await this.platform.reply(target.token, target.conversation.platformUserId, text, kind, target.replyTo);
    if (platformMessageId)
      await this.db.forTenant(organisationId, (m) =>
        m.insert(SocialMessageEntity, { organisationId, platformMessageId, enquiryId, direction: 'outbound' }),
      );
    return platformMessageId;
  }
}
