import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Acknowledgements of new e-mail enquiries, counted so that a forged From cannot turn the service into a mail
 * cannon (issue 19): one row per acknowledgement sent, keyed by a keyed hash of the sender's mailbox (never the
 * address), kept for the hour the limits look back over. The per-sender count spans organisations through one
 * definer function that answers only a number and forgets rows older than the hour.
 */
export class EmailAcknowledgements1767100000001 implements MigrationInterface {
  name = 'EmailAcknowledgements1767100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table email_acknowledgements (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        sender_key text not null,
        sent_at timestamptz not null default now(),
        constraint pk_email_acknowledgements primary key (id)
      )`);
    await db.query(`create index ix_email_acknowledgements_organisation_id_sent_at on email_acknowledgements (organisation_id, sent_at)`);
    await db.query(`create index ix_email_acknowledgements_sender_key_sent_at on email_acknowledgements (sender_key, sent_at)`);
    await db.query(`create index ix_email_acknowledgements_sent_at on email_acknowledgements (sent_at)`);
    await enableTenantIsolation(db, 'email_acknowledgements');
    await db.query(`grant select, insert on email_acknowledgements to signpost_runtime`);
    // The function runs as the schema owner, whom this policy lets see every organisation's rows only while the
    // function has the setting on (it turns it off again before answering): other owner sessions keep tenant isolation.
    await db.query(`
      create policy email_acknowledgements_sender_count on email_acknowledgements for all to current_user
        using (current_setting('app.acknowledgement_count', true) = 'on')`);
    await db.query(`
      create function email_acknowledgements_to_sender(p_sender_key text)
      returns integer
      language plpgsql volatile security definer set search_path = public, pg_temp
      as $$
      declare
        sent integer;
      begin
        perform set_config('app.acknowledgement_count', 'on', true);
        delete from email_acknowledgements where sent_at <= now() - interval '1 hour';
        select count(*)::int into sent from email_acknowledgements where sender_key = p_sender_key and sent_at > now() - interval '1 hour';
        perform set_config('app.acknowledgement_count', 'off', true);
        return sent;
      end $$`);
    await db.query(`revoke all on function email_acknowledgements_to_sender(text) from public`);
    await db.query(`grant execute on function email_acknowledgements_to_sender(text) to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists email_acknowledgements_to_sender(text)`);
    await db.query(`drop table if exists email_acknowledgements`);
  }
}
