import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from './auth/authentication.guard.js';
import { requestContext } from './request-context.js';

/** Runs each HTTP handler inside the request context (correlation id, principal) its services read. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const state = { correlationId: String(request.id), principal: request.principal };
    return new Observable((subscriber) => requestContext.run(state, () => next.handle().subscribe(subscriber)));
  }
}
