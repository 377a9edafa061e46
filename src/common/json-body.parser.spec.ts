import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError, RequestValidationError } from './errors/domain-error.js';
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body.parser.js';

function parse(text: string): { error: Error | null; body?: unknown; calls: number } {
  let outcome: { error: Error | null; body?: unknown } | undefined;
  let calls = 0;
  parseJsonBody({ url: '/api/enquiries' }, Buffer.from(text), (error, body) => {
    calls += 1;
    outcome = { error, body };
  });
  return { ...(outcome as { error: Error | null; body?: unknown }), calls };
}

describe('JSON body parser', () => {
  it('parses any JSON object or array without prototype keys exactly as JSON.parse does, and refuses any other value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!Object.getOwnPropertyNames(Object.prototype).some((key) => text.includes(`"${key}"`)));
        const result = parse(text);
        if (value !== null && typeof value === 'object') {
          expect(result.error).toBeNull();
          expect(result.body).toEqual(JSON.parse(text));
        } else {
          // null, a number, a string or a boolean would pass a route's validation by being no object at all.
          expect(result.error).toMatchObject({ status: 400, code: 'BODY_NOT_OBJECT', message: 'Request body must be a JSON object' });
        }
      }),
    );
  });

  it('answers any input exactly once, with a 4xx domain error when it is not JSON', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parse(text);
        expect(result.calls).toBe(1);
        if (result.error) {
          expect(result.error).toBeInstanceOf(DomainError);
          expect((result.error as DomainError).status).toBe(400);
        }
      }),
    );
  });

  it('refuses prototype poisoning by naming the field, at any depth', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'nested'), { maxLength: 4 }), (path) => {
        const poisoned = path.reduceRight((inner, key) => `{"${key}":${inner}}`, '{"__proto__":{"isAdmin":true}}');
        const result = parse(poisoned);
        expect(result.error).toBeInstanceOf(RequestValidationError);
        expect(result.error?.message).toContain('__proto__');
      }),
    );
    expect(parse('{"constructor":{"prototype":{"x":1}}}').error?.message).toContain('constructor');
  });

  it('refuses a constructor key by name at any depth, which class-transformer would otherwise drop silently', () => {
    const top = parse('{"name":"x","constructor":{}}');
    expect(top.error).toBeInstanceOf(RequestValidationError);
    expect(top.error?.message).toContain('constructor');
    expect(parse('{"subject":{"name":"x","constructor":1}}').error?.message).toContain('subject.constructor');
    expect(parse('{"list":[{"constructor":"x"}]}').error?.message).toContain('list.0.constructor');
  });

  it('refuses, by name, a key named after any member of Object.prototype, which the whitelist would take for a known field', () => {
    for (const key of [
      'toString',
      'valueOf',
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toLocaleString',
      '__defineGetter__',
      '__lookupSetter__',
    ]) {
      const top = parse(`{"name":"x","${key}":[]}`);
      expect(top.error).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [{ field: key, problem: `property ${key} should not exist` }],
      });
      expect(parse(`{"subject":{"${key}":1}}`).error?.message).toContain(`subject.${key}`);
    }
    // Only exact names: a field that merely starts like one is ordinary.
    expect(parse('{"toStringValue":1,"valueOfGoods":2}').error).toBeNull();
  });

  it('refuses nesting deeper than the validation layer can take with a 400, without overflowing its own stack', () => {
    for (const text of [
      '['.repeat(10_000) + ']'.repeat(10_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      `{"name":${'['.repeat(40)}${']'.repeat(40)}}`,
    ]) {
      const result = parse(text);
      expect(result.error).toBeInstanceOf(DomainError);
      expect((result.error as DomainError).status).toBe(400);
    }
    expect(parse(`{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`).error).toBeNull();
    expect((parse(`{"a":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`).error as DomainError).code).toBe('NESTED_TOO_DEEPLY');
  });

  it('leaves channel pushes unparsed, for their signature to be checked first', () => {
    let received: unknown;
    parseJsonBody({ url: '/api/channels/phone/lancashire/calls' }, Buffer.from('{"not":"parsed"'), (_error, body) => (received = body));
    expect(Buffer.isBuffer(received)).toBe(true);
  });

  it('calls an empty body what it is', () => {
    expect((parse('  ').error as DomainError).code).toBe('EMPTY_BODY');
  });
});
