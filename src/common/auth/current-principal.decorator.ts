import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../request-context.js';
import type { AuthenticatedRequest } from './authentication.guard.js';

/** The authenticated member of staff of the current request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
