import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Settings } from '../config/settings.js';
import { inboundAddressTaken } from './inbound-mailbox.js';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const MAILBOX = /^[a-z0-9.!#$%&'*/=?^_`{|}~-]{1,64}@[^@\s]+$/;

export interface InboundMailboxes {
  organisation: string;
  enquiriesEmail: string | null;
  inboundDomains: string[];
}

/**
 * The operator's side of inbound e-mail (`npm run signpost -- inbound-domains | inbound-address`): which mail
 * domains are routed to an organisation, and, when needed, its address itself. It runs through the owner
 * connection, because an organisation's own administrators may not change the domains. Audited in the
 * organisation's chain as the system's doing.
 */
@Injectable()
export class InboundMailboxOperator {
  constructor(
    private readonly settings: Settings,
    private readonly audit: AuditService,
  ) {}

  show(slug: string): Promise<InboundMailboxes> {
    return this.withOwner(async (client) => toMailboxes(await this.organisation(client, slug)));
  }

  /** Replaces the domains routed to the organisation. Its address, if outside them, stays until it is changed. */
  async assignDomains(slug: string, domains: string[]): Promise<InboundMailboxes> {
    const wanted = [...new Set(domains.map((domain) => domain.trim().toLowerCase()).filter(Boolean))];
    const bad = wanted.filter((domain) => !DOMAIN.test(domain));
    if (bad.length > 0) throw new DomainError(400, 'VALIDATION_FAILED', `not a mail domain: ${bad.join(', ')}`);
    return this.change(slug, 'inbound_domains', wanted, { inboundDomains: wanted });
  }

  /** Sets (or with null clears) the organisation's address: any domain, but never one another organisation holds. */
  async assignAddress(slug: string, address: string | null): Promise<InboundMailboxes> {
    const wanted = address === null ? null : address.trim().toLowerCase();
    if (wanted !== null && (!MAILBOX.test(wanted) || wanted.split('@')[0].includes('+'))) {
      throw new DomainError(400, 'VALIDATION_FAILED', 'the address must be a plain mailbox such as contact@example.gov.uk, without a +tag');
    }
    return this.change(slug, 'enquiries_email', wanted, { enquiriesEmail: wanted === null ? 'cleared' : 'set' });
  }

  private async change(
    slug: string,
    column: 'inbound_domains' | 'enquiries_email',
    value: string[] | string | null,
    details: Record<string, unknown>,
  ): Promise<InboundMailboxes> {
    const changed = await this.withOwner(async (client) => {
      const organisation = await this.organisation(client, slug);
      try {
        // The row-level security policy lets an organisation's row be changed only with that organisation as the tenant.
        await client.query('begin');
        await client.query(`select set_config('app.current_tenant', $1, true)`, [organisation.id]);
        const { rows } = await client.query(`update organisations set ${column} = $2, updated_at = now() where id = $1 returning *`, [
          organisation.id,
          value,
        ]);
        await client.query('commit');
        return rows[0] as OrganisationRow;
      } catch (error) {
        await client.query('rollback');
        if ((error as { constraint?: string }).constraint === 'uq_organisations_enquiries_email') throw inboundAddressTaken();
        throw error;
      }
    });
    await this.audit.recordAlone({
      organisationId: changed.id,
      actor: { type: 'system', id: null },
      action: 'organisation.inbound_mail',
      entityType: 'organisation',
      entityId: changed.id,
      details: { by: 'operator', ...details },
    });
    return toMailboxes(changed);
  }

  private async organisation(client: pg.Client, slug: string): Promise<OrganisationRow> {
    const { rows } = await client.query(`select id, slug, enquiries_email, inbound_domains from organisations where slug = $1`, [slug]);
    if (!rows[0]) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', `no organisation "${slug}"`);
    return rows[0] as OrganisationRow;
  }

  private async withOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.settings.ownerDatabaseUrl, application_name: 'signpost-operator' });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

interface OrganisationRow {
  id: string;
  slug: string;
  enquiries_email: string | null;
  inbound_domains: string[];
}

const toMailboxes = (row: OrganisationRow): InboundMailboxes => ({
  organisation: row.slug,
  enquiriesEmail: row.enquiries_email,
  inboundDomains: row.inbound_domains,
});
