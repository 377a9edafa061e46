// Runs once before the end-to-end tests, outside Jest's module system, so it uses the compiled build
// (`npm test` builds first). One PostgreSQL for the whole run: embedded in a temporary directory unless
// DATABASE_URL names one. Migrations are applied and the demo organisations seeded once.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { loadEnvironment } from '../../dist/src/config/environment.js';
import { prepareDatabase } from '../../dist/src/database/database-setup.js';
import { seedDemoData } from '../../dist/src/tenancy/demo/demo-seeder.js';
import { SecretBox } from '../../dist/src/common/secret-box.js';

// Shared with test/support/constants.ts: the apps under test must open what the seed sealed.
const TEST_SECRET_KEY = 'dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE=';

export default async function globalSetup() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'signpost-test-'));
  const env = loadEnvironment({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const quiet = { info: () => undefined, warn: () => undefined, error: (message) => console.error(message) };
  const database = await prepareDatabase(env, quiet);
  await seedDemoData({
    ownerUrl: database.ownerUrl,
    password: 'signpost-demo',
    channelSecret: 'whsec_c2lnbnBvc3QtZGVtby1jaGFubmVsLXNlY3JldA==',
    secrets: new SecretBox(TEST_SECRET_KEY),
    log: quiet,
  });
  process.env.SIGNPOST_TEST_OWNER_URL = database.ownerUrl;
  process.env.SIGNPOST_TEST_RUNTIME_URL = database.runtimeUrl;
  process.env.SIGNPOST_TEST_DATA_DIR = dataDir;
  globalThis.signpostTestDatabase = database;
}
