import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream, Logger } from 'pino';
import { loggablePath, scrubPersonalData } from '../common/pii-scrub.js';

/** Keys whose values are never written to a log, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...[
    'password',
    'newPassword',
    'currentPassword',
    'email',
    'phone',
    'name',
    'dateOfBirth',
    'address',
    'postcode',
    'secret',
    'token',
    'accessToken',
    'resumeToken',
    'text',
    'description',
    'subject',
  ].flatMap((key) => [key, `*.${key}`]),
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

/** Fields of a log line that may hold free text (a message, an error's message), so are scrubbed. */
const FREE_TEXT_KEYS = ['msg', 'message', 'errorMessage', 'reason', 'detail'] as const;

function scrubFreeText(line: Record<string, unknown>): Record<string, unknown> {
  if (!FREE_TEXT_KEYS.some((key) => typeof line[key] === 'string')) return line;
  const scrubbed = { ...line };
  for (const key of FREE_TEXT_KEYS) if (typeof scrubbed[key] === 'string') scrubbed[key] = scrubPersonalData(scrubbed[key] as string);
  return scrubbed;
}

/**
 * Every log call, whoever makes it (a service, a socket gateway, Nest itself, a library handed our logger),
 * passes through the one scrubber: its message, the message pino would take from an error, printf arguments and
 * the free-text fields. An error itself is logged as its type and code only.
 */
export function scrubLogCall(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const strings = (values: unknown[]) => values.map((value) => (typeof value === 'string' ? scrubPersonalData(value) : value));
  if (first instanceof Error) return [{ err: first }, scrubPersonalData(first.message)];
  if (typeof first !== 'object' || first === null) return strings(args);
  const line = scrubFreeText(first as Record<string, unknown>);
  const error = line.err instanceof Error ? line.err : undefined;
  if (typeof rest[0] === 'string') return [line, ...strings(rest)];
  // Without a message, pino would print the error's own message, unscrubbed: give it the scrubbed one.
  return error ? [line, scrubPersonalData(error.message)] : [line, ...rest];
}

/** The pino options every logger of the service shares (the request logger, Nest's, the start-up log). */
export function pinoOptions(level: string) {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: IncomingMessage & { id?: string }) => ({
        id: request.id,
        method: request.method,
        path: loggablePath(request.url ?? ''),
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      err: (error: Error & { code?: string }) => ({ type: error.name, code: error.code }),
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
        method.apply(this, scrubLogCall(args));
      },
    },
  };
}

/**
 * JSON logs through pino. A request is logged as method, path without its query string (which may carry
 * search terms or tokens), status and duration; never headers, bodies or client addresses.
 */
export function loggerParams(level: string, destination?: DestinationStream): Params {
  const options = {
    ...pinoOptions(level),
    genReqId: (request: IncomingMessage) => (request as IncomingMessage & { id?: string }).id ?? correlationIdFor(request),
    // Requests are logged from a Fastify onResponse hook (logRequest below), with the route template.
    autoLogging: false,
    quietReqLogger: true,
  };
  return { pinoHttp: destination ? [options, destination] : options } as Params;
}
