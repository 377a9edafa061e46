import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import type { ChatLine } from '../../contracts/chat-events.js';
import type { ChatRef } from './chat.service.js';

type Sender = 'citizen' | 'advisor' | 'system';

interface Pending {
  chatId: string;
  sender: Sender;
  authorId: string | null;
  text: string;
  resolve: (message: ChatLine) => void;
  reject: (error: unknown) => void;
}

interface StoredRow {
  id: string;
  chat_id: string;
  seq: number;
  sender: string;
  author_id: string | null;
  sent_at: Date;
}

/** The most messages one transaction stores. */
const MAX_BATCH = 500;

/**
 * Locks the chats in id order (so concurrent writers never deadlock), keeps the messages whose chat is open
 * and, for an advisor's, still theirs; numbers them on from each chat's last sequence number in arrival
 * order; stores them. Returns one row per stored message.
 */
const STORE = `
  with input as (
    select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::int[]) as t (chat_id, sender, author_id, text, ord)
  ), locked as (
    select id, organisation_id, status, advisor_id, last_seq from chats where id = any($1::uuid[]) order by id for update
  ), accepted as (
    select input.* from input join locked on locked.id = input.chat_id
     where locked.status <> 'ended' and (input.sender <> 'advisor' or locked.advisor_id = input.author_id)
  ), counts as (
    select chat_id, count(*)::int as n from accepted group by chat_id
  ), numbered as (
    update chats set last_seq = locked.last_seq + counts.n
      from counts join locked on locked.id = counts.chat_id
     where chats.id = counts.chat_id
    returning chats.id, chats.organisation_id, locked.last_seq as first_seq
  )
  insert into chat_messages (organisation_id, chat_id, seq, sender, author_id, text)
  select numbered.organisation_id, accepted.chat_id, numbered.first_seq + row_number() over (partition by accepted.chat_id order by accepted.ord),
         accepted.sender, accepted.author_id, accepted.text
    from accepted join numbered on numbered.id = accepted.chat_id
  returning id, chat_id, seq, sender, author_id, sent_at`;

/**
 * Stores chat messages durably before they are acknowledged or relayed, many in one transaction: while one
 * organisation's batch is being written, the messages that arrive wait and go together in the next. Nothing
 * waits for a timer, so a quiet chat's message is written at once; a busy contact centre's messages share
 * transactions and commits, which is what lets one instance relay thousands a second. One batch at a time per
 * organisation, so a chat's messages are numbered in the order they arrived.
 */
@Injectable()
export class ChatMessageWriter {
  private readonly waiting = new Map<string, Pending[]>();
  private readonly writing = new Set<string>();

  constructor(private readonly db: TenantDatabase) {}

  write(ref: ChatRef, sender: Sender, text: string, authorId: string | null): Promise<ChatLine> {
    // PostgreSQL refuses NUL in text, which would fail everyone's messages in the batch: refuse it here.
    if (text.includes('\u0000')) return Promise.reject(new DomainError(422, 'INVALID_TEXT', 'text must not contain NUL characters'));
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(ref.organisationId) ?? [];
      queue.push({ chatId: ref.chatId, sender, authorId, text, resolve, reject });
      this.waiting.set(ref.organisationId, queue);
      if (!this.writing.has(ref.organisationId)) void this.drain(ref.organisationId);
    });
  }

  private async drain(organisationId: string): Promise<void> {
    this.writing.add(organisationId);
    try {
      for (;;) {
        const queue = this.waiting.get(organisationId);
        if (!queue || queue.length === 0) break;
        const batch = queue.splice(0, MAX_BATCH);
        try {
          this.settle(batch, await this.store(organisationId, batch));
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.waiting.delete(organisationId);
      this.writing.delete(organisationId);
    }
  }

  private store(organisationId: string, batch: Pending[]): Promise<StoredRow[]> {
    return this.db.forTenant(organisationId, (m) =>
      m.query(STORE, [
        batch.map((pending) => pending.chatId),
        batch.map((pending) => pending.sender),
        batch.map((pending) => pending.authorId),
        batch.map((pending) => pending.text),
        batch.map((_, index) => index),
      ]),
    );
  }

  /**
   * A batch accepts or refuses all the messages of one chat from one author alike, so each such group's stored
   * rows, in sequence order, belong to its messages in arrival order; a group without rows was refused.
   */
  private settle(batch: Pending[], rows: StoredRow[]): void {
    const key = (chatId: string, sender: string, authorId: string | null) => `${chatId}/${sender}/${authorId ?? ''}`;
    const groups = new Map<string, StoredRow[]>();
    for (const row of rows) {
      const group = key(row.chat_id, row.sender, row.author_id);
      groups.set(group, [...(groups.get(group) ?? []), row]);
    }
    for (const stored of groups.values()) stored.sort((a, b) => a.seq - b.seq);
    for (const pending of batch) {
      const row = groups.get(key(pending.chatId, pending.sender, pending.authorId))?.shift();
      if (!row) {
        pending.reject(new DomainError(404, 'CHAT_NOT_FOUND', 'Chat not found'));
        continue;
      }
      pending.resolve({ id: row.id, seq: row.seq, from: pending.sender, text: pending.text, sentAt: row.sent_at.toISOString() });
    }
  }
}
