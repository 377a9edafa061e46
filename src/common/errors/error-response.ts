import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type FieldProblem } from './domain-error.js';

/** The one JSON error shape of every route. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  correlationId: string;
  errors?: FieldProblem[];
}

const reason = (status: number) =>
  (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ')
    .replace('Payload Too Large', 'Content Too Large');

/** Fastify's own errors (body parsing, limits) with a message that is safe to show. */
function fastifyError(error: {
  code?: string;
  statusCode?: number;
  message?: string;
}): { status: number; code: string; message: string } | undefined {
  if (typeof error.code !== 'string' || !error.code.startsWith('FST_')) return undefined;
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'BODY_TOO_LARGE', message: 'Request body is too large' };
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported Content-Type for this route' };
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return { status: 400, code: 'EMPTY_BODY', message: 'Request body is empty' };
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH')
    return { status: 400, code: 'MALFORMED_BODY', message: 'Request body is not valid JSON' };
  return { status, code: error.code.replace(/^FST_ERR_/, ''), message: reason(status) };
}

const ROUTE_NOT_FOUND = /^Cannot [A-Z]+ \//;

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** The database is down or restarting: the request may succeed later, so 503 rather than 500. */
function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, driverError } = error as { code?: unknown; message?: unknown; driverError?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)
  )
    return true;
  return driverError !== undefined && driverError !== error && isDatabaseUnavailable(driverError);
}

/** Maps any thrown value to a status and a body that reveals nothing internal. */
export function toErrorResponse(error: unknown, correlationId: string): { status: number; body: ErrorBody; unexpected: boolean } {
  const build = (status: number, code: string, message: string, errors?: FieldProblem[]) => ({
    status,
    unexpected: status === 500,
    body: { statusCode: status, error: reason(status), message, code, correlationId, ...(errors ? { errors } : {}) },
  });

  if (error instanceof DomainError) return build(error.status, error.code, error.message, error.fields);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      status >= 500
        ? 'internal error'
        : ROUTE_NOT_FOUND.test(error.message)
          ? 'No such route' // the router's own message repeats the path and query string, which may carry personal data
          : typeof response === 'string'
            ? response
            : typeof (response as { message?: unknown }).message === 'string'
              ? (response as { message: string }).message
              : reason(status);
    return build(status, status === 404 ? 'NOT_FOUND' : reason(status).toUpperCase().replace(/ /g, '_'), message);
  }
  if (isDatabaseUnavailable(error)) return build(503, 'DATABASE_UNAVAILABLE', 'The service is temporarily unavailable: try again shortly');
  const fastify = typeof error === 'object' && error !== null ? fastifyError(error as never) : undefined;
  if (fastify) return build(fastify.status, fastify.code, fastify.message);
  return build(500, 'INTERNAL_ERROR', 'internal error');
}
