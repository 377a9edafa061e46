/**
 * When to try a failed delivery again: capped exponential backoff with full jitter (a random delay between
 * zero and min(cap, base·2^attempt)), so that receivers recovering from an outage are not hit by every sender
 * at once; a receiver's Retry-After, when longer, wins.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs !== undefined ? Math.max(jittered, Math.min(retryAfterMs, policy.capMs)) : jittered;
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; undefined if absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}
