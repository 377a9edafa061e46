/**
 * Lock the head, link, insert, move the head: the hash is `linkHash(prevHash, payload)` with `$2` the canonical
 * JSON of the payload up to (not including) its last key, `seq`, which only the locked head can tell. The
 * parameters, in order: organisation, canonical prefix, occurred at, actor type, actor id, action, entity type,
 * entity id, fields, details (JSON), correlation id. The benchmarks send the same statement.
 */
export const AUDIT_APPEND_SQL = `
  with head as (
    select seq + 1 as seq, hash as prev_hash from audit_chain_heads where organisation_id = $1 for update
  ), link as (
    select seq, prev_hash, encode(sha256(convert_to(prev_hash || E'\\n' || $2::text || '"seq":"' || seq::text || '"}', 'UTF8')), 'hex') as hash from head
  ), entry as (
    insert into audit_entries (organisation_id, seq, occurred_at, actor_type, actor_id, action, entity_type, entity_id, fields, details, correlation_id, prev_hash, hash)
    select $1::uuid, seq, $3::timestamptz, $4::text, $5::uuid, $6::text, $7::text, $8::uuid, $9::text[], $10::jsonb, $11::text, prev_hash, hash from link
    returning seq, hash
  ), moved as (
    update audit_chain_heads set seq = entry.seq, hash = entry.hash from entry where audit_chain_heads.organisation_id = $1
    returning entry.seq
  )
  select seq from moved`;
