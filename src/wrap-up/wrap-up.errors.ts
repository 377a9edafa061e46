import { RequestValidationError, type FieldProblem } from '../common/errors/domain-error.js';

/** A list of codes that passed the DTO rules but not the organisation's: a code twice, a code in use left out. */
export const invalidOutcomeCodes = (problems: FieldProblem[]) => new RequestValidationError(problems);
