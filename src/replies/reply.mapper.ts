import type { ReplyView } from '../contracts/replies.js';

/** A `replies` row as selected (`select *`). */
export interface ReplyRow {
  id: string;
  enquiry_id: string;
  author_id: string | null;
  channel: ReplyView['channel'];
  transport: ReplyView['transport'];
  recipient: string;
  subject: string | null;
  text: string;
  language: 'en' | 'cy';
  resolves: boolean;
  status: ReplyView['status'];
  dead_lettered_at: Date | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export function toReplyView(row: ReplyRow): ReplyView {
  return {
    id: row.id,
    enquiryId: row.enquiry_id,
    channel: row.channel,
    transport: row.transport,
    status: row.status,
    deadLettered: row.dead_lettered_at !== null,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text,
    language: row.language,
    resolves: row.resolves,
    authorId: row.author_id,
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
  };
}
