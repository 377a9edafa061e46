import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work queues for e-mail, form and social enquiries (issue 23): the organisation picks from the queue or has each new
 * enquiry assigned automatically (`work_routing`), and says how long an automatic assignment may go untouched before
 * it returns to the queue; each advisor has a limit of open assigned work. On the enquiry: when it was assigned
 * automatically, and the advisors who let it go untouched (skipped for it next time).
 */
export class WorkQueues1767700000000 implements MigrationInterface {
  name = 'WorkQueues1767700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table organisations
        add column work_routing text not null default 'pick',
        add column work_reclaim_minutes integer not null default 60,
        add constraint ck_organisations_work_routing check (work_routing in ('pick', 'auto')),
        add constraint ck_organisations_work_reclaim_minutes check (work_reclaim_minutes between 5 and 1440)`);
    await db.query(`grant update (work_routing, work_reclaim_minutes) on organisations to signpost_runtime`);
    await db.query(`
      alter table staff_users
        add column max_assigned_work integer not null default 10,
        add constraint ck_staff_users_max_assigned_work check (max_assigned_work between 0 and 100)`);
    await db.query(`
      alter table enquiries
        add column assigned_automatically_at timestamptz,
        add column work_skipped uuid array not null default '{}'`);
    // The router's two reads: the unassigned new enquiries waiting, and the open ones assigned automatically.
    await db.query(`
      create index ix_enquiries_work_waiting on enquiries (organisation_id, created_at)
      where status = 'new' and assignee_id is null and channel in ('email', 'form', 'social')`);
    await db.query(`
      create index ix_enquiries_work_assigned on enquiries (organisation_id, assigned_automatically_at)
      where assigned_automatically_at is not null and status in ('new', 'in_progress')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists ix_enquiries_work_waiting`);
    await db.query(`drop index if exists ix_enquiries_work_assigned`);
    await db.query(`alter table enquiries drop column if exists assigned_automatically_at, drop column if exists work_skipped`);
    await db.query(`alter table staff_users drop column if exists max_assigned_work`);
    await db.query(`alter table organisations drop column if exists work_routing, drop column if exists work_reclaim_minutes`);
  }
}
