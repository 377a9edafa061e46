import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PgBoss from 'pg-boss';
import request from 'supertest';
import { auth, escalate, newEnquiry } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, testDatabase, type TestApp } from './support/test-app.js';
import { waitFor } from './support/webhook-receiver.js';

/**
 * A highways back office that speaks Open311 GeoReport v2, written for the test: it files requests
 * (`POST /open311/requests.json`, answering with an id, or with a token for the second), answers `GET
 * requests/{id}.json` with whatever status the test sets, and turns tokens into ids.
 */
class FakeOpen311 {
  readonly filed: URLSearchParams[] = [];
  readonly statuses = new Map<string, { status: string; status_notes?: string }>();
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const json = (status: number, value: unknown) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (req.method === 'POST' && url.pathname === '/open311/requests.json') {
          const form = new URLSearchParams(body);
          if (form.get('api_key') !== 'key-123') return json(403, [{ code: 403, description: 'Invalid api_key' }]);
          this.filed.push(form);
          return this.filed.length % 2 === 1
            ? json(201, [{ service_request_id: `FMS-${this.filed.length}` }])
            : json(201, [{ token: `T-${this.filed.length}` }]);
        }
        const token = /^\/open311\/tokens\/(.+)\.json$/.exec(url.pathname);
        if (req.method === 'GET' && token) return json(200, [{ token: token[1], service_request_id: `FMS-${token[1].slice(2)}` }]);
        const found = /^\/open311\/requests\/(.+)\.json$/.exec(url.pathname);
        if (req.method === 'GET' && found && url.searchParams.get('api_key') === 'key-123') {
          const status = this.statuses.get(found[1]);
          return status ? json(200, [{ service_request_id: found[1], ...status }]) : json(404, [{ code: 404, description: 'not found' }]);
        }
        json(404, []);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/open311`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe('Highways referrals to an Open311 GeoReport v2 endpoint', () => {
  let app: TestApp;
  let organisationId: string;
  let endpoint: string;
  const fake = new FakeOpen311();
  const slug = `open311-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    endpoint = await fake.start();
    app = await startTestApp({ JOB_WORKERS: 'true', JOB_POLL_SECONDS: '0.5' });
    organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, (c) =>
      c.query(
        `insert into services (organisation_id, code, name, permitted_fields) values ($1, 'highways', 'Highways Service', '{name,contactNumber,address,reasonForReferral,actionsAlreadyTaken}')`,
        [organisationId],
      ),
    );
  });
  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  /** What the job queue's schedule queues every few minutes, queued now for this organisation. */
  const pollNow = async () => {
    const boss = new PgBoss({
      connectionString: testDatabase().ownerUrl,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    try {
      await boss.send('open311-poll', { organisationId });
    } finally {
      await boss.stop({ graceful: false });
    }
  };

  it('is configured by an administrator alone, refusing bad settings with the reason and never returning the key', async () => {
    const admin = await login(app, `admin@${slug}.test`);
    const patch = (delivery: Record<string, unknown>) =>
      request(app.url).patch('/api/services/highways').set(auth(admin)).send({ delivery });
    expect((await patch({ type: 'open311', url: endpoint, serviceCode: 'pothole' }).expect(400)).body.message).toContain('apiKey');
    expect(
      (
        await patch({
          type: 'webhook',
          url: endpoint,
          secret: 'whsec_c2lnbnBvc3QtdGVzdC1yZWNlaXZlci1zZWNyZXQ=',
          serviceCode: 'pothole',
        }).expect(400)
      ).body.message,
    ).toContain('serviceCode');
    expect(
      (await patch({ type: 'open311', url: 'http://169.254.169.254/open311', apiKey: 'key-123', serviceCode: 'pothole' }).expect(400)).body
        .message,
    ).toMatch(/address|target|allowed/i);
    const saved = await patch({
      type: 'open311',
      url: endpoint,
      apiKey: 'key-123',
      serviceCode: 'pothole',
      jurisdictionId: 'test.gov.uk',
    }).expect(200);
    expect(saved.body.delivery).toEqual({
      type: 'open311',
      url: endpoint,
      apiKeySet: true,
      serviceCode: 'pothole',
      jurisdictionId: 'test.gov.uk',
    });
    expect(JSON.stringify(saved.body)).not.toContain('key-123');
  });

  it('files exactly the permitted fields, keeps the returned id or token, and brings status changes back to the timeline', async () => {
    const advisor = await login(app, `advisor@${slug}.test`);
    const supervisor = await login(app, `supervisor@${slug}.test`);
    const referred = async (name: string) => {
      const enquiry = await newEnquiry(app, advisor, {
        subject: {
          name,
          dateOfBirth: '1950-05-05',
          phone: '07700 900456',
          email: 'ada@example.org',
          address: '12 Mill Lane, Preston',
          postcode: 'PR1 2AB',
        },
        description: 'Deep pothole outside number 12, a cyclist fell',
      });
      const escalation = await escalate(app, advisor, enquiry.id, 'highways', {
        reasonForReferral: 'Pothole 30 cm deep',
        actionsAlreadyTaken: 'Advised the caller to keep clear',
        specialRequirements: 'Uses a wheelchair',
      });
      return { enquiryId: enquiry.id, reference: enquiry.reference, escalationId: escalation.id };
    };
    const first = await referred('Ada King Lovelace');
    await waitFor(() => fake.filed.length === 1, 20_000, 'the Open311 request');
    const form = fake.filed[0];
    expect([...form.keys()].sort()).toEqual([
      'address_string',
      'api_key',
      'description',
      'first_name',
      'jurisdiction_id',
      'last_name',
      'phone',
      'service_code',
    ]);
    expect(Object.fromEntries(form)).toMatchObject({
      service_code: 'pothole',
      jurisdiction_id: 'test.gov.uk',
      first_name: 'Ada King',
      last_name: 'Lovelace',
      phone: '07700 900456',
      address_string: '12 Mill Lane, Preston, PR1 2AB',
    });
    expect(form.get('description')).toBe(
      `Referral ${first.reference}\nReason: Pothole 30 cm deep\nActions already taken: Advised the caller to keep clear`,
    );
    expect(form.toString()).not.toMatch(/1950|ada%40example|wheelchair/i); // not permitted to Highways
    await waitFor(
      async () =>
        (await request(app.url).get(`/api/escalations/${first.escalationId}`).set(auth(supervisor)).expect(200)).body.deliveryStatus ===
        'delivered',
      20_000,
      'delivered',
    );
    const stored = await asOwner(organisationId, (c) =>
      c.query<{ external_reference: string }>(`select external_reference from escalations where id = $1`, [first.escalationId]),
    );
    expect(stored.rows[0].external_reference).toBe('id:FMS-1');

    // The back office works on it, then closes it: both reach the enquiry.
    fake.statuses.set('FMS-1', { status: 'open', status_notes: 'Inspection booked for Tuesday' });
    await pollNow();
    const timeline = async () =>
      (await request(app.url).get(`/api/enquiries/${first.enquiryId}`).set(auth(advisor)).expect(200)).body.timeline as {
        text?: string;
        metadata: Record<string, unknown>;
      }[];
    await waitFor(
      async () => (await timeline()).some((event) => event.text === 'Inspection booked for Tuesday'),
      20_000,
      'the first status update',
    );
    expect((await request(app.url).get(`/api/escalations/${first.escalationId}`).set(auth(supervisor)).expect(200)).body.status).toBe(
      'acknowledged',
    );
    fake.statuses.set('FMS-1', { status: 'closed', status_notes: 'Pothole repaired' });
    await pollNow();
    await waitFor(
      async () =>
        (await request(app.url).get(`/api/escalations/${first.escalationId}`).set(auth(supervisor)).expect(200)).body.status === 'closed',
      20_000,
      'closed',
    );
    expect((await request(app.url).get(`/api/escalations/${first.escalationId}`).set(auth(supervisor)).expect(200)).body.outcome).toBe(
      'Pothole repaired',
    );
    expect((await timeline()).filter((event) => event.metadata?.event === 'service_update')).toHaveLength(2);

    // An endpoint that answers with a token: the token is turned into the request's id when polling.
    const second = await referred('Grace Hopper');
    await waitFor(() => fake.filed.length === 2, 20_000, 'the second request');
    await waitFor(
      async () =>
        (
          await asOwner(organisationId, (c) =>
            c.query<{ external_reference: string | null }>(`select external_reference from escalations where id = $1`, [
              second.escalationId,
            ]),
          )
        ).rows[0].external_reference === 'token:T-2',
      20_000,
      'the token kept',
    );
    fake.statuses.set('FMS-2', { status: 'closed', status_notes: 'Duplicate of FMS-1' });
    await pollNow();
    await waitFor(
      async () =>
        (await request(app.url).get(`/api/escalations/${second.escalationId}`).set(auth(supervisor)).expect(200)).body.status === 'closed',
      20_000,
      'the second closed',
    );
    const after = await asOwner(organisationId, (c) =>
      c.query<{ external_reference: string }>(`select external_reference from escalations where id = $1`, [second.escalationId]),
    );
    expect(after.rows[0].external_reference).toBe('id:FMS-2');
  });
});
