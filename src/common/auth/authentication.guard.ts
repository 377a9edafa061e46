import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccessTokenService } from '../../identity/access-token.service.js';
import type { Principal } from '../request-context.js';
import { unauthenticated } from '../../identity/identity.errors.js';
import { PUBLIC_ROUTE } from './access.decorators.js';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Every non-public HTTP route needs a valid bearer token of an enabled account. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header) : null;
    if (!match) throw unauthenticated();
    request.principal = await this.tokens.verify(match[1]);
    return true;
  }
}
