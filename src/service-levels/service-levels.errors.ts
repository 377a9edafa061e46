import { RequestValidationError, type FieldProblem } from '../common/errors/domain-error.js';

/** A body that passed the DTO rules but not the organisation's: an unknown service, a duplicate, a target too long. */
export const invalidServiceLevels = (problems: FieldProblem[]) => new RequestValidationError(problems);
