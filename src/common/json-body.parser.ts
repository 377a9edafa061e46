import sjson from 'secure-json-parse';
import { DomainError, RequestValidationError } from './errors/domain-error.js';

type Done = (error: Error | null, body?: unknown) => void;

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
    done(null, sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
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
