import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.js';

/**
 * Topic routing that learns: each advisor's confirmation or correction of an enquiry's service is a routing
 * decision (what was suggested, what was chosen), and the words of the enquiry (stems, never the person's own
 * details) are counted towards the organisation's model: per service, in how many confirmed enquiries each word
 * appeared (token '' counts the enquiries).
 */
export class RoutingModel1766400000000 implements MigrationInterface {
  name = 'RoutingModel1766400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table routing_decisions (
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        enquiry_id uuid not null,
        suggested text array not null default '{}',
        chosen text not null,
        corrected boolean not null,
        source text not null,
        features text array not null default '{}',
        decided_by uuid,
        decided_at timestamptz not null default now(),
        constraint pk_routing_decisions primary key (id),
        constraint uq_routing_decisions_enquiry_id unique (enquiry_id),
        constraint ck_routing_decisions_source check (source in ('confirmed', 'escalated')),
        constraint fk_routing_decisions_enquiry_id_organisation_id foreign key (enquiry_id, organisation_id)
          references enquiries (id, organisation_id) on delete cascade
      )`);
    await db.query(`create index ix_routing_decisions_organisation_id_decided_at on routing_decisions (organisation_id, decided_at)`);
    await db.query(`
      create table topic_counts (
        organisation_id uuid not null,
        service_code text not null,
        token text not null,
        documents integer not null,
        constraint pk_topic_counts primary key (organisation_id, service_code, token),
        constraint fk_topic_counts_organisation_id foreign key (organisation_id) references organisations (id) on delete cascade
      )`);
    for (const table of ['routing_decisions', 'topic_counts']) await enableTenantIsolation(db, table);
    await db.query(`grant select, insert, update on routing_decisions, topic_counts to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists topic_counts`);
    await db.query(`drop table if exists routing_decisions`);
  }
}
