import { DomainError, RequestValidationError, type FieldProblem } from '../common/errors/domain-error.js';

/** A body that passed the DTO rules but not the organisation's: an unknown service, a duplicate, a target too long. */
export const invalidServiceLevels = (problems: FieldProblem[]) => new RequestValidationError(problems);

/** A service user's account names no service (or one no longer there): there is no target of theirs to show. */
export const noServiceOfYourOwn = () => new DomainError(404, 'SERVICE_NOT_FOUND', 'Your account is not linked to a service');
