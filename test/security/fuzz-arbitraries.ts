import fc from 'fast-check';
import { resolveSchema, type JsonSchema, type OpenApiDocument, type OpenApiParameter } from '../support/security.js';

/**
 * Bad inputs generated from the OpenAPI document: each body case is a valid body with at least one change that
 * makes it invalid (a field of the wrong type, a required field missing, an unknown field, a value outside its
 * enum, a string over its length or over the body limit, or no object at all), so that an answer other than
 * a 4xx, or any write, is a finding.
 */

/** Strings that have broken parsers, lookups and queries before. */
const NASTY_STRINGS = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'prototype',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x7fffffff',
  "' or '1'='1' --",
  '"; drop table enquiries; --',
  '%00',
  '\u0000',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\ud800',
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦 ﷽',
  '\u202e\u2066',
  ' ',
  '',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), nastyString, { maxKeys: 3 }),
  nastyString,
  fc.constant([[[[[[[[[[]]]]]]]]]]),
);

function typeOf(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.type) return schema.type;
  if (schema.$ref || schema.allOf || schema.properties) return 'object';
  return undefined;
}

/** Whether `value` would pass for a property of this schema (a generous reading: strings that look like numbers pass for numbers). */
function mightFit(value: unknown, schema: JsonSchema, document: OpenApiDocument, required: boolean): boolean {
  // An optional field sent as null may fairly mean "none" (a representative, a service).
  if (value === null && !required) return true;
  const resolved = resolveSchema(document, schema) ?? schema;
  const type = typeOf(resolved);
  if (resolved.enum) return resolved.enum.includes(value as never);
  if (type === undefined) return true;
  if (type === 'string') return typeof value === 'string';
  if (type === 'number' || type === 'integer')
    return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
  if (type === 'boolean') return typeof value === 'boolean' || value === 'true' || value === 'false';
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return true;
}

interface Slot {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

/** The properties of a body schema, nested objects included (two levels). */
function slotsOf(document: OpenApiDocument, schema: JsonSchema | undefined, path: string[] = [], depth = 0): Slot[] {
  const resolved = resolveSchema(document, schema);
  if (!resolved?.properties || depth > 2) return [];
  return Object.entries(resolved.properties).flatMap(([name, property]) => {
    const slot = { path: [...path, name], schema: property, required: resolved.required?.includes(name) ?? false };
    return [slot, ...slotsOf(document, property, slot.path, depth + 1)];
  });
}

/** Every property of a body schema, nested ones included, with whether it is an object (by its schema). */
export function fieldPaths(document: OpenApiDocument, schema: JsonSchema | undefined): { path: string[]; object: boolean }[] {
  return slotsOf(document, schema).map((slot) => ({ path: slot.path, object: typeOf(resolveSchema(document, slot.schema)) === 'object' }));
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function setAt(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = clone(body) ?? {};
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

function removeAt(body: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const copy = clone(body) ?? {};
  let node: Record<string, unknown> | undefined = copy;
  for (const key of path.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
  if (node) delete node[path[path.length - 1]];
  return copy;
}

export interface BodyCase {
  what: string;
  /** JSON text (or raw text for CSV and e-mail). */
  text: string;
}

/** Invalid JSON bodies for a schema, each from the valid `base` with at least one breaking change. */
export function invalidJsonBodies(document: OpenApiDocument, schema: JsonSchema | undefined, base: unknown): fc.Arbitrary<BodyCase> {
  const start = (base && typeof base === 'object' && !Array.isArray(base) ? base : {}) as Record<string, unknown>;
  const slots = slotsOf(document, schema);
  const known = new Set(slots.filter((slot) => slot.path.length === 1).map((slot) => slot.path[0]));
  const json = (what: string, body: unknown) => ({ what, text: JSON.stringify(body) ?? 'null' });
  const options: fc.Arbitrary<BodyCase>[] = [
    fc
      .constantFrom<unknown>([], null, 'text', 0, true, [start], [[start]])
      .map((body) => json(`not an object: ${JSON.stringify(body).slice(0, 30)}`, body)),
    fc
      .tuple(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 20 }),
          fc.constantFrom('status', 'organisationId', 'role', 'isAdmin', 'createdAt', 'id'),
        ),
        anyValue,
      )
      .filter(([key]) => !known.has(key) && key !== '__proto__')
      .map(([key, value]) => json(`unknown field ${JSON.stringify(key)}`, { ...start, [key]: value })),
  ];
  if (slots.length > 0) {
    const slot = fc.constantFrom(...slots);
    options.push(
      fc
        .tuple(slot, anyValue)
        .filter(([target, value]) => !mightFit(value, target.schema, document, target.required && target.path.length === 1))
        .map(([target, value]) =>
          json(`${target.path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`, setAt(start, target.path, value)),
        ),
    );
    const strings = slots.filter((target) => typeOf(resolveSchema(document, target.schema)) === 'string' && !target.schema.enum);
    if (strings.length > 0) {
      options.push(
        fc.constantFrom(...strings).map((target) => {
          const limit = target.schema.maxLength;
          // Over the field's limit, or (with no limit in the document) over the body limit.
          const length = limit !== undefined ? limit + 1 : 1024 * 1024 + 16;
          return json(`${target.path.join('.')} of ${length} characters`, setAt(start, target.path, 'x'.repeat(length)));
        }),
      );
    }
    const enums = slots.filter((target) => (resolveSchema(document, target.schema) ?? target.schema).enum);
    if (enums.length > 0) {
      options.push(
        fc
          .tuple(fc.constantFrom(...enums), nastyString)
          .filter(([target, value]) => !(resolveSchema(document, target.schema) ?? target.schema).enum?.includes(value))
          .map(([target, value]) => json(`${target.path.join('.')} outside its enum`, setAt(start, target.path, value))),
      );
    }
    const required = slots.filter((target) => target.required && target.path.length === 1 && target.path[0] in start);
    if (required.length > 0)
      options.push(fc.constantFrom(...required).map((target) => json(`without ${target.path.join('.')}`, removeAt(start, target.path))));
  }
  return fc.oneof(...options);
}

/** Path parameter values: the caller's real one, unknown ids, and strings no id looks like. */
export function pathValues(real: string, includeReal = true): fc.Arbitrary<string> {
  return fc.oneof(
    // A request with no body to get wrong is valid with the real value: only bodies make those cases bad.
    ...(includeReal ? [fc.constant(real)] : []),
    fc.uuid(),
    nastyString.filter((value) => value.length > 0),
    fc.constantFrom(
      'x'.repeat(4000),
      `${real} `,
      `${real}/..`,
      `${real}%00`,
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      real.includes('-') ? real.replace(/-/g, '') : `${real}x`,
    ),
  );
}

/**
 * Percent-encodes any string: a lone surrogate (which encodeURIComponent refuses) becomes the bytes of an
 * unpaired surrogate in UTF-8 (%ED%A0%80), itself invalid input worth sending.
 */
export function encodeAny(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split(/([\ud800-\udfff])/)
      .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
      .join('');
  }
}

/** Query strings with wrong values for the declared query parameters (and some undeclared ones). */
export function queryStrings(parameters: OpenApiParameter[]): fc.Arbitrary<string> {
  const declared = parameters.filter((parameter) => parameter.in === 'query');
  const value = fc.oneof(nastyString, fc.constantFrom('-1', '0', '1e309', '99999999999999999999', 'true', '[]', '{}', 'x'.repeat(3000)));
  const names = fc.oneof(
    ...(declared.length ? [fc.constantFrom(...declared.map((parameter) => parameter.name))] : []),
    fc.constantFrom('__proto__[x]', 'constructor', 'page', 'q', 'status', 'a[b][c]'),
  );
  return fc
    .array(fc.tuple(names, value), { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.map(([name, v]) => `${encodeAny(name)}=${encodeAny(v)}`).join('&'));
}

/** CSV uploads that are not a valid call log. */
export const csvBodies: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((text) => ({ what: 'random text', text })),
  fc.array(fc.array(nastyString, { maxLength: 12 }), { maxLength: 20 }).map((rows) => ({
    what: 'random rows',
    text: rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n'),
  })),
  fc.array(fc.array(nastyString, { minLength: 11, maxLength: 11 }), { minLength: 1, maxLength: 5 }).map((rows) => ({
    what: 'the right header, wrong rows',
    text: [
      'callId,callerNumber,direction,startedAt,endedAt,queue,agent,disposition,audioRef,videoRef,requesterType',
      ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')),
    ].join('\r\n'),
  })),
  fc.constantFrom(
    { what: 'an unclosed quote', text: 'callId\n"abc' },
    { what: 'a BOM and nothing', text: '\ufeff' },
    { what: 'a formula', text: '=cmd|" /C calc"!A0' },
  ),
);

/** Raw messages for the e-mail route that are not a message a person could have written. */
export const mailBodies: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 500 }).map((text) => ({ what: 'random bytes', text })),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('Content-Type', 'Content-Transfer-Encoding', 'MIME-Version', 'Subject', 'X-Any', 'Content-Disposition'),
        nastyString,
      ),
      { maxLength: 8 },
    )
    .map((headers) => ({
      what: 'headers without a sender',
      text: `${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\nbody`,
    })),
);
