import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TEST_JWT_SECRET, TEST_SECRET_KEY } from './support/constants.js';
import { auth } from './support/factories.js';
import { asTenant, login, sharedDatabaseEnv, startTestApp, testDatabase, type TestApp } from './support/test-app.js';

const HEADER = 'callId,callerNumber,direction,startedAt,endedAt,queue,audioRef,videoRef';
const good = (id: string) =>
  `${id},07700 900${String(Math.floor(Math.random() * 900) + 100)},inbound,2026-11-22T09:00:00Z,2026-11-22T09:04:00Z,waste,aud-${id},vid-${id}`;
const bad = (id: string) => `${id},call me maybe,sideways,2026-11-22T09:00:00Z,2026-11-22T09:04:00Z,,,`;

async function callCount(slug: string, ids: string[]): Promise<number> {
  const { rows } = await asTenant(testDatabase().runtimeUrl, slug, (c) =>
    c.query('select count(*)::int as n from call_logs where call_id = any($1)', [ids]),
  );
  return rows[0].n as number;
}

describe('importing a day’s call log (CSV)', () => {
  let app: TestApp;
  let supervisor: string;

  beforeAll(async () => {
    app = await startTestApp();
    supervisor = await login(app, 'supervisor@milton-keynes.demo');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('imports nothing when any row is bad (all-or-nothing), and says which', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const csv = [HEADER, good(ids[0]), bad(ids[1]), good(ids[2])].join('\n');
    const { body } = await request(app.url)
      .post('/api/calls/import')
      .set(auth(supervisor))
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(422);
    expect(body).toMatchObject({ mode: 'all-or-nothing', committed: false, imported: 0, invalid: 1 });
    expect(body.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'not-imported'],
      [3, 'invalid'],
      [4, 'not-imported'],
    ]);
    expect(body.rows[1].problems.join(' ')).toMatch(/callerNumber.*direction|direction.*callerNumber/);
    expect(await callCount('milton-keynes', ids)).toBe(0);
  });

  it('imports only the good rows when asked, and a repeat import makes no new enquiries', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const csv = [HEADER, good(ids[0]), bad(ids[1]), good(ids[2])].join('\n');
    const first = await request(app.url)
      .post('/api/calls/import?mode=good-rows')
      .set(auth(supervisor))
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(first.body).toMatchObject({ mode: 'good-rows', committed: true, imported: 2, invalid: 1, duplicates: 0 });
    expect(await callCount('milton-keynes', ids)).toBe(2);
    const again = await request(app.url)
      .post('/api/calls/import?mode=good-rows')
      .set(auth(supervisor))
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 2 });
    expect(again.body.rows[0].reference).toBe(first.body.rows[0].reference);
  });

  it('refuses unreadable CSV, unknown columns and callers without the role', async () => {
    await request(app.url)
      .post('/api/calls/import')
      .set(auth(supervisor))
      .set('content-type', 'text/csv')
      .send('callId,secret\n1,2')
      .expect(400);
    const advisor = await login(app, 'advisor@milton-keynes.demo');
    await request(app.url).post('/api/calls/import').set(auth(advisor)).set('content-type', 'text/csv').send(HEADER).expect(403);
  });
});

describe('the import-calls command', () => {
  it('imports a file from the command line and prints the per-row report', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'signpost-cli-'));
    const ids = [randomUUID(), randomUUID()];
    const file = path.join(dir, 'calls.csv');
    await writeFile(file, [HEADER, good(ids[0]), good(ids[1])].join('\n'));
    const result = spawnSync(
      process.execPath,
      [path.resolve('dist/src/cli.js'), 'import-calls', '--organisation', 'northamptonshire', '--file', file],
      {
        env: {
          PATH: process.env.PATH,
          ...sharedDatabaseEnv(),
          JWT_SECRET: TEST_JWT_SECRET,
          SIGNPOST_SECRET_KEY: TEST_SECRET_KEY,
          NODE_ENV: 'test',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ mode: 'all-or-nothing', committed: true, imported: 2, invalid: 0 });
    expect(await callCount('northamptonshire', ids)).toBe(2);
    const usage = spawnSync(process.execPath, [path.resolve('dist/src/cli.js'), 'import-calls'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage');
  });
});
