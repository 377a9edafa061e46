import { DomainError } from '../common/errors/domain-error.js';

export enum IdentityErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
}

/** The same answer for an unknown e-mail, a wrong password and a disabled account. */
export const invalidCredentials = () =>
  new DomainError(401, IdentityErrorCode.InvalidCredentials, 'E-mail address or password is not correct');
