import { createHash } from 'node:crypto';

/** The hash before an organisation's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What each link's hash covers: everything recorded about the event, and through prevHash, all before it. */
export interface AuditPayload {
  seq: string;
  organisationId: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: string[];
  details: Record<string, unknown>;
  correlationId: string | null;
}

export interface AuditLink extends AuditPayload {
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth and no insignificant whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** SHA-256 over the previous hash and the canonical JSON of the entry. */
export function linkHash(prevHash: string, payload: AuditPayload): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(payload)).digest('hex');
}

/**
 * The canonical JSON of a payload without its `seq`, open for `seq` to close it: `seq` sorts last of the keys,
 * so `canonicalPrefix(p) + '"seq":' + JSON.stringify(seq) + '}'` equals `canonicalJson({...p, seq})`. Lets the
 * database, which alone knows the next `seq` under the head's lock, finish the link in the same statement.
 */
export function canonicalPrefix(payload: Omit<AuditPayload, 'seq'>): string {
  const keys = Object.keys(payload).filter((key) => payload[key as keyof typeof payload] !== undefined);
  if (keys.some((key) => key >= 'seq')) throw new Error('seq must be the last key of an audit payload');
  const json = canonicalJson(payload);
  return keys.length === 0 ? '{' : `${json.slice(0, -1)},`;
}

export type ChainBreak = { seq: string; reason: 'altered' | 'missing' | 'unlinked' | 'reordered' | 'truncated' };

/**
 * Walks links in seq order from `start` and reports the first that does not follow from the one before:
 * a changed entry no longer matches its hash ('altered'); a removed one leaves a gap in seq ('missing'); a
 * changed entry whose hash was recomputed leaves the next link pointing at the old hash ('unlinked').
 */
export function verifyLinks(
  links: Iterable<AuditLink>,
  start: { seq: bigint; prevHash: string } = { seq: 1n, prevHash: GENESIS_HASH },
): { ok: true; next: { seq: bigint; prevHash: string }; count: number } | { ok: false; broken: ChainBreak; count: number } {
  let expectedSeq = start.seq;
  let prevHash = start.prevHash;
  let count = 0;
  for (const link of links) {
    if (BigInt(link.seq) !== expectedSeq)
      return {
        ok: false,
        broken: { seq: expectedSeq.toString(), reason: BigInt(link.seq) > expectedSeq ? 'missing' : 'reordered' },
        count,
      };
    const { prevHash: storedPrev, hash, ...payload } = link;
    if (storedPrev !== prevHash) return { ok: false, broken: { seq: link.seq, reason: 'unlinked' }, count };
    if (linkHash(storedPrev, payload) !== hash) return { ok: false, broken: { seq: link.seq, reason: 'altered' }, count };
    prevHash = hash;
    expectedSeq += 1n;
    count += 1;
  }
  return { ok: true, next: { seq: expectedSeq, prevHash }, count };
}
