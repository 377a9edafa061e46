import { isUtf8 } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DomainError } from '../common/errors/domain-error.js';
import { SecretBox, sealedFor } from '../common/secret-box.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { type CredentialChannel } from '../tenancy/credential-channel.js';
import { activeOrganisationBySlug, channelCredential, type Organisation } from '../tenancy/organisation-reads.js';

/** One answer for every way a push can fail authentication: which check failed is not told. */
export const unsignedPush = () => new DomainError(401, 'INVALID_SIGNATURE', 'Missing or invalid signature');

export type HeaderBag = Record<string, string | string[] | undefined>;

const header = (headers: HeaderBag, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const TOLERANCE_SECONDS = 5 * 60;

/**
 * Standard Webhooks verification of the signature alone (the package's own verify() also parses the body as
 * JSON, which must wait until the signature is known good): timestamp within five minutes either way, and one
 * of the space-separated `v1,` signatures equal, in constant time, to the one the package computes.
 */
export function verifyStandardSignature(
  secret: string,
  payload: string | Buffer,
  headers: { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string },
  now: Date = new Date(),
): boolean {
  const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures } = headers;
  if (!id || !/^\d{1,12}$/.test(timestamp) || !signatures) return false;
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > TOLERANCE_SECONDS) return false;
  let expected: Buffer;
  try {
    expected = Buffer.from(standardSignature(secret, id, seconds, payload));
  } catch {
    return false;
  }
  return signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * The `v1,` signature the standardwebhooks package would make (HMAC-SHA256 of `id.seconds.payload`, the payload
 * as UTF-8), computed by node:crypto: the package's JavaScript SHA-256 held the event loop for half a second and
 * more over a 25 MB e-mail. A valid UTF-8 body is hashed as it is, without copying it into a string.
 */
function standardSignature(secret: string, id: string, seconds: number, payload: string | Buffer): string {
  new Webhook(secret); // refuses a malformed secret exactly as the package does
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const body = typeof payload === 'string' || isUtf8(payload) ? payload : payload.toString('utf8');
  return `v1,${createHmac('sha256', key).update(`${id}.${seconds}.`).update(body).digest('base64')}`;
}

/**
 * Machine-to-machine pushes are authenticated by signature, not by login: the organisation's channel secret
 * (current, or the previous one during a rotation) must have signed the raw bytes per Standard Webhooks,
 * with a timestamp within five minutes. The check runs before the body is parsed.
 */
@Injectable()
export class ChannelAuthService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly secrets: SecretBox,
  ) {}

  async verifyStandardWebhook(
    slug: string,
    channel: CredentialChannel,
    raw: Buffer,
    headers: HeaderBag,
  ): Promise<{ organisationId: string; slug: string }> {
    const organisation = await this.organisationBySlug(slug);
    if (!organisation) throw unsignedPush();
    const credential = await this.db.forTenant(organisation.id, (m) => channelCredential(m, channel));
    if (!credential) throw unsignedPush();
    const signed = {
      'webhook-id': header(headers, 'webhook-id') ?? '',
      'webhook-timestamp': header(headers, 'webhook-timestamp') ?? '',
      'webhook-signature': header(headers, 'webhook-signature') ?? '',
    };
    for (const sealed of [credential.secret, credential.previousSecret]) {
      const secret = sealed ? this.secrets.tryOpen(sealed, sealedFor.channelSecret(organisation.id, channel)) : undefined;
      if (secret && verifyStandardSignature(secret, raw, signed)) {
        return { organisationId: organisation.id, slug: organisation.slug };
      }
    }
    throw unsignedPush();
  }

  /** The organisation registry is readable without a tenant (slugs are public). */
  organisationBySlug(slug: string): Promise<Organisation | null> {
    return this.db.registry((m) => activeOrganisationBySlug(m, slug));
  }
}
