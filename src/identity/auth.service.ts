import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { AccessTokenService } from './access-token.service.js';
import type { LoginResponseDto } from './dto/login.dto.js';
import { invalidCredentials } from './identity.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffAccountRepository, type StaffAccount } from './staff-account.repository.js';
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
    @Inject(TOKEN_TTL_SECONDS) private readonly ttlSeconds: number,
    @Inject(SESSION_HOURS) private readonly sessionHours: number,
  ) {}

  async login(email: string, password: string): Promise<LoginResponseDto> {
    const candidate = await this.accounts.findLoginCandidate(email);
    const valid = await this.hasher.verify(candidate?.passwordHash, password);
    if (!candidate) throw invalidCredentials();
    const actor = { type: 'staff' as const, id: candidate.id };
    if (!valid || candidate.disabled) {
      await this.audit.recordAlone({
        organisationId: candidate.organisationId,
        actor,
        action: 'login.failure',
        entityType: 'staff_user',
        entityId: candidate.id,
        details: { reason: candidate.disabled ? 'disabled' : 'wrong_password' },
      });
      throw invalidCredentials();
    }
    const account = await this.accounts.recordLogin(candidate.organisationId, candidate.id);
    if (!account) throw invalidCredentials();
    await this.audit.recordAlone({ organisationId: candidate.organisationId, actor, action: 'login.success', entityType: 'staff_user', entityId: candidate.id });
    return this.answer(account, await this.tokens.issue(account.user));
  }

  /**
   * A new access token for the caller, whose token still stands, descended from the same sign-in: the console
   * renews its token while someone is using it, up to STAFF_SESSION_HOURS after signing in. A disabled account or
   * a changed password has already stopped the token this comes with. Not audited: the sign-in was.
   */
  async refresh(): Promise<LoginResponseDto> {
    const principal = requestContext.principal();
    if (!principal) throw invalidCredentials();
    const authTime = principal.authTime ?? 0;
    if (Date.now() / 1000 - authTime >= this.sessionHours * 3600) {
      throw new DomainError(401, 'SESSION_ENDED', `You have been signed in for ${this.sessionHours} hours, the longest a session lasts: sign in again`);
    }
    const account = await this.accounts.account(principal.organisationId, principal.userId);
    if (!account) throw invalidCredentials();
    return this.answer(account, await this.tokens.issue(account.user, authTime));
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
    if (currentPassword === newPassword) throw new DomainError(422, 'PASSWORD_UNCHANGED', 'The new password must differ from the current one');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (m) => {
      await m.update(StaffUserEntity, { id: user.id }, { passwordHash, tokenVersion: () => 'token_version + 1' });
      await this.audit.record(m, { action: 'staff_user.password_change', entityType: 'staff_user', entityId: user.id });
    });
  }
}
