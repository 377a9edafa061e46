import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { auth } from '../support/factories.js';
import { signedHeaders } from '../support/signing.js';
import {
  changedTables,
  createHoldings,
  idFor,
  isIdParameter,
  openApiDocument,
  operationsOf,
  organisationFingerprint,
  provisionSecurityTenant,
  signInAgain,
  resolveSchema,
  sendLarge,
  suffix,
  type Holdings,
  type OpenApiDocument,
  type Operation,
  type SecurityTenant,
} from '../support/security.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  csvBodies,
  encodeAny,
  fieldPaths,
  invalidJsonBodies,
  mailBodies,
  pathValues,
  queryStrings,
  type BodyCase,
} from './fuzz-arbitraries.js';
import { ROUTES, validBody } from './route-table.js';

const CASES_PER_ROUTE = 20;
/** A fixed seed unless FUZZ_SEED is given, so that a failure can be replayed; printed either way. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);

interface Case {
  path: string;
  query?: string;
  body?: BodyCase;
}

/**
 * A fuzz pass over every operation of the OpenAPI document, generated from its schemas with fast-check: bad
 * bodies, path parameters and query strings, a bounded number per route. Every answer is a 2xx or a 4xx with a
 * JSON error body that says what is wrong; the process stays up (GET /health after each route); and the
 * organisation the requests are made as (the canary) holds exactly what it held before.
 */
describe('fuzzing every route of the OpenAPI document', () => {
  let app: TestApp;
  let document: OpenApiDocument;
  let operations: Operation[];
  let tenant: SecurityTenant;
  let held: Holdings;
  const figures = {
    seed: SEED,
    routes: 0,
    requests: 0,
    serverErrors: 0,
    nonJsonErrors: 0,
    healthChecks: 0,
    writes: 0,
    statuses: {} as Record<string, number>,
  };

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await provisionSecurityTenant(app, `sec-fuzz-${suffix()}`);
    held = await createHoldings(app, tenant);
    document = await openApiDocument(app);
    operations = operationsOf(document);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    console.log(`fuzz: ${JSON.stringify(figures)}`);
  });

  function casesFor(operation: Operation, seed: number): Case[] {
    const parameters = operation.operation.parameters ?? [];
    const pathNames = (operation.path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
    const real = (name: string) =>
      isIdParameter(name)
        ? idFor(operation.path, name, held, tenant)
        : name === 'organisation'
          ? tenant.slug
          : name === 'recordType'
            ? 'webchat'
            : 'phone';
    const hasBody = Boolean(operation.operation.requestBody) || operation.method === 'get';
    const path = fc
      .tuple(...(pathNames.length ? pathNames.map((name) => pathValues(real(name), hasBody)) : [fc.constant('')]))
      .map((values) => operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeAny(values[pathNames.indexOf(name)])));
    const query = fc.option(queryStrings(parameters), { nil: undefined, freq: 2 });
    const content = operation.operation.requestBody?.content ?? {};
    let body: fc.Arbitrary<BodyCase | undefined> = fc.constant(undefined);
    if (content['application/json'])
      body = invalidJsonBodies(document, content['application/json'].schema, validBody(operation.key, tenant, held));
    else if (content['text/csv']) body = csvBodies;
    else if (operation.key === 'POST /api/channels/email/{organisation}/inbound') body = mailBodies;
    else if (operation.key === 'POST /api/channels/social/{organisation}/webhook')
      body = invalidJsonBodies(document, undefined, { object: 'page', entry: [] });
    else if (operation.method !== 'get' && operation.method !== 'delete')
      body = fc.option(
        fc.constantFrom<BodyCase>({ what: 'a stray body', text: '{"planted":true}' }, { what: 'a stray array', text: '[1,2,3]' }),
        { nil: undefined },
      );
    // Channel pushes: the body is invalid, the signature good, so that the body is what is tested.
    return fc.sample(fc.record({ path, query, body }), { numRuns: CASES_PER_ROUTE, seed });
  }

  interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: { message?: unknown } & Record<string, unknown>;
  }

  /** `ownToken`: a sign-in of the case's own, for a route that ends or replaces the token it is called with. */
  async function send(operation: Operation, item: Case, ownToken?: string): Promise<Answer> {
    const rule = ROUTES[operation.key];
    const url = item.query ? `${item.path}?${item.query}` : item.path;
    const token = rule.roles === 'public' ? undefined : (ownToken ?? tenant.tokens[rule.roles[0]]);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const text = item.body?.text;
    if (text !== undefined) {
      if (operation.key === 'POST /api/calls/import') headers['content-type'] = 'text/csv';
      else if (operation.key === 'POST /api/channels/email/{organisation}/inbound')
        Object.assign(headers, signedHeaders(text), { 'content-type': 'message/rfc822' });
      else if (operation.key === 'POST /api/channels/social/{organisation}/webhook') {
        // Signed for the demo organisation that has the social credential; the fuzzed organisation gets 401.
        Object.assign(headers, {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', 'signpost-demo-app-secret').update(text).digest('hex')}`,
        });
      } else if (operation.path.startsWith('/api/channels/')) Object.assign(headers, signedHeaders(text));
      else headers['content-type'] = 'application/json';
    }
    if (text !== undefined && text.length > 1024 * 1024) {
      // Over the body limit: the server may answer before the body is sent, which supertest reports as EPIPE.
      const answer = await sendLarge(operation.method.toUpperCase(), `${app.url}${url}`, headers, text);
      let body: Answer['body'];
      try {
        body = JSON.parse(answer.text);
      } catch {
        body = {};
      }
      return { status: answer.status, headers: answer.headers, body };
    }
    let call = request(app.url)[operation.method](url).timeout(15_000).set(headers);
    if (text !== undefined) call = call.send(text);
    const response = await call;
    return { status: response.status, headers: response.headers, body: response.body ?? {} };
  }

  it('answers every generated bad input with a 4xx and a JSON reason (or a harmless 2xx), stays up, and writes nothing', async () => {
    const problems: string[] = [];
    for (const [index, operation] of operations.entries()) {
      const rule = ROUTES[operation.key];
      if (!rule) {
        problems.push(`${operation.key} has no entry in the route table`);
        continue;
      }
      figures.routes += 1;
      const cases = casesFor(operation, SEED + index);
      // Signed in before the fingerprint is taken: signing in records the time on the account.
      const ownTokens: (string | undefined)[] = [];
      if (rule.endsToken && rule.roles !== 'public') for (const _ of cases) ownTokens.push(await signInAgain(app, tenant, rule.roles[0]));
      const before = await organisationFingerprint(tenant.id);
      if (index === 0) expect(Number(before.enquiries.split(':')[0])).toBeGreaterThanOrEqual(2); // the canary holds data to lose
      for (const [caseIndex, item] of cases.entries()) {
        figures.requests += 1;
        let response: Answer;
        try {
          response = await send(operation, item, ownTokens[caseIndex]);
        } catch (error) {
          problems.push(`${operation.key} ${item.path}: no answer (${(error as Error).message}) to ${item.body?.what ?? item.query}`);
          continue;
        }
        figures.statuses[response.status] = (figures.statuses[response.status] ?? 0) + 1;
        const what = `${operation.key} ${item.path.slice(0, 80)}${item.query ? `?${item.query.slice(0, 60)}` : ''} ${item.body?.what ?? ''}`;
        if (response.status >= 500) {
          figures.serverErrors += 1;
          problems.push(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`);
        } else if (response.status >= 400) {
          const json = /^application\/json/.test(String(response.headers['content-type']));
          if (!json || typeof response.body.message !== 'string' || response.body.message.length === 0) {
            figures.nonJsonErrors += 1;
            problems.push(`${what}: ${response.status} without a JSON message (${response.headers['content-type']})`);
          }
        }
      }
      figures.healthChecks += 1;
      const health = await request(app.url).get('/health');
      if (health.status !== 200) problems.push(`after ${operation.key}: /health ${health.status}`);
      const changed = changedTables(before, await organisationFingerprint(tenant.id));
      if (changed.length > 0) {
        figures.writes += 1;
        problems.push(`${operation.key} wrote to ${changed.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(figures.routes).toBe(operations.length);
  }, 240_000);

  it('answers null for every field of every JSON body with a 4xx or a success, never a 5xx, and a list for an object with a 4xx', async () => {
    // Exhaustive rather than sampled: `@IsOptional()` lets null through and `@ValidateNested()` lets a list
    // through, and both reached services that expected a value. An organisation of its own, since some of
    // these bodies are valid (a null that means "no change") and act.
    const other = await provisionSecurityTenant(app, `sec-nulls-${suffix()}`);
    const otherHeld = await createHoldings(app, other);
    const problems: string[] = [];
    let probes = 0;
    for (const operation of operations) {
      const content = operation.operation.requestBody?.content['application/json'];
      const rule = ROUTES[operation.key];
      if (!content || !rule || operation.path.startsWith('/api/channels/')) continue;
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        isIdParameter(name) ? idFor(operation.path, name, otherHeld, other) : name === 'recordType' ? 'webchat' : 'phone',
      );
      const base = (validBody(operation.key, other, otherHeld) ?? {}) as Record<string, unknown>;
      for (const { path: slot, object } of fieldPaths(document, content.schema)) {
        for (const value of [null, [], [{}]]) {
          const body = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
          let node = body;
          for (const key of slot.slice(0, -1))
            node = (node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {}) as Record<string, unknown>;
          node[slot[slot.length - 1]] = value;
          let call = request(app.url)[operation.method](path).timeout(15_000);
          if (rule.roles !== 'public') call = call.set(auth(other.tokens[rule.roles[0]]));
          const response = await call.send(body);
          probes += 1;
          if (response.status >= 500) problems.push(`${operation.key} ${slot.join('.')} = ${JSON.stringify(value)}: ${response.status}`);
          // A list where the document says object is never taken for one (it was, and reached the services).
          if (object && Array.isArray(value) && response.status < 400)
            problems.push(`${operation.key} ${slot.join('.')} = ${JSON.stringify(value)} accepted: ${response.status}`);
        }
      }
    }
    figures.requests += probes;
    expect(probes).toBeGreaterThan(200);
    expect(problems).toEqual([]);
    await request(app.url).get('/health').expect(200);
  }, 120_000);

  it('generates bodies from the schemas it finds in the document', () => {
    // The generator reads properties through $ref and allOf: a schema it could not read would fuzz nothing.
    const create = resolveSchema(
      document,
      operations.find((operation) => operation.key === 'POST /api/enquiries')?.operation.requestBody?.content['application/json'].schema,
    );
    expect(Object.keys(create?.properties ?? {})).toEqual(expect.arrayContaining(['channel', 'subject', 'description']));
    const samples = fc.sample(
      invalidJsonBodies(document, { $ref: '#/components/schemas/CreateEnquiryDto' }, validBody('POST /api/enquiries', tenant, held)),
      { numRuns: 200, seed: SEED },
    );
    const kinds = new Set(samples.map((sample) => sample.what.split(/[ =]/)[0]));
    expect(kinds.size).toBeGreaterThan(10);
    expect(samples.some((sample) => sample.what.startsWith('subject.'))).toBe(true);
  });
});
