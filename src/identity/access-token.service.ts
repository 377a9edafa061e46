import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { unauthenticated } from './identity.errors.js';
import type { Principal } from '../common/request-context.js';
import { StaffAccountRepository } from './staff-account.repository.js';
import type { StaffUserEntity } from './staff-user.entity.js';
import type { TokenState } from './staff-account.repository.js';

interface AccessTokenClaims {
  sub: string;
  org: string;
  /** The account's token version when issued: a password change or disabling bumps it. */
  ver: number;
  /** Expiry, seconds since the epoch (set by the signer from JWT_TTL_SECONDS). */
  exp: number;
  /** Issued at (set by the signer). */
  iat?: number;
  /** The sign-in this token descends from (OpenID's `auth_time`), kept through renewals. */
  auth_time?: number;
}

/** How many verified tokens' claims are kept (oldest forgotten first). */
const VERIFIED_TOKENS_KEPT = 20_000;

/**
 * Short-lived signed access tokens. Each use re-reads the account, so a disabled account or a changed
 * password stops every token at once; roles are read fresh as well.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: StaffAccountRepository,
  ) {}

  private readonly verified = new Map<string, AccessTokenClaims>();

  /** A token for the account; `authTime` is the sign-in it renews (a new sign-in when absent). */
  issue(user: StaffUserEntity, authTime = Math.floor(Date.now() / 1000)): Promise<string> {
    const claims: Omit<AccessTokenClaims, 'exp'> = { sub: user.id, org: user.organisationId, ver: user.tokenVersion, auth_time: authTime };
    return this.jwt.signAsync(claims);
  }

  /** The principal of a token; the same 401 for every reason it is refused. */
  async verify(token: string): Promise<Principal> {
    const claims = await this.claimsOf(token);
    if (!claims) throw unauthenticated();
    const principal = principalOf(claims, await this.accounts.tokenState(claims.org, claims.sub));
    if (!principal) throw unauthenticated();
    return principal;
  }

  /** The principals of those of many tokens that still stand (the account check in one round trip for all). */
  async verifyMany(tokens: string[]): Promise<Map<string, Principal>> {
    const claimed = (await Promise.all(tokens.map(async (token) => ({ token, claims: await this.claimsOf(token) })))).filter(
      (entry): entry is { token: string; claims: AccessTokenClaims } => entry.claims !== undefined,
    );
    const states = await this.accounts.tokenStates(claimed.map(({ claims }) => ({ organisationId: claims.org, userId: claims.sub })));
    const principals = new Map<string, Principal>();
    for (const { token, claims } of claimed) {
      const principal = principalOf(claims, states.get(claims.sub));
      if (principal) principals.set(token, principal);
    }
    return principals;
  }

  private async claimsOf(token: string): Promise<AccessTokenClaims | undefined> {
    // A token whose signature was checked already needs only its expiry checked again (the console's open
    // sockets are re-checked every few seconds); the account check is never skipped.
    const known = this.verified.get(token);
    if (known) return known.exp * 1000 > Date.now() ? known : undefined;
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return undefined;
    }
    const uuid = /^[0-9a-f-]{36}$/i;
    if (!uuid.test(String(claims.sub)) || !uuid.test(String(claims.org)) || !Number.isInteger(claims.ver) || !Number.isInteger(claims.exp)) return undefined;
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, claims);
    return claims;
  }
}

function principalOf(claims: AccessTokenClaims, state: TokenState | undefined): Principal | undefined {
  if (!state || state.disabled || state.tokenVersion !== claims.ver) return undefined;
  const authTime = Number.isInteger(claims.auth_time) ? claims.auth_time : claims.iat;
  return { userId: claims.sub, organisationId: claims.org, role: state.role, serviceId: state.serviceId, ...(authTime !== undefined ? { authTime } : {}) };
}
