import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { unauthenticated } from './identity.errors.js';
import type { Principal } from '../common/request-context.js';
import { StaffAccountRepository } from './staff-account.repository.js';
import type { StaffUserEntity } from './staff-user.entity.js';

interface AccessTokenClaims {
  sub: string;
  org: string;
  /** The account's token version when issued: a password change or disabling bumps it. */
  ver: number;
}

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

  issue(user: StaffUserEntity): Promise<string> {
    const claims: AccessTokenClaims = { sub: user.id, org: user.organisationId, ver: user.tokenVersion };
    return this.jwt.signAsync(claims);
  }

  /** The principal of a token; the same 401 for every reason it is refused. */
  async verify(token: string): Promise<Principal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated();
    }
    const uuid = /^[0-9a-f-]{36}$/i;
    if (!uuid.test(String(claims.sub)) || !uuid.test(String(claims.org)) || !Number.isInteger(claims.ver)) throw unauthenticated();
    const state = await this.accounts.tokenState(claims.org, claims.sub);
    if (!state || state.disabled || state.tokenVersion !== claims.ver) throw unauthenticated();
    return { userId: claims.sub, organisationId: claims.org, role: state.role, serviceId: state.serviceId };
  }
}
