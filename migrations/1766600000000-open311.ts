import type { MigrationInterface, QueryRunner } from 'typeorm';

const SERVICES_DELIVERY = `(delivery_type = 'webhook' and webhook_url is not null and webhook_secret is not null)
   or (delivery_type = 'email' and email_address is not null)
   or (delivery_type = 'open311' and open311_url is not null and open311_api_key is not null and open311_service_code is not null)
   or delivery_type = 'portal'`;

/**
 * Open311 GeoReport v2 delivery (highways back offices, FixMyStreet): a service's endpoint, its key (sealed) and the
 * service code and jurisdiction it files requests under; on each referral, the back office's own reference and the
 * last status read from it.
 */
export class Open3111766600000000 implements MigrationInterface {
  name = 'Open3111766600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `alter table services add column open311_url text, add column open311_api_key text, add column open311_service_code text, add column open311_jurisdiction_id text`,
    );
    await db.query(`alter table services drop constraint ck_services_delivery`);
    await db.query(`alter table services add constraint ck_services_delivery check (${SERVICES_DELIVERY})`);
    await db.query(`alter table escalations drop constraint ck_escalations_delivery_type`);
    await db.query(
      `alter table escalations add constraint ck_escalations_delivery_type check (delivery_type in ('webhook', 'email', 'portal', 'open311'))`,
    );
    await db.query(
      `alter table escalations add column external_reference text, add column external_status text, add column external_checked_at timestamptz`,
    );
    await db.query(`alter table recipient_notices drop constraint ck_recipient_notices_delivery_type`);
    await db.query(
      `alter table recipient_notices add constraint ck_recipient_notices_delivery_type check (delivery_type in ('webhook', 'email', 'portal', 'open311'))`,
    );
    await db.query(
      `create index ix_escalations_open311_open on escalations (organisation_id) where delivery_type = 'open311' and external_reference is not null and status <> 'closed'`,
    );
    await db.query(`grant update (external_reference, external_status, external_checked_at) on escalations to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists ix_escalations_open311_open`);
    await db.query(`alter table recipient_notices drop constraint ck_recipient_notices_delivery_type`);
    await db.query(
      `alter table recipient_notices add constraint ck_recipient_notices_delivery_type check (delivery_type in ('webhook', 'email', 'portal'))`,
    );
    await db.query(
      `alter table escalations drop column if exists external_reference, drop column if exists external_status, drop column if exists external_checked_at`,
    );
    await db.query(`alter table escalations drop constraint ck_escalations_delivery_type`);
    await db.query(
      `alter table escalations add constraint ck_escalations_delivery_type check (delivery_type in ('webhook', 'email', 'portal'))`,
    );
    await db.query(`alter table services drop constraint ck_services_delivery`);
    await db.query(
      `alter table services add constraint ck_services_delivery check ((delivery_type = 'webhook' and webhook_url is not null and webhook_secret is not null) or (delivery_type = 'email' and email_address is not null) or delivery_type = 'portal')`,
    );
    await db.query(
      `alter table services drop column if exists open311_url, drop column if exists open311_api_key, drop column if exists open311_service_code, drop column if exists open311_jurisdiction_id`,
    );
  }
}
