import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { RequestValidationError } from '../../common/errors/domain-error.js';
import { isPublicAddress } from '../../escalations/delivery/webhook-target.js';
import { maskCardNumbers } from '../safety/card-numbers.js';

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, compared in constant time. */
export function verifyHubSignature(appSecret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  const given = Buffer.from(header.slice(7), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One citizen message from a social platform, reduced to what Signpost keeps. */
export interface SocialEvent {
  kind: 'direct_message' | 'comment';
  messageId: string;
  /** Messages with the same key continue one enquiry. */
  conversationKey: string;
  platformUserId: string;
  name?: string;
  text: string;
  /** Media the platform hosts; referenced, never fetched. Internal addresses are dropped. */
  mediaUrls: string[];
}

const MAX_TEXT = 10_000;
const str = (value: unknown, max = 500): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

/** A media URL worth keeping as a reference: https, and not pointing into a private network. */
export function acceptableMediaUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (url.protocol !== 'https:' || host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) return undefined;
    if (isIP(host) && !isPublicAddress(host)) return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}

/**
 * Reads a Meta-style webhook body (Messenger / Instagram `messaging`, Pages `feed` comment changes). Events of
 * other kinds (delivery receipts, reactions, echoes of the page's own messages) are skipped; a body that is not
 * the expected shape at all is refused naming the field.
 */
export function parseMetaEvents(body: unknown): SocialEvent[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new RequestValidationError([{ field: 'body', problem: 'must be a JSON object' }]);
  const { object, entry } = body as { object?: unknown; entry?: unknown };
  if (typeof object !== 'string') throw new RequestValidationError([{ field: 'object', problem: 'object must be a string' }]);
  if (!Array.isArray(entry) || entry.length > 100)
    throw new RequestValidationError([{ field: 'entry', problem: 'entry must be a list of at most 100 items' }]);
  const events: SocialEvent[] = [];
  for (const item of entry) {
    if (typeof item !== 'object' || item === null) continue;
    const pageId = str((item as { id?: unknown }).id, 100) ?? 'page';
    for (const messaging of asList((item as { messaging?: unknown }).messaging)) {
      const sender = str((messaging as { sender?: { id?: unknown } }).sender?.id, 100);
      const message = (messaging as { message?: Record<string, unknown> }).message;
      if (!sender || !message || message.is_echo === true) continue;
      const mid = str(message.mid, 300);
      // A card number is removed as the event is read, before anything can store it.
      const text = typeof message.text === 'string' ? maskCardNumbers(message.text.slice(0, MAX_TEXT)).text : '';
      const mediaUrls = asList(message.attachments)
        .map((attachment) => acceptableMediaUrl((attachment as { payload?: { url?: unknown } }).payload?.url))
        .filter((url): url is string => Boolean(url));
      if (!mid || (!text && mediaUrls.length === 0)) continue;
      events.push({
        kind: 'direct_message',
        messageId: mid,
        conversationKey: `dm:${pageId}:${sender}`,
        platformUserId: sender,
        text,
        mediaUrls,
      });
    }
    for (const change of asList((item as { changes?: unknown }).changes)) {
      const { field, value } = change as { field?: unknown; value?: Record<string, unknown> };
      if (field !== 'feed' || !value || value.item !== 'comment' || value.verb === 'remove') continue;
      const from = value.from as { id?: unknown; name?: unknown } | undefined;
      const commentId = str(value.comment_id, 300);
      const postId = str(value.post_id, 300);
      const author = str(from?.id, 100);
      const text = typeof value.message === 'string' ? maskCardNumbers(value.message.slice(0, MAX_TEXT)).text : '';
      if (!commentId || !postId || !author || !text || author === pageId) continue;
      events.push({
        kind: 'comment',
        messageId: commentId,
        conversationKey: `comment:${postId}:${author}`,
        platformUserId: author,
        name: str(from?.name, 200),
        text,
        mediaUrls: [],
      });
    }
  }
  return events;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value.slice(0, 100).filter((item) => typeof item === 'object' && item !== null) : [];
}
