import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { unauthenticated } from './identity.errors.js';
import type { Principal } from '../common/request-context.js';
import { accessClaimKey, StaffAccountRepository, type AccessClaim, type AccessState } from './staff-account.repository.js';
import type { SessionTicket } from './staff-session.repository.js';
import type { StaffUserEntity } from './staff-user.entity.js';

interface AccessTokenClaims {
  sub: string;
  org: string;
  /** The account's token version when issued: a password change, disabling or a new role bumps it. */
  ver: number;
  /** The server-side sign-in (staff_sessions) this token belongs to: sign-out ends it. */
  sid: string;
  /** This token's own id: only the sign-in's current one stands (renewal retires the one it replaces). */
  jti: string;
  /** Expiry, seconds since the epoch (set by the signer from JWT_TTL_SECONDS). */
  exp: number;
  /** Issued at (set by the signer). */
  iat?: number;
  /** The sign-in this token descends from (OpenID's `auth_time`), kept through renewals. */
  auth_time?: number;
}

/** How many verified tokens' claims are kept (oldest forgotten first). */
const VERIFIED_TOKENS_KEPT = 20_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Short-lived signed access tokens, each belonging to a server-side sign-in. Each use re-reads the account and
 * the sign-in in one round trip, so a disabled account, a changed password, a sign-out or a renewal stops the
 * tokens concerned at once; roles are read fresh as well.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: StaffAccountRepository,
  ) {}

  private readonly verified = new Map<string, AccessTokenClaims>();

  /** A token for the account in the sign-in `session`, carrying the sign-in's current token id. */
  issue(user: StaffUserEntity, session: SessionTicket): Promise<string> {
    const claims: Omit<AccessTokenClaims, 'exp'> = {
      sub: user.id,
      org: user.organisationId,
      ver: user.tokenVersion,
      sid: session.id,
      jti: session.tokenId,
      auth_time: session.authTime,
    };
    return this.jwt.signAsync(claims);
  }

  /**
   * The principal of a token, for a request or a connection being opened: the account must stand and the token
   * must be its sign-in's current one. The same 401 for every reason it is refused.
   */
  async verify(token: string): Promise<Principal> {
    const claims = await this.claimsOf(token);
    if (!claims) throw unauthenticated();
    const state = await this.accounts.accessState(accessClaimOf(claims));
    const principal = state && state.sessionTokenId === claims.jti ? principalOf(claims, state) : undefined;
    if (!principal) throw unauthenticated();
    return principal;
  }

  /**
   * The principals of those of many open connections' tokens whose account and sign-in still stand, in one round
   * trip for all (the console's periodic re-check). A connection belongs to its sign-in: a sign-out ends it, while
   * a renewal does not (the connection is handed the new token just after, and a re-check in between must not drop
   * it); the token's own expiry still does.
   */
  async verifyMany(tokens: string[]): Promise<Map<string, Principal>> {
    const claimed = (await Promise.all(tokens.map(async (token) => ({ token, claims: await this.claimsOf(token) })))).filter(
      (entry): entry is { token: string; claims: AccessTokenClaims } => entry.claims !== undefined,
    );
    const states = await this.accounts.accessStates(claimed.map(({ claims }) => accessClaimOf(claims)));
    const principals = new Map<string, Principal>();
    for (const { token, claims } of claimed) {
      const state = states.get(accessClaimKey(accessClaimOf(claims)));
      const principal = state && state.sessionTokenId !== null ? principalOf(claims, state) : undefined;
      if (principal) principals.set(token, principal);
    }
    return principals;
  }

  private async claimsOf(token: string): Promise<AccessTokenClaims | undefined> {
    // A token whose signature was checked already needs only its expiry checked again (the console's open
    // sockets are re-checked every few seconds); the account and sign-in check is never skipped.
    const known = this.verified.get(token);
    if (known) return known.exp * 1000 > Date.now() ? known : undefined;
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return undefined;
    }
    // A token without a sign-in (issued before sign-ins were kept) is refused like any other that does not stand.
    const ids = [claims.sub, claims.org, claims.sid, claims.jti];
    if (!ids.every((id) => UUID.test(String(id))) || !Number.isInteger(claims.ver) || !Number.isInteger(claims.exp)) return undefined;
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, claims);
    return claims;
  }
}

const accessClaimOf = (claims: AccessTokenClaims): AccessClaim => ({
  organisationId: claims.org,
  userId: claims.sub,
  sessionId: claims.sid,
});

function principalOf(claims: AccessTokenClaims, state: AccessState): Principal | undefined {
  if (state.disabled || state.tokenVersion !== claims.ver) return undefined;
  const authTime = Number.isInteger(claims.auth_time) ? claims.auth_time : claims.iat;
  return {
    userId: claims.sub,
    organisationId: claims.org,
    role: state.role,
    serviceId: state.serviceId,
    ...(authTime !== undefined ? { authTime } : {}),
    session: { id: claims.sid, tokenId: claims.jti },
  };
}
