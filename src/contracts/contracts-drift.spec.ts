import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type {
  AdvisorMessageDto,
  ChatRefDto,
  ChatSpecialConsentDto,
  CitizenMessageDto,
  LeaveMessageDto,
  PresenceDto,
  RenewTokenDto,
  StartChatDto,
  TransferChatDto,
} from '../channels/webchat/dto/chat.dto.js';
import type { ChatSpecialConsent, ChatStart, ConsoleToServerEvents, MessageLeft } from './chat-events.js';

/**
 * The pages (web/src) and the API share one vocabulary, kept in src/contracts. Two ways it drifts, both caught here:
 * the pages write their own copy of a list (which then misses a value the API gains), or a DTO documents an enum
 * by hand instead of from the contract (so the OpenAPI document and the pages disagree).
 */

const root = path.resolve(import.meta.dirname, '../..');
const CONTRACTS = path.join(root, 'src/contracts');
const WEB = path.join(root, 'web/src');

const filesUnder = (dir: string, pattern: RegExp): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file))
    .map((file) => path.join(dir, file));

/** Every list of words a contract module exports (`as const` arrays, and the values of label maps), by name. */
async function contractLists(): Promise<Map<string, readonly string[]>> {
  const lists = new Map<string, readonly string[]>();
  for (const file of filesUnder(CONTRACTS, /^[^/]*(?<!\.spec)\.ts$/)) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      const words = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
      if (words.length >= 2 && words.every((word) => typeof word === 'string'))
        lists.set(`${path.basename(file)}: ${name}`, words as string[]);
    }
  }
  return lists;
}

/** The code without its comments, where a list may be mentioned in passing. */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');

/** How many of a list's words make a copy of it: all of a short list, half of a longer one (at least three). */
const enoughOf = (list: readonly string[]) => (list.length <= 3 ? list.length : Math.max(3, Math.ceil(list.length / 2)));

/**
 * What may stand between the items of a written-out list: commas, brackets, `|` of a union type, and an object's
 * keys (a label map). Anything else (`===`, `case`, `?`) is code that merely uses the words.
 */
const LIST_PUNCTUATION = /^(?:[\s,|[\](){}]|[A-Za-z_$][\w$]*\??\s*:)*$/;

/**
 * The lists in the code that hold enough of the list's words to be a copy of it: an array, a union type, an options
 * table or a label map, written out. A map keyed by the contract's type (`Record<DangerKind, string>`, keys
 * unquoted) is not a copy: the compiler holds it to the list.
 */
export function copiesOf(list: readonly string[], code: string): string[] {
  const text = withoutComments(code);
  const found: string[] = [];
  let run = new Set<string>();
  let end = 0;
  const close = () => {
    if (run.size >= enoughOf(list)) found.push([...run].join(', '));
    run = new Set();
  };
  for (const match of text.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)) {
    if (!LIST_PUNCTUATION.test(text.slice(end, match.index))) close();
    const word = match[1] ?? match[2];
    if (list.includes(word)) run.add(word);
    end = match.index + match[0].length;
  }
  close();
  return found;
}

/** Every schema property of the OpenAPI document that lists an enum, as `Schema.property`. */
function enumsOf(
  schemas: Record<string, { properties?: Record<string, { enum?: unknown[]; items?: { enum?: unknown[] } }> }>,
): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const [schema, { properties = {} }] of Object.entries(schemas)) {
    for (const [property, definition] of Object.entries(properties)) {
      const values = definition.enum ?? definition.items?.enum;
      if (values) enums.set(`${schema}.${property}`, values.map(String));
    }
  }
  return enums;
}

/** The OpenAPI schemas of every DTO class in src/**\/dto, built as the service builds its document. */
async function openApiSchemas() {
  type DtoClass = abstract new (...args: never[]) => unknown;
  const models: DtoClass[] = [];
  for (const file of filesUnder(path.join(root, 'src'), /\/dto\/[^/]+\.dto\.ts$/)) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    models.push(
      ...Object.values(exports).filter((value): value is DtoClass => typeof value === 'function' && /^class\b/.test(value.toString())),
    );
  }
  @Module({})
  class NoRoutes {}
  const app = await NestFactory.create(NoRoutes, new FastifyAdapter(), { logger: false });
  try {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), { extraModels: models });
    return { models: models.length, schemas: (document.components?.schemas ?? {}) as Parameters<typeof enumsOf>[0] };
  } finally {
    await app.close();
  }
}

describe('the contracts the pages share with the API', () => {
  it('finds the shared lists it guards', async () => {
    const lists = await contractLists();
    for (const name of [
      'shared-fields.ts: SHARED_FIELDS',
      'shared-fields.ts: SHARED_FIELD_LABELS',
      'subject-requests.ts: SUBJECT_REQUEST_TYPES',
      'safeguarding.ts: DANGER_KINDS',
      'enquiry-vocabulary.ts: CHANNELS',
    ]) {
      expect(lists.has(name)).toBe(true);
    }
  });

  it('sees a copied list for what it is, and a keyed map or a single value for what they are', () => {
    const kinds = ['fire', 'flood', 'medical', 'crime_in_progress'];
    expect(copiesOf(kinds, `type Kind = 'fire' | 'flood' | 'medical';`)).toHaveLength(1);
    expect(copiesOf(kinds, `const LABELS: Record<Kind, string> = { fire: 'Fire', flood: 'Flood', medical: 'Medical' };`)).toEqual([]);
    expect(copiesOf(kinds, `if (kind === 'fire') call();\n// 'flood' | 'medical' are the others\n`)).toEqual([]);
    expect(copiesOf(kinds, `if (kind === 'fire' || kind === 'flood' || kind === 'medical') call();`)).toEqual([]);
    expect(
      copiesOf(['Fire', 'Flood', 'Medical emergency'], `const NAMES = { fire: 'Fire', flood: 'Flood', medical: 'Medical emergency' };`),
    ).toHaveLength(1);
  });

  it('the pages define no copy of a shared list: they import it from src/contracts', async () => {
    const lists = await contractLists();
    const copies: string[] = [];
    for (const file of filesUnder(WEB, /\.tsx?$/)) {
      const code = readFileSync(file, 'utf8');
      for (const [name, list] of lists) {
        for (const copy of copiesOf(list, code)) copies.push(`${path.relative(root, file)} copies ${name} (${copy})`);
      }
    }
    expect(copies).toEqual([]);
  });

  it('every enum of the OpenAPI document that draws on a shared list is that list', async () => {
    const lists = [...(await contractLists()).entries()];
    const { models, schemas } = await openApiSchemas();
    expect(models).toBeGreaterThan(50);
    const drifted: string[] = [];
    for (const [property, values] of enumsOf(schemas)) {
      // A list of its own may share a word or two with a contract (erasure grounds name two lawful bases); an enum
      // mostly made of a contract's words is that list, written out by hand.
      const related = lists.filter(([, list]) => {
        const shared = values.filter((value) => list.includes(value)).length;
        return shared >= 2 && shared * 2 > values.length;
      });
      const same = related.some(([, list]) => list.length === values.length && list.every((word, index) => values[index] === word));
      if (related.length > 0 && !same)
        drifted.push(`${property} [${values.join(', ')}] differs from ${related.map(([name]) => name).join(' / ')}`);
    }
    expect(drifted).toEqual([]);
  });

  it('the socket payloads the pages send are the ones the service validates', () => {
    // Checked by the compiler (npm run typecheck): each side must accept what the other names.
    // Each assignable to the other, and the same fields named (an optional field on one side alone is drift too).
    type Same<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
    type Payload<E extends keyof ConsoleToServerEvents> = Parameters<ConsoleToServerEvents[E]>[0];
    const same: true[] = [
      true satisfies Same<StartChatDto, ChatStart>,
      true satisfies Same<LeaveMessageDto, MessageLeft>,
      true satisfies Same<ChatSpecialConsentDto, ChatSpecialConsent>,
      true satisfies Same<CitizenMessageDto, { text: string }>,
      true satisfies Same<ChatRefDto, Payload<'chat:accept'>>,
      true satisfies Same<AdvisorMessageDto, Payload<'chat:message'>>,
      true satisfies Same<TransferChatDto, Payload<'chat:transfer'>>,
      true satisfies Same<PresenceDto, Payload<'presence:set'>>,
      true satisfies Same<RenewTokenDto, Payload<'auth:renew'>>,
    ];
    expect(same).toHaveLength(9);
  });
});
