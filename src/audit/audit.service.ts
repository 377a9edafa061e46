import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { AUDIT_APPEND_SQL } from './audit-append.sql.js';
import { canonicalPrefix, GENESIS_HASH, verifyLinks, type AuditPayload, type ChainBreak } from './audit-chain.js';
import { AuditChainHeadEntity, AuditEntryEntity, type AuditActorType } from './audit-entry.entity.js';

/** Something that happened to personal data. Ids and field names only: never a personal value. */
export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Names of the personal-data fields read, written or disclosed. */
  fields?: string[];
  /** Non-personal facts: status transitions, counts, ids. */
  details?: Record<string, unknown>;
  /** Defaults to the authenticated member of staff. */
  actor?: { type: AuditActorType; id: string | null };
  /** Defaults to the current tenant. */
  organisationId?: string;
}

export type VerifyResult = { valid: true; entries: number } | { valid: false; entries: number; brokenAt: ChainBreak };

const BATCH = 1000;

@Injectable()
export class AuditService {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * Appends to the organisation's chain inside the caller's transaction, so the entry exists exactly when the
   * change it records does. One statement locks the chain head, links the entry to it (the same SHA-256 as
   * `linkHash`, computed by PostgreSQL over the previous hash and the canonical JSON, whose last key is `seq`),
   * inserts it and moves the head; the head stays locked until commit, so the chain never forks. Callers
   * record last, just before commit, so that concurrent writers wait on the head as briefly as possible.
   */
  async record(m: EntityManager, event: AuditEvent): Promise<void> {
    const organisationId = event.organisationId ?? requestContext.tenant();
    const principal = requestContext.principal();
    const actor = event.actor ?? (principal ? { type: 'staff' as const, id: principal.userId } : { type: 'system' as const, id: null });
    const payload: Omit<AuditPayload, 'seq'> = {
      organisationId,
      occurredAt: new Date().toISOString(),
      actorType: actor.type,
      actorId: actor.id,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      fields: event.fields ?? [],
      details: event.details ?? {},
      correlationId: requestContext.current()?.correlationId ?? null,
    };
    const parameters = [
      organisationId,
      canonicalPrefix(payload),
      payload.occurredAt,
      payload.actorType,
      payload.actorId,
      payload.action,
      payload.entityType,
      payload.entityId,
      payload.fields,
      JSON.stringify(payload.details),
      payload.correlationId,
    ];
    const append = async () => ((await m.query(AUDIT_APPEND_SQL, parameters)) as unknown[]).length === 1;
    if (await append()) return;
    // The organisation's first entry: create its head (a no-op if a concurrent first entry did) and link again.
    await m.query(
      `insert into audit_chain_heads (organisation_id, seq, hash) values ($1, 0, $2) on conflict (organisation_id) do nothing`,
      [organisationId, GENESIS_HASH],
    );
    if (!(await append())) throw new Error('audit chain head missing');
  }

  /** Records an event in a transaction of its own (logins, reads that change nothing else). */
  recordAlone(event: AuditEvent & { organisationId: string }): Promise<void> {
    return this.db.forTenant(event.organisationId, (m) => this.record(m, event));
  }

  list(filter: {
    entityType?: string;
    entityId?: string;
    page: number;
    pageSize: number;
  }): Promise<{ items: AuditEntryEntity[]; total: number }> {
    return this.db.transaction(async (m) => {
      const where = {
        ...(filter.entityType ? { entityType: filter.entityType } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
      };
      const [items, total] = await m.findAndCount(AuditEntryEntity, {
        where,
        order: { seq: 'DESC' },
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
      });
      return { items, total };
    });
  }

  /** The organisation's chain as it stands in the caller's transaction: how many entries, and the last one's hash. */
  async chainHead(m: EntityManager): Promise<{ entries: number; head: string | null }> {
    const head = await m.findOne(AuditChainHeadEntity, { where: {} });
    return { entries: head ? Number(head.seq) : 0, head: head?.hash ?? null };
  }

  /**
   * Re-walks the organisation's chain, in batches, up to the head as it stood when verification began (so
   * entries appended meanwhile do not count), and checks the chain ends exactly at that head.
   */
  async verify(): Promise<VerifyResult> {
    const head = await this.db.transaction((m) => m.findOne(AuditChainHeadEntity, { where: {} }));
    const headSeq = BigInt(head?.seq ?? '0');
    let position = { seq: 1n, prevHash: GENESIS_HASH };
    let entries = 0;
    while (position.seq <= headSeq) {
      const batch = await this.db.transaction((m) =>
        m
          .createQueryBuilder(AuditEntryEntity, 'entry')
          .where('entry.seq >= :from and entry.seq <= :to', { from: position.seq.toString(), to: headSeq.toString() })
          .orderBy('entry.seq', 'ASC')
          .limit(BATCH)
          .getMany(),
      );
      const result = verifyLinks(batch.map(toLink), position);
      entries += result.count;
      if (!result.ok) return { valid: false, entries, brokenAt: result.broken };
      if (batch.length === 0) return { valid: false, entries, brokenAt: { seq: position.seq.toString(), reason: 'truncated' } };
      position = result.next;
    }
    if (head && head.hash !== position.prevHash) return { valid: false, entries, brokenAt: { seq: head.seq, reason: 'unlinked' } };
    return { valid: true, entries };
  }
}

function toLink(entry: AuditEntryEntity) {
  return {
    seq: String(entry.seq),
    organisationId: entry.organisationId,
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    fields: entry.fields,
    details: entry.details,
    correlationId: entry.correlationId,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}
