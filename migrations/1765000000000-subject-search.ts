import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addressKey } from '../src/data-subjects/subject-keys.js';

const BATCH = 1000;

/**
 * Finding everything held about a person: an address search key on data subjects, and indexes (organisation
 * first) for the records a search counts that had none on their enquiry or parent column.
 */
export class SubjectSearch1765000000000 implements MigrationInterface {
  name = 'SubjectSearch1765000000000';

  async up(db: QueryRunner): Promise<void> {
    // Byte order ("C") whatever the database's collation, so that a word-prefix range can use the index.
    await db.query(`alter table data_subjects add column address_key text collate "C"`);
    await this.keyAddressesHeld(db);
    await db.query(`create index ix_data_subjects_organisation_id_address_key on data_subjects (organisation_id, address_key)`);
    await db.query(`create index ix_social_messages_organisation_id_enquiry_id on social_messages (organisation_id, enquiry_id)`);
    await db.query(
      `create index ix_email_attachments_organisation_id_email_message_id on email_attachments (organisation_id, email_message_id)`,
    );
    await db.query(`create index ix_chats_organisation_id_enquiry_id on chats (organisation_id, enquiry_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists ix_chats_organisation_id_enquiry_id`);
    await db.query(`drop index if exists ix_email_attachments_organisation_id_email_message_id`);
    await db.query(`drop index if exists ix_social_messages_organisation_id_enquiry_id`);
    await db.query(`drop index if exists ix_data_subjects_organisation_id_address_key`);
    await db.query(`alter table data_subjects drop column if exists address_key`);
  }

  /**
   * The key of addresses already held, computed by the application's own function (it strips accents and
   * postcodes, which SQL alone would do differently), one organisation at a time: row-level security is
   * forced on the owner too.
   */
  private async keyAddressesHeld(db: QueryRunner): Promise<void> {
    const organisations: { id: string }[] = await db.query(`select id from organisations order by id`);
    for (const { id } of organisations) {
      await db.query(`select set_config('app.current_tenant', $1, true)`, [id]);
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows: { id: string; postal_address: string }[] = await db.query(
          `select id, postal_address from data_subjects where postal_address is not null and id > $1 order by id limit ${BATCH}`,
          [after],
        );
        if (rows.length === 0) break;
        await db.query(
          `update data_subjects s set address_key = nullif(k.key, '') from unnest($1::uuid[], $2::text[]) as k (id, key) where s.id = k.id`,
          [rows.map((row) => row.id), rows.map((row) => addressKey(row.postal_address))],
        );
        after = rows[rows.length - 1].id;
      }
    }
    await db.query(`select set_config('app.current_tenant', '', true)`);
  }
}
