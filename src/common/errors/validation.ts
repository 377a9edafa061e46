import type { ValidationError } from 'class-validator';
import { RequestValidationError, type FieldProblem } from './domain-error.js';

/** Flattens class-validator's tree into one problem per field path (`subject.name`). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

export function validationErrorFactory(errors: ValidationError[]): RequestValidationError {
  return new RequestValidationError(fieldProblems(errors));
}
