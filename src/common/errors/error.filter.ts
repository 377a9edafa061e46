import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../request-context.js';
import { toErrorResponse } from './error-response.js';

/** One JSON error shape for every HTTP failure; unexpected ones are logged (scrubbed) and hidden. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const correlationId = requestContext.current()?.correlationId ?? String(request.id);
    const { status, body, unexpected } = toErrorResponse(error, correlationId);
    if (unexpected) logUnexpected(this.logger, error, correlationId);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

export function logUnexpected(logger: Pick<Logger, 'error'>, error: unknown, correlationId: string): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  logger.error({
    msg: 'unexpected error',
    correlationId,
    errorName: err.name,
    errorCode: code === undefined ? undefined : String(code),
    // Driver errors quote the offending values: the logger scrubs this message (as every log line), and the stack keeps only its frames.
    errorMessage: err.message,
    stack: err.stack?.split('\n').slice(1).join('\n'),
  });
}
