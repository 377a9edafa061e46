import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD, TEST_JWT_SECRET, TEST_SECRET_KEY } from './constants.js';
import { signIn } from './factories.js';

/**
 * End-to-end tests run the real, compiled service (`dist/src/main.js`, built by `npm test`) in its own
 * process, exactly as `npm start` does, and talk to it over the network with real clients.
 */
export interface TestApp {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process has written to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then the exit code (a kill after 30 s counts as a failure). */
  stop(): Promise<number | null>;
}

/** The connection settings the global setup prepared. */
export function testDatabase(): { ownerUrl: string; runtimeUrl: string } {
  const ownerUrl = process.env.SIGNPOST_TEST_OWNER_URL;
  const runtimeUrl = process.env.SIGNPOST_TEST_RUNTIME_URL;
  if (!ownerUrl || !runtimeUrl) throw new Error('the e2e global setup did not run');
  return { ownerUrl, runtimeUrl };
}

const MAIN = path.resolve('dist/src/main.js');

/** Environment of an app on the shared test database; pass `{ DATABASE_URL: '' }` etc. to change it. */
export function sharedDatabaseEnv(): Record<string, string> {
  const { ownerUrl, runtimeUrl } = testDatabase();
  return {
    DATABASE_URL: ownerUrl,
    DATABASE_RUNTIME_URL: runtimeUrl,
    MIGRATIONS_RUN: 'false',
    SIGNPOST_DEMO: '0',
  };
}

/** Boots the service on a free loopback port; by default against the shared, already seeded database. */
export async function startTestApp(env: Record<string, string> = {}, options: { timeoutMs?: number } = {}): Promise<TestApp> {
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    SIGNPOST_SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // Job workers are off unless a test turns them on: all test apps share one queue. A file that turns them on on
    // the shared database gives its app a JOB_QUEUE_PREFIX of its own, unless it queues jobs from outside by their
    // default names (the retention and Open311 schedules), or another file's workers may take its jobs.
    JOB_WORKERS: 'false',
    SIGNPOST_WEBHOOK_ALLOWLIST: '127.0.0.1',
    // No SMTP listener unless a test asks for one on a port of its own.
    SMTP_PORT: '0',
    CHAT_STARTS_PER_MINUTE: '1000',
    ...sharedDatabaseEnv(),
    ...env,
  };
  for (const [key, value] of Object.entries(childEnv)) if (value === '') delete childEnv[key];
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start in time:\n${output}`)), options.timeoutMs ?? 30_000);
    const check = () => {
      const match = /"port":(\d+),"msg":"Signpost is listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before listening:\n${output}`));
    });
  });

  let stopping: Promise<number | null> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output: () => output,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode !== null) return child.exitCode;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      })()),
  };
}

/** The access token of a member of staff; `signIn` (support/factories) when the test needs the user too. */
export async function login(app: TestApp, email: string, password = DEMO_PASSWORD): Promise<string> {
  return (await signIn(app, email, password)).token;
}

/** A direct connection, for checks below the API (row-level security, stored values). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` as `url`'s role inside a transaction with the tenant of `slug` set, then rolls back. */
export async function asTenant<T>(url: string, slug: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(url, async (client) => {
    const organisation = await client.query<{ id: string }>('select id from organisations where slug = $1', [slug]);
    await client.query('begin');
    try {
      await client.query(`select set_config('app.current_tenant', $1, true)`, [organisation.rows[0].id]);
      return await work(client);
    } finally {
      await client.query('rollback');
    }
  });
}
