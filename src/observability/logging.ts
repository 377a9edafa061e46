import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream, Logger } from 'pino';
import { loggablePath } from '../common/pii-scrub.js';

/** Keys whose values are never written to a log, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...['password', 'newPassword', 'currentPassword', 'email', 'phone', 'name', 'dateOfBirth', 'address', 'postcode', 'secret', 'token', 'accessToken', 'resumeToken', 'text', 'description', 'subject'].flatMap(
    (key) => [key, `*.${key}`],
  ),
];

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A caller's `x-request-id` if it is a plain token, else a fresh one. */
export function correlationIdFor(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  return typeof offered === 'string' && CORRELATION_ID.test(offered) ? offered : randomUUID();
}

const UNLOGGED_ROUTES = new Set(['/health', '/metrics']);

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  routeOptions: { url?: string };
}

/**
 * One line per request: method, route template and path without its query string, status and duration.
 * Never headers, bodies, query strings or client addresses.
 */
export function logRequest(logger: Logger | undefined, request: LoggedRequest, statusCode: number, milliseconds: number): void {
  const route = request.routeOptions.url;
  if (!logger || (route && UNLOGGED_ROUTES.has(route))) return;
  const line = {
    correlationId: request.id,
    method: request.method,
    route: route ?? null,
    path: loggablePath(request.url, route),
    statusCode,
    responseTime: Math.round(milliseconds),
  };
  if (statusCode >= 500) logger.error(line, 'request failed');
  else if (statusCode >= 400) logger.warn(line, 'request completed');
  else logger.info(line, 'request completed');
}

/**
 * JSON logs through pino. A request is logged as method, path without its query string (which may carry
 * search terms or tokens), status and duration; never headers, bodies or client addresses.
 */
export function loggerParams(level: string, destination?: DestinationStream): Params {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (request: IncomingMessage) => (request as IncomingMessage & { id?: string }).id ?? correlationIdFor(request),
    serializers: {
      req: (request: IncomingMessage & { id?: string }) => ({ id: request.id, method: request.method, path: loggablePath(request.url ?? '') }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      err: (error: Error & { code?: string }) => ({ type: error.name, code: error.code }),
    },
    // Requests are logged from a Fastify onResponse hook (logRequest below), with the route template.
    autoLogging: false,
    quietReqLogger: true,
  };
  return { pinoHttp: destination ? [options, destination] : options } as Params;
}
