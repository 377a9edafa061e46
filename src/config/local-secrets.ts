import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets generated for a development or demo install and kept under DATA_DIR (mode 0600), so that the
 * embedded database's passwords and the token-signing key survive restarts without anyone choosing them.
 * Production configures its own secrets and never uses this file.
 */
export interface LocalSecrets {
  superuserPassword: string;
  ownerPassword: string;
  runtimePassword: string;
  jwtSecret: string;
  /** AES-256 key (base64) sealing stored secrets. */
  secretKey: string;
}

const FILE = 'local-secrets.json';

function fresh(): LocalSecrets {
  const secret = () => randomBytes(24).toString('base64url');
  return {
    superuserPassword: secret(),
    ownerPassword: secret(),
    runtimePassword: secret(),
    jwtSecret: secret() + secret(),
    secretKey: randomBytes(32).toString('base64'),
  };
}

export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, FILE);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalSecrets>;
    const complete = { ...fresh(), ...stored };
    if (Object.keys(stored).length !== Object.keys(complete).length) await save(file, complete);
    return complete;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const secrets = fresh();
    await save(file, secrets);
    return secrets;
  }
}

/** The secrets already generated under DATA_DIR, without generating any: nothing when there are none. */
export async function readLocalSecrets(dataDir: string): Promise<Partial<LocalSecrets> | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, FILE), 'utf8')) as Partial<LocalSecrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function save(file: string, secrets: LocalSecrets): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
