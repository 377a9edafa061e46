import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Failed sign-ins for one e-mail address as typed, known or not, by a keyed hash of it (never the address). */
@Entity('login_throttle')
@Index(['forgetAfter'])
@Check('ck_login_throttle_failures', `failures > 0`)
export class LoginThrottleEntity {
  /** HMAC-SHA256 of the lower-cased address, under a key derived from the token-signing secret. */
  @PrimaryColumn('bytea') emailKey: Buffer;
  /** Failures since the count last started afresh. */
  @Column('integer') failures: number;
  /** Until when sign-ins for the address are refused without checking the password. */
  @Column('timestamptz', { nullable: true }) blockedUntil: Date | null;
  /** After this the row means nothing (the count starts afresh) and the periodic clean-up removes it. */
  @Column('timestamptz') forgetAfter: Date;
}
