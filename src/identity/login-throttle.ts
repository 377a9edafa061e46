import { createHmac } from 'node:crypto';
import { derivedKey } from '../common/key-ring.js';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';

/** Failures in a row for one e-mail address before sign-ins with it are refused for a while (the contract's 10 tries). */
export const FAILURES_BEFORE_BLOCK = 10;
/** The first refusal lasts this long; each further failure doubles it, up to LONGEST_BLOCK_SECONDS. */
export const FIRST_BLOCK_SECONDS = 30;
export const LONGEST_BLOCK_SECONDS = 15 * 60;
/** The count starts afresh once this long has passed since the last failure, or since the last refusal ended. */
export const FAILURE_MEMORY_SECONDS = 15 * 60;
/** How often each instance removes rows that mean nothing any more (one indexed delete). */
const FORGET_EVERY_MS = 5 * 60_000;

/**
 * The rule for failed sign-ins to one address: after FAILURES_BEFORE_BLOCK failures, each failure refuses the
 * address for 30 s, then 60 s, 120 s, … up to 15 minutes; 0 before that.
 */
export function blockSecondsAfter(failures: number): number {
  if (failures < FAILURES_BEFORE_BLOCK) return 0;
  return Math.min(LONGEST_BLOCK_SECONDS, FIRST_BLOCK_SECONDS * 2 ** Math.min(failures - FAILURES_BEFORE_BLOCK, 30));
}

/** blockSecondsAfter(FAILURES_BEFORE_BLOCK + i) for each i up to the longest block: what the database indexes. */
const BLOCK_SCHEDULE = (() => {
  const schedule: number[] = [];
  for (let failures = FAILURES_BEFORE_BLOCK; schedule.at(-1) !== LONGEST_BLOCK_SECONDS; failures += 1)
    schedule.push(blockSecondsAfter(failures));
  return schedule;
})();

/** The failure count after this one: one more, or a fresh start when the row's memory has lapsed. */
const FAILURES_NOW = `(case when t.forget_after > now() then t.failures + 1 else 1 end)`;
const blockedUntil = (failures: string) =>
  `(case when ${failures} >= $2 then now() + make_interval(secs => ($3::int[])[least(${failures} - $2 + 1, cardinality($3::int[]))]) end)`;
const forgetAfter = (failures: string) => `(greatest(now(), ${blockedUntil(failures)}) + make_interval(secs => $4))`;

/** One statement, so concurrent failures from many addresses all count. */
const RECORD_FAILURE_SQL = `
  insert into login_throttle as t (email_key, failures, blocked_until, forget_after)
  values ($1, 1, ${blockedUntil('1')}, ${forgetAfter('1')})
  on conflict (email_key) do update set
    failures = ${FAILURES_NOW},
    blocked_until = ${blockedUntil(FAILURES_NOW)},
    forget_after = ${forgetAfter(FAILURES_NOW)}
  returning failures, coalesce(ceil(extract(epoch from blocked_until - now())), 0)::int as block_seconds`;

/** A refusal in force for an address: how long until it may be tried again. */
export interface LoginBlock {
  retryAfterSeconds: number;
}

/** What a failure led to: the count, and the refusal it started (0 seconds when none). */
export interface RecordedFailure {
  failures: number;
  blockSeconds: number;
}

/**
 * Failed sign-ins per e-mail address as typed, in PostgreSQL so that every instance shares the count and a
 * changing client address cannot escape it. Addresses are keyed by an HMAC (never stored), and an unknown
 * address is counted exactly as a known one, so the throttle says nothing about which accounts exist.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly hashKey: Buffer;
  private forgetTimer?: NodeJS.Timeout;

  constructor(
    private readonly db: TenantDatabase,
    settings: Settings,
  ) {
    // A key of its own (key-ring.ts): the address typed is never stored, only its keyed hash.
    this.hashKey = derivedKey(settings.secretKey, 'loginThrottle');
  }

  onModuleInit(): void {
    this.forgetTimer = setInterval(
      () =>
        void this.forgetStale().catch((error: Error) => this.logger.warn({ msg: 'login throttle clean-up failed', errorName: error.name })),
      FORGET_EVERY_MS,
    );
    this.forgetTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.forgetTimer) clearInterval(this.forgetTimer);
  }

  /** The key an address is counted under: the lower-cased address as typed, hashed. */
  keyFor(email: string): Buffer {
    return createHmac('sha256', this.hashKey).update(email.toLowerCase(), 'utf8').digest();
  }

  /** The refusal in force for the address, if any. */
  async check(emailKey: Buffer): Promise<LoginBlock | undefined> {
    const rows = await this.db.lookup<{ retry_after: number }>(
      `select ceil(extract(epoch from blocked_until - now()))::int as retry_after from login_throttle where email_key = $1 and blocked_until > now()`,
      [emailKey],
    );
    return rows[0] ? { retryAfterSeconds: Math.max(1, rows[0].retry_after) } : undefined;
  }

  /** Counts a failure; from the FAILURES_BEFORE_BLOCK-th on, each one starts a longer refusal. */
  async recordFailure(emailKey: Buffer): Promise<RecordedFailure> {
    const [row] = await this.db.lookup<{ failures: number; block_seconds: number }>(RECORD_FAILURE_SQL, [
      emailKey,
      FAILURES_BEFORE_BLOCK,
      BLOCK_SCHEDULE,
      FAILURE_MEMORY_SECONDS,
    ]);
    return { failures: row.failures, blockSeconds: row.block_seconds };
  }

  /** A good sign-in wipes the address's count. */
  async recordSuccess(emailKey: Buffer): Promise<void> {
    await this.db.lookup(`delete from login_throttle where email_key = $1`, [emailKey]);
  }

  /** Removes rows that mean nothing any more (the next failure would start afresh anyway). */
  async forgetStale(): Promise<number> {
    const rows = await this.db.lookup<{ n: number }>(
      `with gone as (delete from login_throttle where forget_after <= now() returning 1) select count(*)::int as n from gone`,
      [],
    );
    return rows[0]?.n ?? 0;
  }
}
