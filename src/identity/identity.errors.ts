import { DomainError } from '../common/errors/domain-error.js';

export enum IdentityErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Unauthenticated = 'UNAUTHENTICATED',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
}

/** The same 401 for a missing, forged, expired or revoked access token. */
export const unauthenticated = () => new DomainError(401, IdentityErrorCode.Unauthenticated, 'Missing, invalid or expired access token');

/** The same answer for an unknown e-mail, a wrong password and a disabled account. */
export const invalidCredentials = () =>
  new DomainError(401, IdentityErrorCode.InvalidCredentials, 'E-mail address or password is not correct');

/**
 * Sign-ins with an e-mail address refused for a while after too many failures: the same answer whether or not an
 * account has the address, with `Retry-After` in seconds (set by the controller from `retryAfterSeconds`).
 */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, IdentityErrorCode.TooManyAttempts, 'Too many failed sign-ins with this e-mail address: wait a while, then try again');
  }
}
