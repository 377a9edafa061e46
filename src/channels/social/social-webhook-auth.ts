import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { SecretBox, sealedFor } from '../../common/secret-box.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { ChannelAuthService, unsignedPush } from '../channel-auth.service.js';
import { verifyHubSignature } from './meta-events.js';
import { channelCredential, type ChannelCredential } from '../../tenancy/organisation-reads.js';

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The social platform's handshake (verify token) and event signatures (app secret), per organisation. */
@Injectable()
export class SocialWebhookAuth {
  constructor(
    private readonly organisations: ChannelAuthService,
    private readonly db: TenantDatabase,
    private readonly secrets: SecretBox,
  ) {}

  async handshake(slug: string, mode: string | undefined, token: string | undefined, challenge: string | undefined): Promise<string> {
    const refused = () => new DomainError(403, 'HANDSHAKE_REFUSED', 'Verification token does not match');
    const credential = await this.credential(slug);
    if (mode !== 'subscribe' || !token || !credential?.verifyToken || !equal(token, credential.verifyToken)) throw refused();
    // The challenge is echoed as plain text only; anything but a short token is refused rather than reflected.
    if (!challenge || !/^[A-Za-z0-9._-]{1,128}$/.test(challenge))
      throw new DomainError(400, 'BAD_CHALLENGE', 'hub.challenge must be a short token');
    return challenge;
  }

  async verify(slug: string, raw: Buffer, signature: string | undefined): Promise<string> {
    const credential = await this.credential(slug);
    if (!credential) throw unsignedPush();
    for (const sealed of [credential.secret, credential.previousSecret]) {
      const secret = sealed
        ? this.secrets.tryOpen(sealed, sealedFor.channelSecret(credential.organisationId, credential.channel))
        : undefined;
      if (secret && verifyHubSignature(secret, raw, signature)) return credential.organisationId;
    }
    throw unsignedPush();
  }

  private async credential(slug: string): Promise<ChannelCredential | null> {
    const organisation = await this.organisations.organisationBySlug(slug);
    if (!organisation) return null;
    return this.db.forTenant(organisation.id, (m) => channelCredential(m, 'social'));
  }
}
