import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging enquiries (issue 23): a duplicate is closed as merged into another enquiry of the same organisation, naming
 * it, when and by whom. Its own events stay with it; the enquiry it was merged into shows them on its timeline. The
 * key is composite with the organisation, so a duplicate can never name another organisation's enquiry.
 */
export class EnquiryMerges1767720000000 implements MigrationInterface {
  name = 'EnquiryMerges1767720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table enquiries
        add column merged_into_id uuid,
        add column merged_at timestamptz,
        add column merged_by uuid,
        add constraint fk_enquiries_merged_into_id_organisation_id foreign key (merged_into_id, organisation_id)
          references enquiries (id, organisation_id),
        add constraint ck_enquiries_merged
          check (merged_into_id is null or (merged_into_id <> id and status = 'closed' and merged_at is not null))`);
    // The enquiries merged into one, read with its timeline (a partial index kept out of TypeORM's synchronisation).
    await db.query(`create index ix_enquiries_merged_into on enquiries (organisation_id, merged_into_id) where merged_into_id is not null`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists ix_enquiries_merged_into`);
    await db.query(`
      alter table enquiries
        drop constraint if exists ck_enquiries_merged,
        drop constraint if exists fk_enquiries_merged_into_id_organisation_id,
        drop column if exists merged_into_id,
        drop column if exists merged_at,
        drop column if exists merged_by`);
  }
}
