import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error.js';
import { toErrorResponse } from '../../common/errors/error-response.js';
import { fieldProblems } from '../../common/errors/validation.js';
import { jsonShapeProblem } from '../../common/json-body.parser.js';
import type { SocketError } from '../../contracts/chat-events.js';

/** Validates an event payload exactly as an HTTP body is validated (unknown fields refused by name). */
export async function socketPayload<T extends object>(type: new () => T, data: unknown): Promise<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new DomainError(400, 'VALIDATION_FAILED', 'payload must be an object');
  const problem = jsonShapeProblem(data);
  if (problem) throw problem;
  const instance = plainToInstance(type, data);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    throw new DomainError(
      400,
      'VALIDATION_FAILED',
      fieldProblems(errors)
        .map((p) => `${p.field}: ${p.problem}`)
        .join('; '),
    );
  }
  return instance;
}

/** Runs a handler and turns a refusal into an acknowledgement; the socket stays usable. */
export async function acknowledge<T>(work: () => Promise<T>, log: (error: unknown) => void): Promise<T | SocketError> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.status < 500) return { error: error.message, code: error.code };
    // The database is down or restarting: say so, as HTTP does with its 503, so that the client tries again later.
    const { status, body } = toErrorResponse(error, '');
    if (status === 503) return { error: body.message, code: body.code };
    log(error);
    return { error: 'internal error', code: 'INTERNAL_ERROR' };
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per socket: `perSecond` events on average, bursts up to `burst`. A flooding socket gets
 * refusals; the process and every other chat carry on.
 */
export function withinRate(data: { rate?: Bucket }, perSecond = 5, burst = 10, now = Date.now()): boolean {
  const bucket = (data.rate ??= { tokens: burst, at: now });
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

export const rateLimited = (): SocketError => ({ error: 'Too many events: slow down', code: 'RATE_LIMITED' });
