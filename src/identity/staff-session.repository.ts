import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../database/tenant-database.js';

/** A sign-in as its tokens carry it: its id, the id of the token that stands, and when the person signed in. */
export interface SessionTicket {
  id: string;
  tokenId: string;
  /** Seconds since the epoch. */
  authTime: number;
}

/** Server-side sign-ins (staff_sessions): begun at sign-in, their token swapped at renewal, ended at sign-out. */
@Injectable()
export class StaffSessionRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * A new sign-in for the account, whose tokens can stand until `expiresAt`. The account's ended and lapsed
   * sign-ins are removed in the same transaction, so each account keeps only the rows that still mean something.
   */
  begin(organisationId: string, userId: string, authTime: number, expiresAt: number): Promise<SessionTicket> {
    return this.db.forTenant(organisationId, async (m) => {
      await m.query(`delete from staff_sessions where user_id = $1 and (ended_at is not null or expires_at <= now())`, [userId]);
      const tokenId = randomUUID();
      const [row]: { id: string }[] = await m.query(
        `insert into staff_sessions (organisation_id, user_id, token_id, auth_time, expires_at) values ($1, $2, $3, to_timestamp($4), to_timestamp($5)) returning id`,
        [organisationId, userId, tokenId, authTime, expiresAt],
      );
      return { id: row.id, tokenId, authTime };
    });
  }

  /**
   * Makes `newTokenId` the sign-in's standing token if `oldTokenId` still is (compare-and-swap): of two renewals
   * with one token, one wins and the other finds the token gone. False when the sign-in has ended or moved on.
   */
  async replaceToken(organisationId: string, sessionId: string, userId: string, oldTokenId: string, newTokenId: string): Promise<boolean> {
    return this.db.forTenant(organisationId, async (m) => {
      // TypeORM answers an UPDATE with [rows, count].
      const [, swapped]: [unknown, number] = await m.query(
        `update staff_sessions set token_id = $4 where id = $1 and user_id = $2 and token_id = $3 and ended_at is null`,
        [sessionId, userId, oldTokenId, newTokenId],
      );
      return swapped === 1;
    });
  }

  /** Ends the sign-in in the caller's transaction (so the audit entry lands with it); false if it had already ended. */
  async end(m: EntityManager, sessionId: string, userId: string): Promise<boolean> {
    const [, ended]: [unknown, number] = await m.query(
      `update staff_sessions set ended_at = now() where id = $1 and user_id = $2 and ended_at is null`,
      [sessionId, userId],
    );
    return ended === 1;
  }
}
