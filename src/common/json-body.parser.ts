import sjson from 'secure-json-parse';
import { DomainError, RequestValidationError } from './errors/domain-error.js';

type Done = (error: Error | null, body?: unknown) => void;

/** Far deeper than any real body, far shallower than what overflows the stack of the validation layer. */
export const MAX_JSON_DEPTH = 32;

/**
 * Names of `Object.prototype`'s own members (`constructor`, `__proto__`, `toString`, `valueOf` …). class-transformer
 * drops `constructor` silently, and class-validator's whitelist looks field names up in a plain object, so it takes
 * `toString` or `valueOf` for a known field and lets it through: none of them is ever a field of ours.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * What the validation layer cannot be trusted with, found without recursion: nesting deeper than
 * MAX_JSON_DEPTH (class-transformer recurses, and a 10,000-deep body overflowed its stack: a 500), and a key
 * named after a member of `Object.prototype` at any depth (see PROTOTYPE_KEYS), refused by name.
 */
export function jsonShapeProblem(value: unknown): DomainError | undefined {
  const pending: [unknown, string, number][] = [[value, '', 1]];
  while (pending.length > 0) {
    const [node, path, depth] = pending.pop() as [unknown, string, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH)
      return new DomainError(400, 'NESTED_TOO_DEEPLY', `Request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
    for (const key of Object.keys(node)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return new RequestValidationError([{ field, problem: `property ${field} should not exist` }]);
      pending.push([(node as Record<string, unknown>)[key], field, depth + 1]);
    }
  }
  return undefined;
}

/**
 * The JSON body parser (channel pushes excepted, which stay raw until their signature is checked): refuses
 * prototype-poisoning keys by name (`__proto__`, `constructor.prototype`) as the
 * validation layer refuses any other unknown field, and malformed JSON with a plain 400.
 */
export function parseJsonBody(request: { url?: string }, body: Buffer | string, done: Done): void {
  // Machine-to-machine pushes are verified against their signature before they are parsed: they get the raw bytes.
  if (request.url?.startsWith('/api/channels/')) {
    done(null, Buffer.isBuffer(body) ? body : Buffer.from(body));
    return;
  }
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(new DomainError(400, 'EMPTY_BODY', 'Request body is empty; send a JSON object'));
    return;
  }
  try {
    const body: unknown = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    // Every route's body is an object: null, a number, a string or a boolean would skip validation altogether.
    if (body === null || typeof body !== 'object') {
      done(new DomainError(400, 'BODY_NOT_OBJECT', 'Request body must be a JSON object'));
      return;
    }
    const problem = jsonShapeProblem(body);
    if (problem) done(problem);
    else done(null, body);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/prototype/i.test(message)) {
      const field = /"(\\u005f|_)(\\u005f|_)proto(\\u005f|_)(\\u005f|_)"/.test(text) ? '__proto__' : 'constructor';
      done(new RequestValidationError([{ field, problem: `property ${field} should not exist` }]));
      return;
    }
    done(new DomainError(400, 'MALFORMED_JSON', 'Request body is not valid JSON'));
  }
}
