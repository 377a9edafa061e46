import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { StaffRole } from '../../identity/staff-role.js';
import { DomainError } from '../errors/domain-error.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators.js';
import type { AuthenticatedRequest } from './authentication.guard.js';

export const forbidden = () => new DomainError(403, 'FORBIDDEN', 'Your role may not use this route');

/** Refuses a principal whose role the route does not name; fails closed when a route names none. */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger(RolesGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ALLOWED_ROLES, targets);
    const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!roles) {
      this.logger.error(`route ${context.getClass().name}.${context.getHandler().name} declares no roles; refused`);
      throw forbidden();
    }
    if (!principal || !roles.includes(principal.role)) throw forbidden();
    return true;
  }
}
