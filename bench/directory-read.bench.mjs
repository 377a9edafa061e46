// Authenticated, tenant-scoped read through the whole HTTP stack (Fastify, JWT check against the account,
// a row-level-security transaction, mapping) against a baseline of the same SQL issued directly through `pg`
// at the same concurrency: the account check (one definer call), then one transaction with set_config and the read.
import pg from 'pg';
import { closedLoop, load, saveResult, startSignpost } from './support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [8, 32];

export async function run() {
  const signpost = await startSignpost();
  try {
    const login = await fetch(`${signpost.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'advisor@lancashire.demo', password: 'signpost-demo' }),
    }).then((r) => r.json());
    const { ownerUrl, runtimeUrl, organisationId, userId } = await databaseOf(signpost, login);
    void ownerUrl;
    const pool = new pg.Pool({ connectionString: runtimeUrl, max: 10 });
    const rows = [];
    for (const connections of CONCURRENCY) {
      const signpostFigures = await load({
        url: `${signpost.url}/api/services`,
        connections,
        seconds: SECONDS,
        headers: { authorization: `Bearer ${login.accessToken}` },
      });
      const baseline = await closedLoop({
        concurrency: connections,
        seconds: SECONDS,
        work: async () => {
          const client = await pool.connect();
          try {
            await client.query('select * from staff_token_state($1, $2)', [userId, organisationId]);
            await client.query('begin');
            await client.query(`select set_config('app.current_tenant', $1, true)`, [organisationId]);
            await client.query('select * from services order by name');
            await client.query('commit');
          } finally {
            client.release();
          }
        },
      });
      rows.push({ connections, signpost: signpostFigures, baseline, ratio: Number((signpostFigures.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)) });
    }
    await pool.end();
    return rows;
  } finally {
    await signpost.stop();
  }
}

/** The benchmark reads the runtime connection the service generated for its embedded database. */
async function databaseOf(signpost, login) {
  const { readFile } = await import('node:fs/promises');
  const secrets = JSON.parse(await readFile(`${signpost.dataDir}/local-secrets.json`, 'utf8'));
  const pid = await readFile(`${signpost.dataDir}/postgres/postmaster.pid`, 'utf8');
  const port = pid.split('\n')[3];
  const runtimeUrl = `postgres://signpost_app:${encodeURIComponent(secrets.runtimePassword)}@127.0.0.1:${port}/signpost`;
  return { ownerUrl: undefined, runtimeUrl, organisationId: JSON.parse(Buffer.from(login.accessToken.split('.')[1], 'base64url')).org, userId: login.user.id };
}

export const name = 'directory-read';
export const describe = 'GET /api/services (auth + RLS transaction) vs the same SQL through pg';
export { saveResult };
