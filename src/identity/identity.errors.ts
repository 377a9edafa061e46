import { DomainError } from '../common/errors/domain-error.js';

export enum IdentityErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Unauthenticated = 'UNAUTHENTICATED',
}

/** The same 401 for a missing, forged, expired or revoked access token. */
export const unauthenticated = () => new DomainError(401, IdentityErrorCode.Unauthenticated, 'Missing, invalid or expired access token');

/** The same answer for an unknown e-mail, a wrong password and a disabled account. */
export const invalidCredentials = () =>
  new DomainError(401, IdentityErrorCode.InvalidCredentials, 'E-mail address or password is not correct');
