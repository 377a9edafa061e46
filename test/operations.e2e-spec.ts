import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { auth } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

describe('operations on the shared database', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('reports healthy while the database answers', async () => {
    const { body } = await request(app.url).get('/health').expect(200);
    expect(body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('describes every route in the OpenAPI document and serves the docs page', async () => {
    const { body } = await request(app.url).get('/api/docs-json').expect(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/metrics',
        '/api/auth/login',
        '/api/auth/password',
        '/api/services',
        '/api/services/{code}',
        '/api/users',
        '/api/users/{id}',
      ]),
    );
    expect(body.paths['/api/auth/login'].post.responses).toHaveProperty('401');
    expect(body.components.schemas).toHaveProperty('LoginRequestDto');
    expect(body.components.schemas).toHaveProperty('UpdateServiceDto');
    const page = await request(app.url).get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
  });

  it('labels HTTP metrics with route templates, never with values from the request', async () => {
    const token = await login(app, 'advisor@lancashire.demo');
    await request(app.url).get('/api/services/planted-value-x9').set(auth(token)).expect(404);
    const metrics = await request(app.url).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain(
      'signpost_http_request_duration_seconds_count{method="GET",route="/api/services/:code",status_code="404"}',
    );
    expect(metrics.text).not.toContain('planted-value-x9');
    expect(metrics.text).toContain('signpost_process_cpu_seconds_total');
  });

  it('gives live gauges per organisation: the webchat queue and its longest wait, advisors by state, referrals waiting, requests overdue', async () => {
    const slug = `gauges-${randomUUID().slice(0, 8)}`;
    const organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, async (c) => {
      const subject = randomUUID();
      const enquiry = randomUUID();
      await c.query(`insert into data_subjects (id, organisation_id, name, name_key) values ($1, $2, 'Gauge Person', 'gauge person')`, [
        subject,
        organisationId,
      ]);
      await c.query(
        `insert into enquiries (id, organisation_id, reference, channel, requester_type, data_subject_id, description, legal_basis, retention_class) values ($1, $2, 'GAUGE-1', 'webchat', 'citizen', $3, 'Waiting', 'public_task', 'webchat')`,
        [enquiry, organisationId, subject],
      );
      await c.query(
        `insert into chats (organisation_id, enquiry_id, status, resume_token_hash, queued_at) values ($1, $2, 'queued', 'h', now() - interval '90 seconds')`,
        [organisationId, enquiry],
      );
      const { rows } = await c.query<{ id: string }>(`select id from staff_users where organisation_id = $1 and role = 'advisor'`, [
        organisationId,
      ]);
      await c.query(`insert into advisor_presence (organisation_id, user_id, status, connections) values ($1, $2, 'away', 1)`, [
        organisationId,
        rows[0].id,
      ]);
      await c.query(
        `insert into subject_requests (organisation_id, type, status, subject, received_on, due_on) values ($1, 'access', 'in_progress', '{"name":"Gauge"}', '2026-01-05', '2026-02-05')`,
        [organisationId],
      );
    });
    // One reading serves the scrapes of a few seconds: wait for one taken after the organisation was made.
    let metrics = '';
    const value = (line: string) =>
      Number(
        metrics
          .split('\n')
          .find((entry) => entry.startsWith(`${line} `))
          ?.split(' ')[1],
      );
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && !metrics.includes(`organisation="${slug}"`);) {
      metrics = (await request(app.url).get('/metrics').expect(200)).text;
      if (!metrics.includes(`organisation="${slug}"`)) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(value(`signpost_webchat_queue_length{organisation="${slug}"}`)).toBe(1);
    expect(value(`signpost_webchat_longest_wait_seconds{organisation="${slug}"}`)).toBeGreaterThanOrEqual(90);
    expect(value(`signpost_advisors{organisation="${slug}",state="away"}`)).toBe(1);
    expect(value(`signpost_advisors{organisation="${slug}",state="available"}`)).toBe(0);
    expect(value(`signpost_escalations_dead_lettered{organisation="${slug}"}`)).toBe(0);
    expect(value(`signpost_subject_requests_overdue{organisation="${slug}"}`)).toBe(1);
    expect(metrics).toContain('signpost_webchat_queue_length{organisation="lancashire"}');
    expect(metrics).not.toContain('Gauge Person');
  });

  it('keeps planted credentials and personal data out of the logs', async () => {
    const email = 'planted.person.7731@lancashire.demo';
    const password = 'Planted-Password-7731';
    await request(app.url).post('/api/auth/login').send({ email, password }).expect(401);
    await request(app.url).post('/api/auth/login').send({ email: 'advisor@lancashire.demo', password }).expect(401);
    const token = await login(app, 'advisor@lancashire.demo');
    await request(app.url)
      .get(`/api/services?q=${encodeURIComponent(email)}`)
      .set(auth(token))
      .expect(200);
    await request(app.url)
      .get(`/api/services/${encodeURIComponent(email)}`)
      .set(auth(token))
      .expect(404);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const output = app.output();
    expect(output).toContain('request completed'); // requests are logged...
    expect(output).not.toContain('planted.person.7731'); // ...but not who they were about
    expect(output).not.toContain('Planted-Password-7731');
    expect(output).not.toContain(token);
    expect(output).not.toContain('signpost-demo');
  });

  it('answers errors as JSON with a correlation id that the response header repeats', async () => {
    const response = await request(app.url).get('/api/no-such-route').set('x-request-id', 'trace-123').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', correlationId: 'trace-123' });
    expect(response.headers['x-correlation-id']).toBe('trace-123');
    const malformed = await request(app.url).post('/api/auth/login').set('content-type', 'application/json').send('{"email":').expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    const oversized = await request(app.url)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.demo', password: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(oversized.body.statusCode).toBe(413);
  });

  it('sends security headers', async () => {
    const response = await request(app.url).get('/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('start and stop', () => {
  it('refuses an invalid configuration, listing every problem at once', () => {
    const result = spawnSync(process.execPath, [path.resolve('dist/src/main.js')], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: 'not-a-port', LOG_LEVEL: 'chatty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('LOG_LEVEL');
    expect(result.stderr).toContain('JWT_SECRET is required in production');
    expect(result.stderr).toContain('DATABASE_URL is required in production');
  });

  it('drains on SIGTERM: every request taken up gets its response, later ones are refused, and it exits 0 within 30 s', async () => {
    const app = await startTestApp();
    const token = await login(app, 'advisor@lancashire.demo');
    const outcomes: string[] = [];
    // A new connection per request: a keep-alive client racing the server's closing of an idle socket
    // would see a reset that says nothing about the server dropping work.
    const requestOnce = () =>
      new Promise<void>((resolve) => {
        const call = http.get(`${app.url}/api/services`, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
          response.resume();
          response.on('end', () => {
            outcomes.push(String(response.statusCode));
            resolve();
          });
        });
        call.on('error', (error: NodeJS.ErrnoException) => {
          outcomes.push(error.code ?? error.message);
          resolve();
        });
      });
    const burst = Array.from({ length: 40 }, (_, i) => new Promise((r) => setTimeout(r, i * 3)).then(requestOnce));
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 30));
    const [code] = await Promise.all([app.stop(), ...burst]);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(outcomes).toContain('200');
    // 200: finished; 503: arrived while closing; refused or reset: the connection was never taken up.
    for (const outcome of outcomes) expect(['200', '503', 'ECONNREFUSED', 'ECONNRESET']).toContain(outcome);
    // Every request the service took up (and logged) reached its client: none was cut off mid-way.
    const handled = app
      .output()
      .split('\n')
      .filter((line) => line.includes('"route":"/api/services"') && line.includes('"statusCode":200'));
    expect(outcomes.filter((outcome) => outcome === '200')).toHaveLength(handled.length);
  });
});

describe('on its own embedded PostgreSQL, as after npm ci && npm start', () => {
  let dataDir: string;
  let app: TestApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'signpost-embedded-'));
    app = await startTestApp(
      {
        DATABASE_URL: '',
        DATABASE_RUNTIME_URL: '',
        MIGRATIONS_RUN: 'true',
        SIGNPOST_DEMO: '',
        JWT_SECRET: '',
        SIGNPOST_SECRET_KEY: '',
        DATA_DIR: dataDir,
      },
      { timeoutMs: 60_000 },
    );
  });
  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, seeds the demo data and lets the demo advisor log in', async () => {
    const token = await login(app, 'advisor@lancashire.demo');
    const { body } = await request(app.url).get('/api/services').set(auth(token)).expect(200);
    expect(body).toHaveLength(17);
    const secrets = JSON.parse(await readFile(path.join(dataDir, 'local-secrets.json'), 'utf8'));
    expect(Object.keys(secrets).sort()).toEqual(['jwtSecret', 'ownerPassword', 'runtimePassword', 'secretKey', 'superuserPassword']);
  });

  it('goes 503 on /health, and answers API requests with a JSON 503, when the database stops; then exits 0 on SIGTERM', async () => {
    const token = await login(app, 'advisor@lancashire.demo');
    const pid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGINT');
    await waitFor(async () => (await request(app.url).get('/health')).status === 503);
    const health = await request(app.url).get('/health').expect(503);
    expect(health.body.status).toBe('error');
    const api = await request(app.url).get('/api/services').set(auth(token)).expect(503);
    expect(api.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(await app.stop()).toBe(0);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('condition not met in time');
}
