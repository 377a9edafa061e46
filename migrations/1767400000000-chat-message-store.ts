import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chat messages stored in one round trip (issue 26). The batch writer's transaction was four round trips (begin,
 * the tenant setting, the store, commit), every one of them on the path of every relayed message; under load each
 * round trip waits for a core, and the relay's 99th percentile went with them. `chat_messages_store` sets the
 * tenant and stores the batch in one statement, its own transaction.
 *
 * It runs as its caller (security invoker): row-level security applies exactly as before, the tenant set here being
 * the one the service would have set (set_config(…, true) lasts to the end of the transaction, which is this one
 * statement when called on its own, as the writer does). It grants nothing the runtime login could not do already.
 */
export class ChatMessageStore1767400000000 implements MigrationInterface {
  name = 'ChatMessageStore1767400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create function chat_messages_store(p_tenant uuid, p_chat_ids uuid[], p_senders text[], p_authors uuid[], p_texts text[])
      returns table (message_id uuid, message_chat_id uuid, message_seq integer, message_sender text, message_author_id uuid, message_sent_at timestamptz)
      language plpgsql volatile security invoker set search_path = public, pg_temp
      as $$
      begin
        perform set_config('app.current_tenant', p_tenant::text, true);
        -- Locks the chats in id order (so concurrent writers never deadlock), keeps the messages whose chat is open
        -- and, for an advisor's, still theirs; numbers them on from each chat's last sequence number in arrival
        -- order; stores them.
        return query
          with input as (
            select t.chat_id, t.sender, t.author_id, t.text, t.ord
              from unnest(p_chat_ids, p_senders, p_authors, p_texts) with ordinality as t (chat_id, sender, author_id, text, ord)
          ), locked as (
            select c.id, c.organisation_id, c.status, c.advisor_id, c.last_seq from chats c where c.id = any(p_chat_ids) order by c.id for update
          ), accepted as (
            select input.* from input join locked on locked.id = input.chat_id
             where locked.status <> 'ended' and (input.sender <> 'advisor' or locked.advisor_id = input.author_id)
          ), counts as (
            select accepted.chat_id, count(*)::int as n from accepted group by accepted.chat_id
          ), numbered as (
            update chats set last_seq = locked.last_seq + counts.n
              from counts join locked on locked.id = counts.chat_id
             where chats.id = counts.chat_id
            returning chats.id, chats.organisation_id, locked.last_seq as first_seq
          )
          insert into chat_messages as stored (organisation_id, chat_id, seq, sender, author_id, text)
          select numbered.organisation_id, accepted.chat_id, numbered.first_seq + (row_number() over (partition by accepted.chat_id order by accepted.ord))::int,
                 accepted.sender, accepted.author_id, accepted.text
            from accepted join numbered on numbered.id = accepted.chat_id
          returning stored.id, stored.chat_id, stored.seq, stored.sender, stored.author_id, stored.sent_at;
      end
      $$`);
    await db.query(`revoke all on function chat_messages_store(uuid, uuid[], text[], uuid[], text[]) from public`);
    await db.query(`grant execute on function chat_messages_store(uuid, uuid[], text[], uuid[], text[]) to signpost_runtime`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists chat_messages_store(uuid, uuid[], text[], uuid[], text[])`);
  }
}
