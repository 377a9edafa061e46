import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recording references scoped and checked (issue 19): a reference is one segment of the recording store's URL, so
 * new ones must be path-safe (refs held from before are left as they are: `not valid`, and the sweep never sends
 * an unsafe one to the store); and before the sweep deletes a recording from the store it asks, across
 * organisations, whether any other reference row still names it. That question is one definer function that
 * answers only yes or no, as the login and token checks are.
 */
export class RecordingReferences1767100000000 implements MigrationInterface {
  name = 'RecordingReferences1767100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `alter table call_recordings add constraint ck_call_recordings_ref check (ref ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$') not valid`,
    );
    await db.query(`create index ix_call_recordings_ref on call_recordings (ref)`);
    // The function runs as the schema owner, whom this policy lets read references across tenants only while the
    // function has the setting on (it turns it off again before answering): other owner sessions keep tenant isolation.
    await db.query(`
      create policy call_recordings_reference_check on call_recordings for select to current_user
        using (current_setting('app.recording_reference_check', true) = 'on')`);
    await db.query(`
      create function recording_named_elsewhere(p_ref text, p_except uuid[])
      returns boolean
      language plpgsql volatile security definer set search_path = public, pg_temp
      as $$
      declare
        named boolean;
      begin
        perform set_config('app.recording_reference_check', 'on', true);
        select exists (select 1 from call_recordings where ref = p_ref and id <> all(coalesce(p_except, '{}'))) into named;
        perform set_config('app.recording_reference_check', 'off', true);
        return named;
      end $$`);
    await db.query(`revoke all on function recording_named_elsewhere(text, uuid[]) from public`);
    await db.query(`grant execute on function recording_named_elsewhere(text, uuid[]) to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists recording_named_elsewhere(text, uuid[])`);
    await db.query(`drop policy if exists call_recordings_reference_check on call_recordings`);
    await db.query(`drop index if exists ix_call_recordings_ref`);
    await db.query(`alter table call_recordings drop constraint if exists ck_call_recordings_ref`);
  }
}
