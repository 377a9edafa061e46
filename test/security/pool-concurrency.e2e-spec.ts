import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth, newEnquiry } from '../support/factories.js';
import { provisionOrganisation } from '../support/provision.js';
import { suffix } from '../support/security.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

interface Tenant {
  slug: string;
  marker: string;
  token: string;
  ids: Set<string>;
}

const ENQUIRIES_EACH = 12;
const REQUESTS = 480;
const CONCURRENCY = 12;

/**
 * Many tenants' reads at once through a pool of two connections: each transaction sets its tenant locally,
 * so a connection handed from one tenant's request to another's can never carry the first tenant along.
 * Every row returned must be the caller's own (each organisation's enquiries carry its marker).
 */
describe('concurrent tenants over a small connection pool', () => {
  let app: TestApp;
  const tenants: Tenant[] = [];
  const figures = { requests: 0, rowsChecked: 0, crossTenantRows: 0, serverErrors: 0, statuses: {} as Record<string, number> };

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: '2' });
    const run = suffix();
    for (let index = 0; index < 4; index += 1) {
      const slug = `sec-pool-${index}-${run}`;
      await provisionOrganisation(slug);
      const marker = `PoolMarker${index}x${run}`;
      tenants.push({ slug, marker, token: await login(app, `advisor@${slug}.test`), ids: new Set() });
    }
    await Promise.all(
      tenants.map(async (tenant) => {
        for (let n = 0; n < ENQUIRIES_EACH; n += 1) {
          const created = await newEnquiry(app, tenant.token, {
            subject: { name: `${tenant.marker} Person ${n}` },
            description: `${tenant.marker}: enquiry ${n}`,
            legalBasis: undefined,
          });
          tenant.ids.add(created.id);
        }
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    console.log(`pool: ${JSON.stringify(figures)}`);
  });

  it('returns only the caller’s own rows to hundreds of concurrent reads from four organisations', async () => {
    const problems: string[] = [];
    const allIds = tenants.flatMap((tenant) => [...tenant.ids].map((id) => ({ id, owner: tenant })));
    let issued = 0;
    const worker = async () => {
      while (issued < REQUESTS) {
        const n = issued++;
        const tenant = tenants[n % tenants.length];
        const headers = auth(tenant.token);
        const kind = n % 4;
        let response: request.Response;
        if (kind === 0) {
          response = await request(app.url).get('/api/enquiries?pageSize=100').set(headers);
          for (const item of response.body.items ?? []) {
            figures.rowsChecked += 1;
            if (!tenant.ids.has(item.id) || !String(item.subjectName).startsWith(tenant.marker)) {
              figures.crossTenantRows += 1;
              problems.push(`${tenant.slug} listed ${item.id} (${item.subjectName})`);
            }
          }
          if (response.status === 200 && response.body.total !== ENQUIRIES_EACH)
            problems.push(`${tenant.slug} counted ${response.body.total}`);
        } else if (kind === 1) {
          // A search for another organisation's marker finds nothing.
          const other = tenants[(n + 1) % tenants.length];
          response = await request(app.url)
            .get(`/api/enquiries?q=${encodeURIComponent(`${other.marker} Person 1`)}`)
            .set(headers);
          for (const item of response.body.items ?? []) {
            figures.rowsChecked += 1;
            figures.crossTenantRows += 1;
            problems.push(`${tenant.slug} found ${item.id} searching for ${other.slug}`);
          }
        } else {
          // Any organisation's enquiry by id: the caller's own is theirs, another's is unknown.
          const target = allIds[(n * 7) % allIds.length];
          response = await request(app.url).get(`/api/enquiries/${target.id}`).set(headers);
          if (target.owner === tenant) {
            figures.rowsChecked += 1;
            if (response.status === 200 && !String(response.body.description).startsWith(tenant.marker)) {
              figures.crossTenantRows += 1;
              problems.push(`${tenant.slug} read ${target.id} as ${response.body.description}`);
            }
          } else if (response.status !== 404) {
            figures.crossTenantRows += 1;
            problems.push(`${tenant.slug} read ${target.owner.slug}'s ${target.id}: ${response.status}`);
          }
        }
        figures.requests += 1;
        figures.statuses[response.status] = (figures.statuses[response.status] ?? 0) + 1;
        if (response.status >= 500) figures.serverErrors += 1;
        if (![200, 404].includes(response.status))
          problems.push(`${tenant.slug}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(problems.slice(0, 20)).toEqual([]);
    expect(figures.crossTenantRows).toBe(0);
    expect(figures.requests).toBe(REQUESTS);
    expect(figures.rowsChecked).toBeGreaterThan(REQUESTS);
  }, 120_000);
});
