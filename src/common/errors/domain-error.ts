/** One problem with one input field, as reported to the client. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * An expected failure of a use case, with an HTTP status and a stable code. Its message is shown to the
 * client, so it never holds personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class RequestValidationError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super(400, 'VALIDATION_FAILED', `Invalid request: ${fields.map((f) => `${f.field}: ${f.problem}`).join('; ')}`, fields);
  }
}

/** The same answer for "does not exist" and "belongs to another organisation". */
export class NotFoundError extends DomainError {
  constructor(code: string, what: string) {
    super(404, code, `${what} not found`);
  }
}
