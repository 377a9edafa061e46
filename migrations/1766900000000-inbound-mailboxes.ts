import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inbound e-mail address belongs to one organisation only. Before this, two organisations could hold the same
 * address and the SMTP listener routed citizens' mail to whichever row PostgreSQL met first.
 *
 * - The address is stored lower-case and is unique across the deployment, case-insensitively.
 * - Addresses held by more than one organisation are cleared (mail to them is refused until the operator assigns
 *   them again): which organisation should have them cannot be told from the data.
 * - `inbound_domains`: the mail domains the operator routes to an organisation. An administrator may choose an
 *   address only within them; only the owner role (the operator's command) may change them.
 */
export class InboundMailboxes1766900000000 implements MigrationInterface {
  name = 'InboundMailboxes1766900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`update organisations set enquiries_email = nullif(lower(trim(enquiries_email)), '') where enquiries_email is not null`);
    const shared: { address: string; holders: number }[] = await db.query(
      `select enquiries_email as address, count(*)::int as holders from organisations where enquiries_email is not null group by enquiries_email having count(*) > 1`,
    );
    if (shared.length > 0) {
      await db.query(`update organisations set enquiries_email = null where enquiries_email = any($1)`, [shared.map((row) => row.address)]);
      // The operator must see this at the upgrade; the addresses themselves are not personal data.
      console.warn(
        `inbound addresses held by several organisations were cleared (reassign them with "npm run signpost -- inbound-address"): ${shared.map((row) => row.address).join(', ')}`,
      );
    }
    await db.query(
      `alter table organisations add constraint ck_organisations_enquiries_email_lower check (enquiries_email = lower(enquiries_email))`,
    );
    await db.query(
      `create unique index uq_organisations_enquiries_email on organisations (lower(enquiries_email)) where enquiries_email is not null`,
    );

    await db.query(`alter table organisations add column inbound_domains text array not null default '{}'`);
    await db.query(
      `alter table organisations add constraint ck_organisations_inbound_domains_lower check (inbound_domains::text = lower(inbound_domains::text))`,
    );
    // An address already in use stays usable: its domain becomes the organisation's.
    await db.query(
      `update organisations set inbound_domains = array[split_part(enquiries_email, '@', 2)] where enquiries_email is not null`,
    );
    // No grant: the runtime role may change the address (within the domains, checked by the service), never the domains.
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table organisations drop column if exists inbound_domains`);
    await db.query(`drop index if exists uq_organisations_enquiries_email`);
    await db.query(`alter table organisations drop constraint if exists ck_organisations_enquiries_email_lower`);
  }
}
