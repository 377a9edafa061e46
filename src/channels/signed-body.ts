import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import sjson from 'secure-json-parse';
import { DomainError, RequestValidationError } from '../common/errors/domain-error.js';
import { fieldProblems } from '../common/errors/validation.js';
import { jsonShapeProblem } from '../common/json-body.parser.js';

/**
 * Parses and validates a push body after its signature was checked, with the same rules as any HTTP body:
 * unknown fields refused by name, prototype keys refused, every problem listed.
 */
export async function parseSignedBody<T extends object>(raw: Buffer, type: new () => T): Promise<T> {
  const plain = await parseSignedJson(raw);
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain))
    throw new DomainError(400, 'MALFORMED_JSON', 'Request body must be a JSON object');
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new RequestValidationError(fieldProblems(errors));
  return instance;
}

/** JSON of a verified push, prototype keys refused. */
export async function parseSignedJson(raw: Buffer): Promise<unknown> {
  let plain: unknown;
  try {
    plain = sjson.parse(raw.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if (error instanceof Error && /prototype/i.test(error.message)) {
      throw new RequestValidationError([{ field: '__proto__', problem: 'property __proto__ should not exist' }]);
    }
    throw new DomainError(400, 'MALFORMED_JSON', 'Request body is not valid JSON');
  }
  const problem = jsonShapeProblem(plain);
  if (problem) throw problem;
  return plain;
}

/** The raw bytes of a push: channel routes receive the body unparsed (see the JSON body parser). */
export function rawBodyOf(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
}
