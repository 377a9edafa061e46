import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error.js';
import { fieldProblems } from '../../common/errors/validation.js';

/** What a socket event's acknowledgement carries when it is refused: the reason, with the fields named. */
export interface SocketError {
  error: string;
  code: string;
}

/** Validates an event payload exactly as an HTTP body is validated (unknown fields refused by name). */
export async function socketPayload<T extends object>(type: new () => T, data: unknown): Promise<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new DomainError(400, 'VALIDATION_FAILED', 'payload must be an object');
  const instance = plainToInstance(type, data);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    throw new DomainError(400, 'VALIDATION_FAILED', fieldProblems(errors).map((p) => `${p.field}: ${p.problem}`).join('; '));
  }
  return instance;
}

/** Runs a handler and turns a refusal into an acknowledgement; the socket stays usable. */
export async function acknowledge<T>(work: () => Promise<T>, log: (error: unknown) => void): Promise<T | SocketError> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.status < 500) return { error: error.message, code: error.code };
    log(error);
    return { error: 'internal error', code: 'INTERNAL_ERROR' };
  }
}
