import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../database/tenant-database.js';
import { ChannelCredentialEntity } from './channel-credential.entity.js';
import { type CredentialChannel } from './credential-channel.js';
import { OrganisationEntity } from './organisation.entity.js';
import { findNoticeInForce } from './privacy-notice-in-force.js';
import { PrivacyNoticeEntity } from './privacy-notice.entity.js';
import { inboundAddressTaken } from './inbound-mailbox.js';

/** The current organisation's own row, its privacy notices and channel credentials. */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly db: TenantDatabase) {}

  findCurrent(organisationId: string): Promise<OrganisationEntity | null> {
    return this.db.transaction((m) => m.findOne(OrganisationEntity, { where: { id: organisationId } }));
  }

  /** One organisation from the registry (readable without a tenant), for jobs that send on its behalf. */
  findById(organisationId: string): Promise<OrganisationEntity | null> {
    return this.db.registry((m) => m.findOne(OrganisationEntity, { where: { id: organisationId } }));
  }

  /** The organisations (at most two: more would be a fault) that receive mail at a plain, lower-case address. */
  async receivingAt(address: string): Promise<Pick<OrganisationEntity, 'id' | 'status'>[]> {
    return this.db.lookup(`select id, status from organisations where lower(enquiries_email) = $1 limit 2`, [address]);
  }

  update(organisationId: string, change: (organisation: OrganisationEntity) => void): Promise<OrganisationEntity> {
    return this.db.transaction(async (m) => {
      const organisation = await m.findOneOrFail(OrganisationEntity, { where: { id: organisationId } });
      change(organisation);
      await m
        .update(
          OrganisationEntity,
          { id: organisationId },
          {
            name: organisation.name,
            defaultLegalBasis: organisation.defaultLegalBasis,
            dpoName: organisation.dpoName,
            dpoEmail: organisation.dpoEmail,
            dpoPostalAddress: organisation.dpoPostalAddress,
            enquiriesEmail: organisation.enquiriesEmail,
            businessHours: organisation.businessHours,
            chatRouting: organisation.chatRouting,
            chatOfferSeconds: organisation.chatOfferSeconds,
            workRouting: organisation.workRouting,
            workReclaimMinutes: organisation.workReclaimMinutes,
            processors: organisation.processors,
            notifyApiKey: organisation.notifyApiKey,
            notifyTemplates: organisation.notifyTemplates,
            safeguardingContacts: organisation.safeguardingContacts,
            updatedAt: new Date(),
          },
        )
        .catch((error: unknown) => {
          // Two organisations claiming one address at the same moment: the database's unique index decides.
          if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'uq_organisations_enquiries_email')
            throw inboundAddressTaken();
          throw error;
        });
      return organisation;
    });
  }

  listNotices(): Promise<PrivacyNoticeEntity[]> {
    return this.db.transaction((m) => m.find(PrivacyNoticeEntity, { order: { effectiveFrom: 'DESC', publishedAt: 'DESC' } }));
  }

  /** The version in force on `date` (the rule: `noticeInForce`). */
  findNoticeInForce(date: string): Promise<PrivacyNoticeEntity | null> {
    return this.db.transaction((m) => findNoticeInForce(m, date));
  }

  /** Inserts a new version; false when the version label is taken. */
  publishNotice(notice: Omit<PrivacyNoticeEntity, 'id' | 'publishedAt' | 'organisation'>): Promise<PrivacyNoticeEntity | undefined> {
    return this.db.transaction(async (m) => {
      const existing = await m.findOne(PrivacyNoticeEntity, { where: { version: notice.version } });
      if (existing) return undefined;
      return m.save(m.create(PrivacyNoticeEntity, notice));
    });
  }

  /** Stores a new sealed secret, keeping the previous one valid until the next rotation. */
  rotateChannelSecret(organisationId: string, channel: CredentialChannel, sealedSecret: string): Promise<void> {
    return this.db.transaction(async (m) => {
      const current = await m.findOne(ChannelCredentialEntity, { where: { channel }, lock: { mode: 'pessimistic_write' } });
      if (current) {
        await m.update(
          ChannelCredentialEntity,
          { organisationId, channel },
          { previousSecret: current.secret, secret: sealedSecret, rotatedAt: new Date() },
        );
      } else {
        await m.insert(ChannelCredentialEntity, { organisationId, channel, secret: sealedSecret });
      }
    });
  }
}
