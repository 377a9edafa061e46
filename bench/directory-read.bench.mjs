// Authenticated, tenant-scoped read through the whole HTTP stack (Fastify, JWT check against the account,
// a row-level-security transaction, mapping) against a baseline of the same SQL issued directly through `pg`
// at the same concurrency: the account check (one definer call), then one transaction with set_config and the read.
import pg from 'pg';
import { closedLoop, load, login, ratio, startSignpost, ACCESS_CHECK_SQL, accessCheckValues } from './support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [8, 32];

export const name = 'directory-read';
export const describe = 'GET /api/services (auth + RLS transaction) vs the same SQL through pg';

export async function run() {
  const signpost = await startSignpost();
  const pool = new pg.Pool({ connectionString: signpost.runtimeUrl, max: 10 });
  try {
    const advisor = await login(signpost.url, 'advisor@lancashire.demo');
    const rows = [];
    for (const connections of CONCURRENCY) {
      const figures = await load({
        url: `${signpost.url}/api/services`,
        connections,
        seconds: SECONDS,
        headers: { authorization: `Bearer ${advisor.accessToken}` },
      });
      const baseline = await closedLoop({
        concurrency: connections,
        seconds: SECONDS,
        work: async () => {
          const client = await pool.connect();
          try {
            await client.query(ACCESS_CHECK_SQL, accessCheckValues(advisor));
            await client.query('begin');
            await client.query(`select set_config('app.current_tenant', $1, true)`, [advisor.organisationId]);
            await client.query('select * from services order by name');
            await client.query('commit');
          } finally {
            client.release();
          }
        },
      });
      rows.push({ connections, signpost: figures, baseline, ratio: ratio(figures.requestsPerSecond, baseline.requestsPerSecond) });
    }
    return {
      rows,
      ratios: Object.fromEntries(rows.map((row) => [`${row.connections} connections: req/s`, row.ratio])),
      table: rows.map((row) => ({
        connections: row.connections,
        'signpost req/s': row.signpost.requestsPerSecond,
        'signpost p50/p99 ms': `${row.signpost.p50Ms}/${row.signpost.p99Ms}`,
        'baseline req/s': row.baseline.requestsPerSecond,
        'baseline p50/p99 ms': `${row.baseline.p50Ms}/${row.baseline.p99Ms}`,
        ratio: row.ratio,
        errors: row.signpost.errors + row.signpost.non2xx + row.baseline.errors,
      })),
      targets: [],
    };
  } finally {
    await pool.end();
    await signpost.stop();
  }
}
