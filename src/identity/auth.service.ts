import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { AccessTokenService } from './access-token.service.js';
import type { LoginResponseDto } from './dto/login.dto.js';
import { invalidCredentials, TooManyAttemptsError, unauthenticated } from './identity.errors.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffAccountRepository, type LoginCandidate, type StaffAccount } from './staff-account.repository.js';
import { StaffSessionRepository } from './staff-session.repository.js';
import { StaffUserEntity } from './staff-user.entity.js';

export const TOKEN_TTL_SECONDS = Symbol('TOKEN_TTL_SECONDS');
export const SESSION_HOURS = Symbol('SESSION_HOURS');

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: StaffAccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly sessions: StaffSessionRepository,
    private readonly throttle: LoginThrottle,
    @Inject(TOKEN_TTL_SECONDS) private readonly ttlSeconds: number,
    @Inject(SESSION_HOURS) private readonly sessionHours: number,
  ) {}

  /**
   * A sign-in: a new server-side session and its first token. An address refused for too many failures is
   * answered 429 before the password is looked at, the same for every address, known or not.
   */
  async login(email: string, password: string): Promise<LoginResponseDto> {
    const emailKey = this.throttle.keyFor(email);
    const block = await this.throttle.check(emailKey);
    if (block) throw new TooManyAttemptsError(block.retryAfterSeconds);
    const candidate = await this.accounts.findLoginCandidate(email);
    const valid = await this.hasher.verify(candidate?.passwordHash, password);
    if (!candidate || !valid || candidate.disabled) {
      await this.loginFailed(emailKey, candidate, candidate?.disabled ? 'disabled' : 'wrong_password');
      throw invalidCredentials();
    }
    const actor = { type: 'staff' as const, id: candidate.id };
    await this.throttle.recordSuccess(emailKey);
    const account = await this.accounts.recordLogin(candidate.organisationId, candidate.id);
    if (!account) throw invalidCredentials();
    await this.audit.recordAlone({
      organisationId: candidate.organisationId,
      actor,
      action: 'login.success',
      entityType: 'staff_user',
      entityId: candidate.id,
    });
    const authTime = Math.floor(Date.now() / 1000);
    // No token of the sign-in can stand after its longest renewal plus one token's life: then its row may go.
    const session = await this.sessions.begin(
      candidate.organisationId,
      candidate.id,
      authTime,
      authTime + this.sessionHours * 3600 + this.ttlSeconds,
    );
    return this.answer(account, await this.tokens.issue(account.user, session));
  }

  /**
   * Counts the failure against the address typed, known or not; for an account, audits it, and audits the
   * refusal it starts (`login.throttled`, counts only).
   */
  private async loginFailed(emailKey: Buffer, candidate: LoginCandidate | undefined, reason: 'disabled' | 'wrong_password'): Promise<void> {
    const { failures, blockSeconds } = await this.throttle.recordFailure(emailKey);
    if (!candidate) return;
    const actor = { type: 'staff' as const, id: candidate.id };
    await this.db.forTenant(candidate.organisationId, async (m) => {
      await this.audit.record(m, {
        organisationId: candidate.organisationId,
        actor,
        action: 'login.failure',
        entityType: 'staff_user',
        entityId: candidate.id,
        details: { reason },
      });
      if (blockSeconds > 0) {
        await this.audit.record(m, {
          organisationId: candidate.organisationId,
          actor,
          action: 'login.throttled',
          entityType: 'staff_user',
          entityId: candidate.id,
          details: { failures, blockSeconds },
        });
      }
    });
  }

  /**
   * A new access token for the caller, whose token still stands, descended from the same sign-in: the console
   * renews its token while someone is using it, up to STAFF_SESSION_HOURS after signing in. The token sent is
   * retired at once (of two renewals with one token, one wins, the other is 401). A disabled account or a changed
   * password has already stopped the token this comes with. Not audited: the sign-in was.
   */
  async refresh(): Promise<LoginResponseDto> {
    const principal = requestContext.principal();
    if (!principal?.session) throw unauthenticated();
    const authTime = principal.authTime ?? 0;
    if (Date.now() / 1000 - authTime >= this.sessionHours * 3600) {
      throw new DomainError(
        401,
        'SESSION_ENDED',
        `You have been signed in for ${this.sessionHours} hours, the longest a session lasts: sign in again`,
      );
    }
    const account = await this.accounts.account(principal.organisationId, principal.userId);
    if (!account) throw unauthenticated();
    const session = { id: principal.session.id, tokenId: randomUUID(), authTime };
    const swapped = await this.sessions.replaceToken(
      principal.organisationId,
      session.id,
      principal.userId,
      principal.session.tokenId,
      session.tokenId,
    );
    if (!swapped) throw unauthenticated();
    return this.answer(account, await this.tokens.issue(account.user, session));
  }

  /** Ends the caller's sign-in: this token and every renewal of it are refused from now on. Audited. */
  async logout(): Promise<void> {
    const principal = requestContext.principal();
    if (!principal?.session) throw unauthenticated();
    const sessionId = principal.session.id;
    await this.db.forTenant(principal.organisationId, async (m) => {
      if (await this.sessions.end(m, sessionId, principal.userId)) {
        await this.audit.record(m, { action: 'logout', entityType: 'staff_user', entityId: principal.userId, details: { sessionId } });
      }
    });
  }

  private answer(account: StaffAccount, accessToken: string): LoginResponseDto {
    const { user } = account;
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.ttlSeconds,
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        organisation: account.organisationSlug,
        ...(account.serviceCode ? { service: account.serviceCode } : {}),
      },
    };
  }

  /** Changes the caller's own password; every token issued before stops working. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const principal = requestContext.principal();
    if (!principal) throw invalidCredentials();
    const user = await this.db.transaction((m) => m.findOne(StaffUserEntity, { where: { id: principal.userId } }));
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) throw invalidCredentials();
    if (currentPassword === newPassword)
      throw new DomainError(422, 'PASSWORD_UNCHANGED', 'The new password must differ from the current one');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (m) => {
      await m.update(StaffUserEntity, { id: user.id }, { passwordHash, tokenVersion: () => 'token_version + 1' });
      await this.audit.record(m, { action: 'staff_user.password_change', entityType: 'staff_user', entityId: user.id });
    });
  }
}
