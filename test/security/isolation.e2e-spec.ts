import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth } from '../support/factories.js';
import {
  changedTables,
  createHoldings,
  fillPath,
  idFor,
  isIdParameter,
  openApiDocument,
  operationsOf,
  organisationFingerprint,
  provisionSecurityTenant,
  signInAgain,
  send,
  STAFF_ROLES,
  suffix,
  withoutCorrelation,
  type Holdings,
  type Operation,
  type SecurityTenant,
  type StaffRole,
} from '../support/security.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ROUTES, validBody } from './route-table.js';
import { CHAT_CONSENT, collect, connected, emit, next, socketClients, type SocketClients } from '../support/socket-clients.js';

/**
 * Tenant and role isolation for every operation of the OpenAPI document (read at run time) and every socket
 * event: another organisation's ids answer exactly as unknown ones and change nothing; each operation refuses
 * the roles the route table does not name (403) and anonymous callers (401); a service user sees only its
 * own service's referrals; chats stay within their organisation and their citizen.
 */
describe('tenant and role isolation', () => {
  let app: TestApp;
  let operations: Operation[];
  let owner: SecurityTenant; // the organisation whose data the attacks aim at
  let attacker: SecurityTenant; // another organisation's staff
  let held: Holdings;
  let attackerHeld: Holdings;
  const sockets = () => socketClients(() => app.url);
  let clients: SocketClients;
  const figures = {
    operations: 0,
    idOperations: 0,
    requests: 0,
    socketEvents: 0,
    roleProbes: 0,
    crossTenantProbes: 0,
    crossTenantReads: 0,
  };

  const unknownId = (parameter: string) => (parameter === 'code' ? `local-unknown-${suffix()}` : randomUUID());

  /** Values for every path parameter that is not an id (channels, record types, organisations). */
  function otherParameters(tenant: SecurityTenant, harmless = false): Record<string, string> {
    // Role probes use values that cannot change anything even when the role is allowed.
    return harmless
      ? { channel: 'not-a-channel', recordType: 'not-a-record-type', organisation: tenant.slug }
      : { channel: 'phone', recordType: 'webchat', organisation: tenant.slug };
  }

  const tokenFor = (tenant: SecurityTenant, role: StaffRole) => tenant.tokens[role];

  const bodyFor = validBody;

  async function call(operation: Operation, path: string, token: string | undefined, body: unknown): Promise<request.Response> {
    figures.requests += 1;
    const rule = ROUTES[operation.key];
    const url = rule?.query ? `${path}?${rule.query}` : path;
    if (rule?.contentType === 'text/csv') return send(app, operation.method, url, { token, raw: 'callId\n', contentType: 'text/csv' });
    return send(app, operation.method, url, { token, body });
  }

  /** What the owning organisation sees of everything the attacks aim at. */
  async function ownerView(): Promise<unknown> {
    const read = async (token: string, path: string) => {
      const response = await request(app.url).get(path).set(auth(token));
      return { path, status: response.status, body: response.body };
    };
    const { advisor, supervisor, dpo, admin, service } = owner.tokens;
    return Promise.all([
      read(advisor, `/api/enquiries/${held.enquiry}`),
      read(advisor, `/api/enquiries/${held.escalatedEnquiry}`),
      read(supervisor, `/api/escalations/${held.escalation}`),
      read(service, `/api/escalations/${held.escalation}`),
      read(dpo, `/api/subject-requests/${held.subjectRequest}`),
      read(dpo, '/api/legal-holds?state=all'),
      read(dpo, `/api/retention/sweeps/${held.sweep}`),
      read(admin, '/api/users'),
      read(admin, `/api/services/${owner.localService}`),
      read(admin, '/api/organisation'),
      read(supervisor, `/api/knowledge/${held.article}`),
      read(advisor, '/api/signposting'),
      read(supervisor, `/api/saved-replies/${held.savedReply}`),
    ]);
  }

  beforeAll(async () => {
    app = await startTestApp();
    clients = sockets();
    const run = suffix();
    [owner, attacker] = await Promise.all([provisionSecurityTenant(app, `sec-own-${run}`), provisionSecurityTenant(app, `sec-att-${run}`)]);
    [held, attackerHeld] = await Promise.all([createHoldings(app, owner), createHoldings(app, attacker)]);
    operations = operationsOf(await openApiDocument(app));
  }, 120_000);
  afterEach(() => clients?.closeAll());
  afterAll(async () => {
    clients?.closeAll();
    await app?.stop();
    console.log(`isolation: ${JSON.stringify(figures)}`);
  });

  it('keeps an access rule for every operation of the OpenAPI document, and none for an operation it lacks', () => {
    const documented = operations.map((operation) => operation.key).sort();
    expect(documented.filter((key) => !ROUTES[key])).toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !documented.includes(key))).toEqual([]);
    // The document marks exactly the non-public operations as needing a bearer token.
    for (const operation of operations) {
      const rule = ROUTES[operation.key];
      expect({ key: operation.key, bearer: Boolean(operation.operation.security?.length) }).toEqual({
        key: operation.key,
        bearer: rule.roles !== 'public',
      });
    }
    figures.operations = operations.length;
  });

  it('answers every operation with 401 without a token, 403 to each role its rule does not name, and lets the roles it names past both', async () => {
    const problems: string[] = [];
    for (const operation of operations) {
      const rule = ROUTES[operation.key];
      if (!rule) {
        problems.push(`${operation.key} has no entry in the route table`);
        continue;
      }
      const path = fillPath(operation.path, {
        ...otherParameters(attacker, true),
        ...Object.fromEntries(
          (operation.path.match(/\{(\w+)\}/g) ?? [])
            .map((p) => p.slice(1, -1))
            .filter(isIdParameter)
            .map((p) => [p, unknownId(p)]),
        ),
      });
      if (rule.roles === 'public') continue;
      const anonymous = await call(operation, path, undefined, bodyFor(operation.key, attacker, attackerHeld));
      if (anonymous.status !== 401) problems.push(`${operation.key} without a token: ${anonymous.status}`);
      const forged = await call(
        operation,
        path,
        `${attacker.tokens.admin.slice(0, -4)}AAAA`,
        bodyFor(operation.key, attacker, attackerHeld),
      );
      if (forged.status !== 401) problems.push(`${operation.key} with a forged token: ${forged.status}`);
      for (const role of STAFF_ROLES) {
        figures.roleProbes += 1;
        const allowed = rule.roles.includes(role);
        // Allowed roles get an unknown id or an invalid body: past the guards, but never a change.
        const body = allowed && operation.operation.requestBody ? { planted: true } : bodyFor(operation.key, attacker, attackerHeld);
        const token = rule.endsToken ? await signInAgain(app, attacker, role) : tokenFor(attacker, role);
        const response = await call(operation, path, token, body);
        if (!allowed && (response.status !== 403 || response.body.code !== 'FORBIDDEN'))
          problems.push(`${operation.key} as ${role}: ${response.status}, expected 403`);
        if (allowed && [401, 403].includes(response.status))
          problems.push(`${operation.key} as ${role}: ${response.status}, but the role is allowed`);
        if (response.status >= 500) problems.push(`${operation.key} as ${role}: ${response.status}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('answers another organisation’s ids on every route that names one exactly as unknown ids, and changes nothing', async () => {
    const before = await organisationFingerprint(owner.id);
    // The fingerprint sees the owner's rows (row-level security binds the database owner too).
    expect(Number(before.enquiries.split(':')[0])).toBeGreaterThanOrEqual(2);
    expect(Number(before.escalations.split(':')[0])).toBeGreaterThanOrEqual(1);
    const viewBefore = await ownerView();
    const problems: string[] = [];
    const idOperations = operations.filter((operation) =>
      (operation.path.match(/\{(\w+)\}/g) ?? []).some((p) => isIdParameter(p.slice(1, -1))),
    );
    figures.idOperations = idOperations.length;
    for (const operation of idOperations) {
      const rule = ROUTES[operation.key];
      if (!rule) {
        problems.push(`${operation.key} has no entry in the route table`);
        continue;
      }
      if (rule.roles === 'public') continue;
      const parameters = (operation.path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1)).filter(isIdParameter);
      const fixed = otherParameters(attacker);
      const variants: { what: string; real: Record<string, string>; unknown: Record<string, string> }[] = [
        {
          what: 'all ids the owner’s',
          real: Object.fromEntries(parameters.map((p) => [p, idFor(operation.path, p, held, owner)])),
          unknown: Object.fromEntries(parameters.map((p) => [p, unknownId(p)])),
        },
      ];
      if (parameters.length > 1) {
        // The caller's own parent resource with the owner's child id (a consent, an attachment).
        const [parent, ...children] = parameters;
        const own = idFor(operation.path, parent, attackerHeld, attacker);
        variants.push({
          what: 'the caller’s own parent, the owner’s child id',
          real: { [parent]: own, ...Object.fromEntries(children.map((p) => [p, idFor(operation.path, p, held, owner)])) },
          unknown: { [parent]: own, ...Object.fromEntries(children.map((p) => [p, unknownId(p)])) },
        });
      }
      for (const role of rule.roles) {
        for (const variant of variants) {
          const body = bodyFor(operation.key, attacker, attackerHeld);
          const real = await call(operation, fillPath(operation.path, { ...fixed, ...variant.real }), tokenFor(attacker, role), body);
          const unknown = await call(operation, fillPath(operation.path, { ...fixed, ...variant.unknown }), tokenFor(attacker, role), body);
          figures.crossTenantProbes += 1;
          // The answer may name the id it was asked about (an upsert echoes its key), and nothing else may differ.
          let seenText = JSON.stringify({ status: real.status, body: withoutCorrelation(real.body) });
          for (const parameter of Object.keys(variant.real))
            seenText = seenText.split(variant.real[parameter]).join(variant.unknown[parameter]);
          const expectedText = JSON.stringify({ status: unknown.status, body: withoutCorrelation(unknown.body) });
          if (seenText !== expectedText) {
            figures.crossTenantReads += 1;
            problems.push(
              `${operation.key} as ${role} (${variant.what}): ${seenText.slice(0, 300)} but unknown ids get ${expectedText.slice(0, 300)}`,
            );
          } else if (variant === variants[0] && real.status !== 404 && !rule.upsert) {
            problems.push(
              `${operation.key} as ${role} (${variant.what}): ${real.status} ${JSON.stringify(real.body).slice(0, 200)}, expected 404`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await organisationFingerprint(owner.id))).toEqual([]);
    expect(await ownerView()).toEqual(viewBefore);
  }, 120_000);

  it('answers another organisation’s ids inside bodies exactly as unknown ones', async () => {
    // The caller's own chat in progress, so that moving it to the owner's advisor gets as far as the advisor.
    const console_ = await clients.connect('/console', { auth: { token: attacker.tokens.supervisor } });
    expect(await emit(console_, 'chat:accept', { chatId: attackerHeld.chat })).toMatchObject({ chatId: attackerHeld.chat });
    const before = await organisationFingerprint(owner.id);
    const { supervisor, dpo, advisor } = attacker.tokens;
    const probes: { what: string; method: 'post'; path: string; token: string; body: (id: string) => unknown; ownerId: string }[] = [
      {
        what: 'assign to the owner’s advisor',
        method: 'post',
        path: `/api/enquiries/${attackerHeld.enquiry}/assign`,
        token: supervisor,
        body: (id) => ({ assigneeId: id }),
        ownerId: owner.userIds.advisor,
      },
      {
        what: 'hold the owner’s enquiry',
        method: 'post',
        path: '/api/legal-holds',
        token: dpo,
        body: (id) => ({ enquiryId: id, reason: 'Probe' }),
        ownerId: held.enquiry,
      },
      {
        what: 'hold the owner’s data subject',
        method: 'post',
        path: '/api/legal-holds',
        token: dpo,
        body: (id) => ({ dataSubjectId: id, reason: 'Probe' }),
        ownerId: held.dataSubject,
      },
      {
        what: 'confirm the owner’s data subject',
        method: 'post',
        path: `/api/subject-requests/${attackerHeld.subjectRequest}/subjects`,
        token: dpo,
        body: (id) => ({ dataSubjectIds: [id] }),
        ownerId: held.dataSubject,
      },
      {
        what: 'link an enquiry to the owner’s data subject',
        method: 'post',
        path: '/api/enquiries',
        token: advisor,
        body: (id) => ({
          channel: 'phone',
          requesterType: 'citizen',
          subject: { name: 'Linked Probe' },
          description: 'probe',
          dataSubjectId: id,
        }),
        ownerId: held.dataSubject,
      },
      {
        what: 'reassign a chat to the owner’s advisor',
        method: 'post',
        path: `/api/webchat-supervision/chats/${attackerHeld.chat}/reassign`,
        token: supervisor,
        body: (id) => ({ toAdvisorId: id }),
        ownerId: owner.userIds.advisor,
      },
      {
        what: 'keep the owner’s enquiry from an erasure',
        method: 'post',
        path: `/api/subject-requests/${attackerHeld.subjectRequest}/erase`,
        token: dpo,
        body: (id) => ({ exceptions: [{ enquiryId: id, ground: 'legal_claims', note: 'Probe of the suite' }] }),
        ownerId: held.enquiry,
      },
    ];
    const problems: string[] = [];
    for (const probe of probes) {
      figures.requests += 2;
      const real = await send(app, probe.method, probe.path, { token: probe.token, body: probe.body(probe.ownerId) });
      const unknown = await send(app, probe.method, probe.path, { token: probe.token, body: probe.body(randomUUID()) });
      figures.crossTenantProbes += 1;
      const seen = { status: real.status, body: withoutCorrelation(real.body) };
      const expected = { status: unknown.status, body: withoutCorrelation(unknown.body) };
      if (real.status < 400 || JSON.stringify(seen) !== JSON.stringify(expected)) {
        figures.crossTenantReads += 1;
        problems.push(`${probe.what}: ${JSON.stringify(seen).slice(0, 300)} vs unknown ${JSON.stringify(expected).slice(0, 300)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await organisationFingerprint(owner.id))).toEqual([]);
  });

  it('lets a service user see and act on its own service’s referrals only', async () => {
    const { service, otherService } = owner.tokens;
    const listed = await request(app.url).get('/api/escalations').set(auth(service)).expect(200);
    expect(listed.body.map((e: { id: string }) => e.id)).toContain(held.escalation);
    const notListed = await request(app.url).get('/api/escalations').set(auth(otherService)).expect(200);
    expect(notListed.body.map((e: { id: string }) => e.id)).not.toContain(held.escalation);
    const foreign = await request(app.url).get('/api/escalations').set(auth(attacker.tokens.service)).expect(200);
    expect(foreign.body.map((e: { id: string }) => e.id)).not.toContain(held.escalation);

    const before = await organisationFingerprint(owner.id);
    const viewBefore = await ownerView();
    const steps: ['get' | 'post', string, unknown][] = [
      ['get', '', undefined],
      ['post', '/acknowledge', undefined],
      ['post', '/updates', { text: 'Taken over by another service' }],
      ['post', '/close', { outcome: 'Closed by another service' }],
    ];
    for (const [method, step, body] of steps) {
      for (const token of [otherService, attacker.tokens.service]) {
        figures.requests += 2;
        const real = await send(app, method, `/api/escalations/${held.escalation}${step}`, { token, body });
        const unknown = await send(app, method, `/api/escalations/${randomUUID()}${step}`, { token, body });
        figures.crossTenantProbes += 1;
        expect({ step, status: real.status, body: withoutCorrelation(real.body) }).toEqual({
          step,
          status: unknown.status,
          body: withoutCorrelation(unknown.body),
        });
        expect(real.status).toBe(404);
      }
    }
    expect(changedTables(before, await organisationFingerprint(owner.id))).toEqual([]);
    expect(await ownerView()).toEqual(viewBefore);
    // The service it was sent to can act on it.
    await request(app.url).post(`/api/escalations/${held.escalation}/acknowledge`).set(auth(service)).expect(200);
  });

  it('keeps chats within their organisation: another organisation’s advisor cannot see, accept, read, write to, move or end them', async () => {
    const citizen = await clients.connect('/webchat', { auth: { resumeToken: held.resumeToken } });
    const citizenHears = {
      messages: collect(citizen, 'chat:message'),
      typing: collect(citizen, 'chat:typing'),
      assigned: collect(citizen, 'chat:assigned'),
    };

    const foreign = clients.open('/console', { auth: { token: attacker.tokens.advisor } });
    const foreignSupervisor = clients.open('/console', { auth: { token: attacker.tokens.supervisor } });
    const firstQueue = next<{ waiting: { chatId: string }[] }>(foreign, 'queue:updated');
    await Promise.all([connected(foreign), connected(foreignSupervisor)]);
    expect((await firstQueue).waiting.map((w) => w.chatId)).not.toContain(held.chat);
    const foreignHears = {
      messages: collect(foreign, 'chat:message'),
      queue: collect<{ waiting: { chatId: string }[] }>(foreign, 'queue:updated'),
    };

    const attempts = async (socket: typeof foreign, stage: string) => {
      for (const [event, payload] of [
        ['chat:accept', (chatId: string) => ({ chatId })],
        ['chat:message', (chatId: string) => ({ chatId, text: 'Hijacked' })],
        ['chat:transfer', (chatId: string) => ({ chatId })],
        ['chat:transfer', (chatId: string) => ({ chatId, toAdvisorId: attacker.userIds.advisor })],
        ['chat:end', (chatId: string) => ({ chatId })],
      ] as const) {
        figures.socketEvents += 2;
        const real = await emit(socket, event, payload(held.chat));
        const unknown = await emit(socket, event, payload(randomUUID()));
        figures.crossTenantProbes += 1;
        expect({ stage, event, ack: real }).toEqual({ stage, event, ack: unknown });
        expect(real.code).toBe('CHAT_NOT_FOUND');
      }
      socket.emit('chat:typing', { chatId: held.chat });
    };

    const before = await organisationFingerprint(owner.id);
    await attempts(foreign, 'queued');
    await attempts(foreignSupervisor, 'queued');
    await pause(300);
    expect(changedTables(before, await organisationFingerprint(owner.id))).toEqual([]);

    // The owner's advisor takes the chat; the other organisation's staff still get nowhere, and hear nothing.
    const ownAdvisor = await clients.connect('/console', { auth: { token: owner.tokens.advisor } });
    expect(await emit(ownAdvisor, 'chat:accept', { chatId: held.chat })).toMatchObject({ chatId: held.chat });
    expect(await emit(citizen, 'chat:message', { text: 'Only my council may read this' })).toMatchObject({ id: expect.any(String) });
    const activeBefore = await organisationFingerprint(owner.id);
    await attempts(foreign, 'active');
    await attempts(foreignSupervisor, 'active');
    await pause(300);
    expect(changedTables(activeBefore, await organisationFingerprint(owner.id))).toEqual([]);
    expect(citizenHears.messages.map((m) => (m as { text: string }).text)).not.toContain('Hijacked');
    expect(citizenHears.typing).toEqual([]);
    expect(foreignHears.messages).toEqual([]);
    expect(foreignHears.queue.flatMap((update) => update.waiting.map((w) => w.chatId))).not.toContain(held.chat);

    // Supervision over HTTP: the chat is not the other organisation's to see or move.
    const supervision = await request(app.url).get('/api/webchat-supervision').set(auth(attacker.tokens.supervisor)).expect(200);
    expect(JSON.stringify(supervision.body)).not.toContain(held.chat);
  });

  it('keeps a citizen to their own chat: no other chat’s messages, no chat id of their choosing, no forged or borrowed resume token', async () => {
    const owned = await clients.connect('/webchat', { auth: { resumeToken: held.resumeToken } });
    const ownedHears = collect<{ text: string }>(owned, 'chat:message');

    // Another citizen of the same organisation, and one of another.
    const neighbours = [clients.open('/webchat'), clients.open('/webchat')];
    await Promise.all(neighbours.map(connected));
    const started = [
      await emit(neighbours[0], 'chat:start', { organisation: owner.slug, consent: CHAT_CONSENT }),
      await emit(neighbours[1], 'chat:start', { organisation: attacker.slug, consent: CHAT_CONSENT }),
    ];
    for (const [index, neighbour] of neighbours.entries()) {
      expect(await emit(neighbour, 'chat:message', { text: 'Into another chat', chatId: held.chat })).toMatchObject({
        code: 'VALIDATION_FAILED',
        error: expect.stringContaining('chatId'),
      });
      expect(await emit(neighbour, 'chat:message', { text: `Neighbour ${index} writes` })).toMatchObject({ seq: 1 });
    }
    await pause(300);
    expect(ownedHears.map((m) => m.text).filter((text) => text.startsWith('Neighbour') || text === 'Into another chat')).toEqual([]);

    // A resume token is the only key to a chat: a near miss, a chat id, another's started chat's id or an
    // access token gets nothing; the console does not take a citizen's token.
    const nearMiss = held.resumeToken.slice(0, -1) + (held.resumeToken.endsWith('A') ? 'B' : 'A');
    for (const resumeToken of [
      nearMiss,
      held.chat,
      started[0].chatId,
      owner.tokens.advisor,
      `${held.resumeToken} `,
      [held.resumeToken],
      { $ne: null },
    ]) {
      const socket = clients.open('/webchat', { auth: { resumeToken, lastSeq: 0 } });
      await expect(connected(socket)).rejects.toThrow(/invalid resume token/);
    }
    const console_ = clients.open('/console', { auth: { token: held.resumeToken } });
    await expect(connected(console_)).rejects.toThrow(/unauthorised/);
    for (const role of ['service', 'dpo', 'admin'] as const) {
      const staff = clients.open('/console', { auth: { token: owner.tokens[role] } });
      await expect(connected(staff)).rejects.toThrow(/forbidden/);
    }

    // A resumed citizen gets their own chat's messages after lastSeq, whatever lastSeq they claim (a claim
    // beyond a 32-bit sequence number once took the whole process down).
    for (const lastSeq of [-5, 'x', 2 ** 31, 1e12, Number.MAX_SAFE_INTEGER, 0.5, 0]) {
      const resumed = clients.open('/webchat', { auth: { resumeToken: started[0].resumeToken, lastSeq } });
      const replayed = collect<{ text: string }>(resumed, 'chat:message');
      await connected(resumed);
      await pause(200);
      expect(replayed.map((m) => m.text)).toEqual(
        typeof lastSeq === 'number' && Number.isInteger(lastSeq) && lastSeq > 0 ? [] : ['Neighbour 0 writes'],
      );
      resumed.disconnect();
    }
    await request(app.url).get('/health').expect(200);
  });
});
