import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { SecretBox, sealedFor } from '../common/secret-box.js';
import { ukDate } from '../common/uk-date.js';
import { checkBusinessHours } from './business-hours.js';
import type { CredentialChannel } from './credential-channel.js';
import type { OrganisationDto, PrivacyNoticeDto, PublishPrivacyNoticeDto, UpdateOrganisationDto } from './dto/organisation.dto.js';
import { OrganisationRepository } from './organisation.repository.js';
import type { OrganisationEntity } from './organisation.entity.js';
import type { NotifyTemplates } from './organisation-settings.js';
import type { PrivacyNoticeEntity } from './privacy-notice.entity.js';
import { noticeVersionExists } from './tenancy.errors.js';
import { inboundAddressRefusal, inboundAddressTaken, plainMailbox } from './inbound-mailbox.js';
import { DomainError } from '../common/errors/domain-error.js';

/** What messages to citizens are sent as (`OrganisationService.sender`). The Notify key is a secret: never log or return it. */
export interface OrganisationSender {
  id: string;
  slug: string;
  name: string;
  address: string;
  notifyApiKey: string | null;
  notifyTemplates: NotifyTemplates;
}

/** An organisation's own settings, as its staff see them and its administrators change them. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  async current(): Promise<OrganisationDto> {
    const organisationId = requestContext.tenant();
    const [organisation, notice] = await Promise.all([
      this.organisations.findCurrent(organisationId),
      this.organisations.findNoticeInForce(ukDate()),
    ]);
    if (!organisation) throw new Error('the principal has no organisation');
    return toOrganisationDto(organisation, notice);
  }

  async update(input: UpdateOrganisationDto): Promise<OrganisationDto> {
    if (input.businessHours) checkBusinessHours(input.businessHours);
    const enquiriesEmail = input.enquiriesEmail?.trim().toLowerCase();
    if (enquiriesEmail !== undefined) await this.checkInboundAddress(enquiriesEmail);
    await this.organisations.update(requestContext.tenant(), (organisation) => {
      if (input.name !== undefined) organisation.name = input.name;
      if (input.defaultLegalBasis !== undefined) organisation.defaultLegalBasis = input.defaultLegalBasis;
      if (input.dpo) {
        organisation.dpoName = input.dpo.name;
        organisation.dpoEmail = input.dpo.email.toLowerCase();
        organisation.dpoPostalAddress = input.dpo.postalAddress ?? null;
      }
      if (enquiriesEmail !== undefined) organisation.enquiriesEmail = enquiriesEmail;
      if (input.businessHours) organisation.businessHours = input.businessHours;
      if (input.chatRouting) organisation.chatRouting = input.chatRouting;
      if (input.safeguardingContacts) {
        const contacts = { ...organisation.safeguardingContacts };
        for (const key of ['childrenEmergencyDuty', 'adultsEmergencyDuty'] as const) {
          const value = input.safeguardingContacts[key];
          if (value !== undefined) contacts[key] = value === null ? null : value.trim().replace(/\s+/g, ' ');
        }
        organisation.safeguardingContacts = contacts;
      }
      if (input.chatOfferSeconds !== undefined) organisation.chatOfferSeconds = input.chatOfferSeconds;
      if (input.workRouting) organisation.workRouting = input.workRouting;
      if (input.workReclaimMinutes !== undefined) organisation.workReclaimMinutes = input.workReclaimMinutes;
      if (input.notify?.apiKey !== undefined)
        organisation.notifyApiKey = input.notify.apiKey
          ? this.secrets.seal(input.notify.apiKey, sealedFor.notifyApiKey(requestContext.tenant()))
          : null;
      if (input.notify?.templates) organisation.notifyTemplates = { ...organisation.notifyTemplates, ...input.notify.templates };
      if (input.processors)
        organisation.processors = input.processors.map((processor) => ({
          name: processor.name.trim(),
          purpose: processor.purpose.trim(),
          location: processor.location.trim(),
          ...(processor.safeguard?.trim() ? { safeguard: processor.safeguard.trim() } : {}),
        }));
    });
    await this.audit.recordAlone({
      organisationId: requestContext.tenant(),
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: requestContext.tenant(),
      details: { changed: Object.keys(input).sort() },
    });
    return this.current();
  }

  /**
   * What a message to a citizen is sent as, for other contexts (replies): the organisation's name, its inbound
   * address (the From of its mail), and its GOV.UK Notify key (opened) and templates when it uses Notify.
   */
  async sender(organisationId: string): Promise<OrganisationSender | undefined> {
    const organisation = await this.organisations.findById(organisationId);
    if (!organisation) return undefined;
    return {
      id: organisation.id,
      slug: organisation.slug,
      name: organisation.name,
      address: organisation.enquiriesEmail ?? `contact@${organisation.slug}.invalid`,
      notifyApiKey: organisation.notifyApiKey
        ? this.secrets.open(organisation.notifyApiKey, sealedFor.notifyApiKey(organisation.id))
        : null,
      notifyTemplates: organisation.notifyTemplates ?? {},
    };
  }

  /**
   * For other contexts, inside their tenant transaction: the access token an organisation's channel sends with
   * (the social page's token), opened; undefined when none is set. A secret: never log or return it.
   */
  async channelAccessToken(m: EntityManager, channel: CredentialChannel): Promise<string | undefined> {
    const [row]: { organisation_id: string; access_token: string | null }[] = await m.query(
      `select organisation_id, access_token from channel_credentials where channel = $1`,
      [channel],
    );
    return row?.access_token ? this.secrets.open(row.access_token, sealedFor.channelAccessToken(row.organisation_id, channel)) : undefined;
  }

  /**
   * The organisation receiving mail at an address (a `+tag` ignored), for the SMTP listener. Undefined when none
   * does; refused when more than one could, which the database's unique index should make impossible.
   */
  async receivingMailAt(address: string): Promise<string | undefined> {
    const mailbox = plainMailbox(address);
    if (!mailbox) return undefined;
    const holders = await this.organisations.receivingAt(mailbox);
    if (holders.length > 1) throw new DomainError(500, 'INBOUND_ADDRESS_AMBIGUOUS', 'more than one organisation holds an inbound address');
    return holders[0]?.status === 'active' ? holders[0].id : undefined;
  }

  /** Another organisation's address answers 409 (before anything else, so the answer is the same whoever asks). */
  private async checkInboundAddress(address: string): Promise<void> {
    const tenant = requestContext.tenant();
    const holders = await this.organisations.receivingAt(address);
    if (holders.some((holder) => holder.id !== tenant)) throw inboundAddressTaken();
    const organisation = await this.organisations.findCurrent(tenant);
    const refusal = inboundAddressRefusal(address, organisation?.inboundDomains ?? []);
    if (refusal) throw refusal;
  }

  async notices(): Promise<PrivacyNoticeDto[]> {
    return (await this.organisations.listNotices()).map(toPrivacyNoticeDto);
  }

  async publishNotice(input: PublishPrivacyNoticeDto): Promise<PrivacyNoticeDto> {
    const published = await this.organisations.publishNotice({
      organisationId: requestContext.tenant(),
      version: input.version,
      title: input.title,
      url: input.url ?? null,
      body: input.body ?? null,
      effectiveFrom: input.effectiveFrom,
    });
    if (!published) throw noticeVersionExists(input.version);
    await this.audit.recordAlone({
      organisationId: requestContext.tenant(),
      action: 'privacy_notice.publish',
      entityType: 'privacy_notice',
      entityId: published.id,
      details: { version: input.version, effectiveFrom: input.effectiveFrom },
    });
    return toPrivacyNoticeDto(published);
  }

  /** A new Standard Webhooks secret for an inbound channel, shown once; the previous one stays valid until the next rotation. */
  async rotateChannelSecret(channel: CredentialChannel): Promise<{ channel: CredentialChannel; secret: string }> {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    await this.organisations.rotateChannelSecret(
      requestContext.tenant(),
      channel,
      this.secrets.seal(secret, sealedFor.channelSecret(requestContext.tenant(), channel)),
    );
    await this.audit.recordAlone({
      organisationId: requestContext.tenant(),
      action: 'channel_secret.rotate',
      entityType: 'organisation',
      entityId: requestContext.tenant(),
      details: { channel },
    });
    return { channel, secret };
  }
}

function toPrivacyNoticeDto(notice: PrivacyNoticeEntity): PrivacyNoticeDto {
  return {
    version: notice.version,
    title: notice.title,
    ...(notice.url ? { url: notice.url } : {}),
    ...(notice.body ? { body: notice.body } : {}),
    effectiveFrom: notice.effectiveFrom,
    publishedAt: notice.publishedAt.toISOString(),
  };
}

function toOrganisationDto(organisation: OrganisationEntity, notice: PrivacyNoticeEntity | null): OrganisationDto {
  return {
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    defaultLegalBasis: organisation.defaultLegalBasis,
    dpo: {
      name: organisation.dpoName,
      email: organisation.dpoEmail,
      ...(organisation.dpoPostalAddress ? { postalAddress: organisation.dpoPostalAddress } : {}),
    },
    ...(organisation.enquiriesEmail ? { enquiriesEmail: organisation.enquiriesEmail } : {}),
    inboundDomains: organisation.inboundDomains,
    businessHours: organisation.businessHours,
    chatRouting: organisation.chatRouting,
    chatOfferSeconds: organisation.chatOfferSeconds,
    workRouting: organisation.workRouting,
    workReclaimMinutes: organisation.workReclaimMinutes,
    processors: organisation.processors ?? [],
    safeguardingContacts: {
      childrenEmergencyDuty: organisation.safeguardingContacts?.childrenEmergencyDuty ?? null,
      adultsEmergencyDuty: organisation.safeguardingContacts?.adultsEmergencyDuty ?? null,
    },
    notify: { apiKeySet: Boolean(organisation.notifyApiKey), templates: organisation.notifyTemplates ?? {} },
    ...(notice ? { currentPrivacyNotice: toPrivacyNoticeDto(notice) } : {}),
  };
}
