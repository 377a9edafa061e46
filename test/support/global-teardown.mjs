import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  await globalThis.signpostTestDatabase?.stop();
  const dataDir = process.env.SIGNPOST_TEST_DATA_DIR;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
