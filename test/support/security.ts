import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import request from 'supertest';
import { auth, escalate, newEnquiry, signIn, VERBAL_CONSENT } from './factories.js';
import { asOwner, provisionOrganisation, sealedChannelSecret } from './provision.js';
import { signedHeaders } from './signing.js';
import { CHAT_CONSENT, emit, socketClients } from './socket-clients.js';
import { login, testDatabase, withClient, type TestApp } from './test-app.js';

/**
 * Fixtures and probes shared by the attack suite (test/security): organisations of the suite's own with every
 * role, a fingerprint of everything an organisation holds (to prove that a refused request wrote nothing), and
 * the operations of the OpenAPI document.
 */

export const STAFF_ROLES = ['advisor', 'supervisor', 'service', 'dpo', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface SecurityTenant {
  id: string;
  slug: string;
  /** Access tokens by role; `service` is the Blue Badge user, `otherService` the Highways one. */
  tokens: Record<StaffRole | 'otherService', string>;
  userIds: Record<StaffRole | 'otherService', string>;
  /** Each role's e-mail address (the demo password), for a sign-in of a probe's own. */
  emails: Record<StaffRole | 'otherService', string>;
  /** A service code only this organisation has. */
  localService: string;
}

/** A short random suffix, so that every run's organisations, canaries and markers are its own. */
export const suffix = () => randomUUID().replace(/-/g, '').slice(0, 10);

/**
 * An organisation of the suite's own with an advisor, a supervisor, a DPO, an administrator and two service
 * users (`blue-badge@SLUG.test`, `highways@SLUG.test`), three services (Blue Badge, Highways and one whose code
 * no other organisation has), all delivered through the portal, and the demo channel secret for phone, forms
 * and e-mail pushes.
 */
export async function provisionSecurityTenant(app: TestApp, slug: string): Promise<SecurityTenant> {
  const id = await provisionOrganisation(slug);
  const localService = `local-${slug}`;
  await asOwner(id, async (c) => {
    const { rows } = await c.query<{ password_hash: string }>(
      `select password_hash from staff_users where organisation_id = $1 and role = 'advisor'`,
      [id],
    );
    const [{ password_hash: hash }] = rows;
    // Whatever provisionOrganisation gives now or later, added only where missing.
    for (const channel of ['forms', 'email'] as const) {
      await c.query(
        `insert into channel_credentials (organisation_id, channel, secret) select $1, $2, $3 where not exists (select 1 from channel_credentials where organisation_id = $1 and channel = $2)`,
        [id, channel, sealedChannelSecret(id, channel)],
      );
    }
    const services: [string, string, string, boolean][] = [
      [
        'blue-badge',
        'Blue Badge Service',
        '{name,dateOfBirth,contactNumber,address,specialRequirements,reasonForReferral,actionsAlreadyTaken}',
        true,
      ],
      ['highways', 'Highways Service', '{name,contactNumber,address,reasonForReferral,actionsAlreadyTaken}', false],
      [localService, 'A service of this organisation only', '{name,reasonForReferral,actionsAlreadyTaken}', false],
    ];
    for (const [code, name, fields, special] of services) {
      await c.query(
        `insert into services (organisation_id, code, name, permitted_fields, receives_special_category, routing_keywords) values ($1, $2, $3, $4, $5, $6)`,
        [id, code, name, fields, special, code === 'highways' ? ['pothole', 'road'] : ['blue badge']],
      );
    }
    await c.query(
      `insert into staff_users (organisation_id, email, display_name, role, password_hash) select $1, $2, $3, 'admin', $4 where not exists (select 1 from staff_users where organisation_id = $1 and email = $2)`,
      [id, `admin@${slug}.test`, `admin of ${slug}`, hash],
    );
    for (const code of ['blue-badge', 'highways']) {
      await c.query(
        `insert into staff_users (organisation_id, email, display_name, role, service_id, password_hash)
         select $1, $2, $3, 'service', id, $4 from services where code = $5`,
        [id, `${code}@${slug}.test`, `${code} of ${slug}`, hash, code],
      );
    }
  });
  const emails: Record<StaffRole | 'otherService', string> = {
    advisor: `advisor@${slug}.test`,
    supervisor: `supervisor@${slug}.test`,
    service: `blue-badge@${slug}.test`,
    otherService: `highways@${slug}.test`,
    dpo: `dpo@${slug}.test`,
    admin: `admin@${slug}.test`,
  };
  const tokens = {} as SecurityTenant['tokens'];
  const userIds = {} as SecurityTenant['userIds'];
  for (const [role, email] of Object.entries(emails) as [StaffRole | 'otherService', string][]) {
    ({ token: tokens[role], userId: userIds[role] } = await signIn(app, email));
  }
  return { id, slug, tokens, userIds, emails, localService };
}

/** A new sign-in for a probe that ends or replaces its token (sign-out, renewal), so the tenant's own tokens keep working. */
export const signInAgain = (app: TestApp, tenant: SecurityTenant, role: StaffRole | 'otherService') => login(app, tenant.emails[role]);

/** Logs in again (a token may be ended by a password change a test makes on purpose). */
export const relogin = (app: TestApp, email: string) => login(app, email);

/** Tables whose rows change on every login or read rather than on a write a test could cause. */
const VOLATILE_TABLES = new Set(['audit_entries', 'audit_chain_heads', 'advisor_presence', 'staff_sessions']);

/**
 * A digest per table of every row an organisation holds (read as the database owner), so that "nothing
 * changed" covers every table, not only the ones a test thought of. Login times are left out.
 */
export async function organisationFingerprint(organisationId: string): Promise<Record<string, string>> {
  return withClient(testDatabase().ownerUrl, async (client) => {
    // Row-level security binds the owner too: read as the organisation, in a transaction of its own.
    await client.query('begin');
    await client.query(`select set_config('app.current_tenant', $1, true)`, [organisationId]);
    const { rows: tables } = await client.query<{ table_name: string }>(
      `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'organisation_id' order by table_name`,
    );
    const digest: Record<string, string> = {};
    const organisation = await client.query(`select md5(to_jsonb(o)::text) as digest from organisations o where id = $1`, [organisationId]);
    digest.organisations = organisation.rows[0]?.digest ?? 'none';
    for (const { table_name: table } of tables) {
      if (VOLATILE_TABLES.has(table)) continue;
      const { rows } = await client.query<{ digest: string | null; n: number }>(
        `select md5(coalesce(string_agg((to_jsonb(t) - 'last_login_at')::text, '|' order by (to_jsonb(t) - 'last_login_at')::text), '')) as digest, count(*)::int as n
           from ${table} t where organisation_id = $1`,
        [organisationId],
      );
      digest[table] = `${rows[0].n}:${rows[0].digest}`;
    }
    await client.query('rollback');
    return digest;
  });
}

/** The tables whose digest differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** `GET /api/enquiries/{id}` */
  key: string;
  operation: OpenApiOperation;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  example?: unknown;
  default?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export async function openApiDocument(app: TestApp): Promise<OpenApiDocument> {
  const response = await request(app.url).get('/api/docs-json').expect(200);
  return response.body as OpenApiDocument;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ method: method as Operation['method'], path, key: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** A schema with its `$ref` and single `allOf` followed. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length === 1) return resolveSchema(document, schema.allOf[0]);
  return schema;
}

/** The path parameters that name a resource: ids and codes. */
export const isIdParameter = (name: string) => /id$/i.test(name) || name === 'code';

/** `/api/x/{id}` with the values given (URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(values[name]);
  });
}

/** An error body without what differs between any two requests. */
export function withoutCorrelation(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const { correlationId: _ignored, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** Sends one request with supertest; `body` as JSON unless `raw` is given. */
export async function send(
  app: TestApp,
  method: Operation['method'],
  path: string,
  options: { token?: string; body?: unknown; raw?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {},
): Promise<request.Response> {
  let call = request(app.url)[method](path);
  if (options.token) call = call.set('authorization', `Bearer ${options.token}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) call = call.set(name, value);
  if (options.raw !== undefined) return call.set('content-type', options.contentType ?? 'application/json').send(options.raw);
  if (options.body !== undefined) return call.send(options.body as object);
  return call;
}

/** The resources one organisation holds, created through the API as its own staff would. */
export interface Holdings {
  /** New, with a consent record. */
  enquiry: string;
  consent: string;
  escalatedEnquiry: string;
  escalation: string;
  dataSubject: string;
  subjectRequest: string;
  legalHold: string;
  sweep: string;
  /** A queued webchat. */
  chat: string;
  resumeToken: string;
  article: string;
  attachment: string;
  /** The code of a signposting destination. */
  destination: string;
  /** A safeguarding flag, raised by an e-mail that speaks of danger. */
  safeguardingFlag: string;
  /** A saved reply. */
  savedReply: string;
  /** A reply sent on `enquiry` (queued: the attack suite runs no job workers). */
  reply: string;
  /** A call that rang at the advisor (the telephony platform's ringing push). */
  call: string;
}

function mailWithAttachment(slug: string, tag: string): string {
  return [
    `From: Probe Sender <sender.${tag}@example.org>`,
    `To: contact@${slug}.test`,
    `Subject: Probe with an attachment ${tag}`,
    `Message-ID: <${tag}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please see the attached note.',
    '--b1',
    'Content-Type: text/plain; name="note.txt"',
    'Content-Disposition: attachment; filename="note.txt"',
    '',
    'The attached note.',
    '--b1--',
    '',
  ].join('\r\n');
}

/**
 * One of everything a route can name by id: an enquiry with a consent record, an escalated one with its
 * referral to Blue Badge, a subject request, a legal hold, a retention sweep, a knowledge article, a queued
 * webchat and an e-mail attachment.
 */
export async function createHoldings(app: TestApp, tenant: SecurityTenant): Promise<Holdings> {
  const { advisor, dpo, supervisor } = tenant.tokens;
  const created = await newEnquiry(app, advisor, {
    subject: {
      name: `Owner Person ${tenant.slug}`,
      phone: '07700 900123',
      email: `person@${tenant.slug}.example`,
      dateOfBirth: '1970-01-02',
      address: '1 High Street',
      postcode: 'PR1 8XJ',
    },
    description: `Held by ${tenant.slug}`,
    legalBasis: 'consent',
    consent: VERBAL_CONSENT,
  });
  const detail = await request(app.url).get(`/api/enquiries/${created.id}`).set(auth(advisor)).expect(200);
  // Under the organisation's default basis.
  const escalated = await newEnquiry(app, advisor, {
    subject: { name: `Referred Person ${tenant.slug}` },
    description: `Referred by ${tenant.slug}`,
    legalBasis: undefined,
  });
  const escalation = await escalate(app, advisor, escalated.id, 'blue-badge', {
    reasonForReferral: 'Needs a badge',
    actionsAlreadyTaken: 'Explained eligibility',
  });
  const subjectRequest = await request(app.url)
    .post('/api/subject-requests')
    .set(auth(dpo))
    .send({ type: 'access', subject: { name: `Owner Person ${tenant.slug}` }, receivedAt: new Date().toISOString().slice(0, 10) })
    .expect(201);
  const legalHold = await request(app.url)
    .post('/api/legal-holds')
    .set(auth(dpo))
    .send({ enquiryId: escalated.id, reason: 'Claim expected' })
    .expect(201);
  const sweep = await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: true });
  if (![200, 201].includes(sweep.status)) throw new Error(`sweep: ${sweep.status}`);
  const article = await request(app.url)
    .post('/api/knowledge')
    .set(auth(supervisor))
    .send({ title: `Guidance of ${tenant.slug}`, body: 'Guidance.' })
    .expect(201);
  const savedReply = await request(app.url)
    .post('/api/saved-replies')
    .set(auth(supervisor))
    .send({ title: `Saved reply of ${tenant.slug}`, text: 'Dear ((name)), your reference is ((reference)).' })
    .expect(201);
  const reply = await request(app.url)
    .post(`/api/enquiries/${created.id}/replies`)
    .set(auth(advisor))
    .send({ text: 'Your enquiry is with us.', channel: 'email', contactAgreed: true })
    .expect(201);
  const destination = `dest-${tenant.slug}`;
  await request(app.url)
    .put(`/api/signposting/${destination}`)
    .set(auth(tenant.tokens.admin))
    .send({ name: `District council of ${tenant.slug}`, kind: 'district_council' })
    .expect(200);
  const sockets = socketClients(() => app.url);
  let chat: { chatId?: string; resumeToken?: string };
  try {
    chat = (await emit(await sockets.connect('/webchat'), 'chat:start', {
      organisation: tenant.slug,
      consent: CHAT_CONSENT,
      name: `Chatting Person ${tenant.slug}`,
    })) as typeof chat;
  } finally {
    sockets.closeAll();
  }
  if (!chat.chatId || !chat.resumeToken) throw new Error(`chat:start: ${JSON.stringify(chat)}`);
  const raw = mailWithAttachment(tenant.slug, suffix());
  await request(app.url)
    .post(`/api/channels/email/${tenant.slug}/inbound`)
    .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
    .send(raw)
    .expect(201);
  const attachment = await asOwner(tenant.id, async (c) => (await c.query<{ id: string }>('select id from email_attachments')).rows[0]?.id);
  if (!attachment) throw new Error('the e-mail attachment was not kept');
  const danger = [
    `From: Frightened Person <frightened.${suffix()}@example.org>`,
    `To: contact@${tenant.slug}.test`,
    'Subject: Help',
    `Message-ID: <${suffix()}@example.org>`,
    '',
    'My partner is going to kill me, please help',
  ].join('\r\n');
  await request(app.url)
    .post(`/api/channels/email/${tenant.slug}/inbound`)
    .set({ ...signedHeaders(danger), 'content-type': 'message/rfc822' })
    .send(danger)
    .expect(201);
  const safeguardingFlag = await asOwner(
    tenant.id,
    async (c) => (await c.query<{ id: string }>('select id from safeguarding_flags')).rows[0]?.id,
  );
  if (!safeguardingFlag) throw new Error('the danger e-mail raised no safeguarding flag');
  return {
    enquiry: created.id,
    consent: detail.body.consents[0].id,
    escalatedEnquiry: escalated.id,
    escalation: escalation.id,
    dataSubject: detail.body.subject.id,
    subjectRequest: subjectRequest.body.id,
    legalHold: legalHold.body.id,
    sweep: sweep.body.id,
    chat: chat.chatId,
    resumeToken: chat.resumeToken,
    article: article.body.id,
    attachment,
    destination,
    safeguardingFlag,
    savedReply: savedReply.body.id,
    reply: reply.body.id,
    call: await ringingCall(app, tenant),
  };
}

/** A call ringing at the tenant's advisor, pushed as the telephony platform would: its id. */
async function ringingCall(app: TestApp, tenant: SecurityTenant): Promise<string> {
  const callId = `call-${suffix()}`;
  const body = JSON.stringify({ callId, callerNumber: '07700 900123', agent: tenant.emails.advisor });
  await request(app.url).post(`/api/channels/phone/${tenant.slug}/ringing`).set(signedHeaders(body)).send(body).expect(202);
  return callId;
}

/** The resource of `holdings` that a path parameter names; a route naming a new kind of id must be added here. */
export function idFor(path: string, parameter: string, holdings: Holdings, tenant: SecurityTenant): string {
  if (parameter === 'consentId') return holdings.consent;
  if (parameter === 'attachmentId') return holdings.attachment;
  if (parameter === 'chatId') return holdings.chat;
  if (parameter === 'replyId') return holdings.reply;
  if (parameter === 'callId') return holdings.call;
  if (path.startsWith('/api/signposting/')) return holdings.destination;
  if (parameter === 'code') return tenant.localService;
  if (path.startsWith('/api/enquiries/')) return holdings.enquiry;
  if (path.startsWith('/api/escalations/')) return holdings.escalation;
  if (path.startsWith('/api/subject-requests/')) return holdings.subjectRequest;
  if (path.startsWith('/api/legal-holds/')) return holdings.legalHold;
  if (path.startsWith('/api/retention/sweeps/')) return holdings.sweep;
  if (path.startsWith('/api/users/')) return tenant.userIds.advisor;
  if (path.startsWith('/api/knowledge/')) return holdings.article;
  if (path.startsWith('/api/safeguarding/flags/')) return holdings.safeguardingFlag;
  if (path.startsWith('/api/saved-replies/')) return holdings.savedReply;
  throw new Error(`the attack suite has no resource for {${parameter}} in ${path}: add one to idFor`);
}

/**
 * Sends a body larger than the server will read. The server may answer 413 from the Content-Length alone and
 * close the connection while the body is still being written: the answer counts, the write error after it
 * does not. A connection cut before any answer is tried again (twice at most).
 */
export async function sendLarge(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  // A raw socket, written to as careful HTTP clients (curl) do: the head first, then the body in pieces, stopping as
  // soon as an answer arrives. A server that refuses a body over its limit answers 413 from the head alone and closes
  // the connection; a client that keeps writing makes the server's kernel reset it, and a reset throws away the answer
  // still unread on the client's side (http.request then fails with EPIPE or ECONNRESET, the flake this replaces).
  const target = new URL(url);
  const payload = Buffer.from(body);
  const head = [
    `${method} ${target.pathname}${target.search} HTTP/1.1`,
    `host: ${target.host}`,
    'connection: close',
    ...Object.entries({ ...headers, 'content-length': String(payload.length) }).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  const received = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = net.connect(Number(target.port || 80), target.hostname);
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (chunks.length > 0 || ['EPIPE', 'ECONNRESET'].includes(error.code ?? '')) finish();
      else if (!settled) {
        settled = true;
        reject(error);
      }
    });
    const answered = () => chunks.length > 0 || settled;
    const writeBody = async () => {
      socket.write(head);
      // A limit read from content-length is answered from the head: give the server a moment to say so.
      await new Promise((resume) => setTimeout(resume, 150));
      for (let offset = 0; offset < payload.length && !answered(); offset += 64 * 1024) {
        const piece = payload.subarray(offset, offset + 64 * 1024);
        if (!socket.write(piece)) await new Promise((resume) => socket.once('drain', resume).once('close', resume));
      }
      if (!answered()) socket.end();
    };
    socket.once('connect', () => void writeBody());
  });
  return parseHttpResponse(received);
}

/** Parses one HTTP/1.1 response (status, headers, a body sized by content-length or chunked) from its bytes. */
function parseHttpResponse(bytes: Buffer): { status: number; text: string; headers: http.IncomingHttpHeaders } {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no HTTP response was received (${bytes.length} bytes)`);
  const [statusLine, ...headerLines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: http.IncomingHttpHeaders = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = bytes.subarray(split + 4);
  if (String(headers['transfer-encoding'] ?? '').toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const end = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.subarray(0, end).toString('latin1'), 16);
      if (!size) break;
      parts.push(rest.subarray(end + 2, end + 2 + size));
      rest = rest.subarray(end + 2 + size + 2);
    }
    rest = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    rest = rest.subarray(0, Number(headers['content-length']));
  }
  return { status, text: rest.toString('utf8'), headers };
}
