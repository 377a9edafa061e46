import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import type { ChatLine } from '../../contracts/chat-events.js';
import type { ChatRef } from './chat-ref.js';

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
  message_id: string;
  message_chat_id: string;
  message_seq: number;
  message_sender: string;
  message_author_id: string | null;
  message_sent_at: Date;
}

/** The most messages one statement stores. */
const MAX_BATCH = 500;

/**
 * One round trip, its own transaction: `chat_messages_store` (migration 1767400000000) sets the tenant, locks the
 * chats in id order, keeps the messages whose chat is open and, for an advisor's, still theirs, numbers them on
 * from each chat's last sequence number in arrival order and stores them, under row-level security as the caller.
 */
const STORE = 'select * from chat_messages_store($1, $2::uuid[], $3::text[], $4::uuid[], $5::text[])';

/**
 * Stores chat messages durably before they are acknowledged or relayed, many in one transaction: while one
 * organisation's batch is being written, the messages that arrive wait and go together in the next, one statement each. Nothing
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
    return this.db.ownStatement<StoredRow>(STORE, [
      organisationId,
      batch.map((pending) => pending.chatId),
      batch.map((pending) => pending.sender),
      batch.map((pending) => pending.authorId),
      batch.map((pending) => pending.text),
    ]);
  }

  /**
   * A batch accepts or refuses all the messages of one chat from one author alike, so each such group's stored
   * rows, in sequence order, belong to its messages in arrival order; a group without rows was refused.
   */
  private settle(batch: Pending[], rows: StoredRow[]): void {
    const key = (chatId: string, sender: string, authorId: string | null) => `${chatId}/${sender}/${authorId ?? ''}`;
    const groups = new Map<string, StoredRow[]>();
    for (const row of rows) {
      const group = key(row.message_chat_id, row.message_sender, row.message_author_id);
      const stored = groups.get(group);
      if (stored) stored.push(row);
      else groups.set(group, [row]);
    }
    for (const stored of groups.values()) stored.sort((a, b) => a.message_seq - b.message_seq);
    for (const pending of batch) {
      const row = groups.get(key(pending.chatId, pending.sender, pending.authorId))?.shift();
      if (!row) {
        pending.reject(new DomainError(404, 'CHAT_NOT_FOUND', 'Chat not found'));
        continue;
      }
      pending.resolve({
        id: row.message_id,
        seq: row.message_seq,
        from: pending.sender,
        text: pending.text,
        sentAt: row.message_sent_at.toISOString(),
      });
    }
  }
}
