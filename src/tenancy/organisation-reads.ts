import type { EntityManager } from 'typeorm';
import { ChannelCredentialEntity } from './channel-credential.entity.js';
import type { CredentialChannel } from './credential-channel.js';
import { OrganisationEntity } from './organisation.entity.js';

/**
 * How other contexts read the tenancy context's tables: an organisation's settings, the list of active
 * organisations a periodic job walks, a channel's sealed credential. Each takes the caller's entity manager, so the
 * read joins the caller's transaction and its tenant (or the registry, for the organisation list). Nothing outside
 * src/tenancy writes these tables: settings change through OrganisationService.
 */

/** An organisation's row as other contexts see it: read-only. */
export type Organisation = Readonly<Omit<OrganisationEntity, 'organisation'>>;

/** A channel's credential as the channel reads it to check a signature: sealed secrets, opened by the caller. */
export type ChannelCredential = Readonly<Omit<ChannelCredentialEntity, 'organisation'>>;

export const organisationSlug = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function findOrganisation(m: EntityManager, id: string): Promise<Organisation | null> {
  return m.findOne(OrganisationEntity, { where: { id } });
}

export function readOrganisation(m: EntityManager, id: string): Promise<Organisation> {
  return m.findOneOrFail(OrganisationEntity, { where: { id } });
}

/** The active organisation with this slug (a registry read: slugs are public), or null for a malformed one. */
export function activeOrganisationBySlug(m: EntityManager, slug: string): Promise<Organisation | null> {
  if (!organisationSlug.test(slug) || slug.length > 100) return Promise.resolve(null);
  return m.findOne(OrganisationEntity, { where: { slug, status: 'active' } });
}

/** Any organisation with this slug, offboarding ones included (the offboarding tool's own lookup). */
export function organisationBySlug(m: EntityManager, slug: string): Promise<Organisation | null> {
  return m.findOne(OrganisationEntity, { where: { slug } });
}

/**
 * The active organisations a periodic job walks (a registry read), in a stable order; one only when the job names
 * it, and only those routing chats (or e-mail, form and social work) automatically when asked.
 */
export async function activeOrganisations(
  m: EntityManager,
  filter: { id?: string; chatRouting?: 'auto'; workRouting?: 'auto' } = {},
): Promise<{ id: string; slug: string }[]> {
  const rows = await m.find(OrganisationEntity, {
    where: {
      status: 'active',
      ...(filter.id ? { id: filter.id } : {}),
      ...(filter.chatRouting ? { chatRouting: filter.chatRouting } : {}),
      ...(filter.workRouting ? { workRouting: filter.workRouting } : {}),
    },
    select: { id: true, slug: true },
    order: { slug: 'ASC' },
  });
  return rows.map(({ id, slug }) => ({ id, slug }));
}

/** The current tenant's credential for a channel, sealed as stored. */
export function channelCredential(m: EntityManager, channel: CredentialChannel): Promise<ChannelCredential | null> {
  return m.findOne(ChannelCredentialEntity, { where: { channel } });
}
