import type { KeyObject } from 'node:crypto';
import { loadEnvironment } from '../config/environment.js';
import { readLocalSecrets } from '../config/local-secrets.js';
import { publicKeyOf, signingKey } from './signed-document.js';

export class NoDeploymentKeyError extends Error {
  constructor(dataDir: string) {
    super(
      `this deployment has no signing key: SIGNPOST_SECRET_KEY is not set and no generated secret is kept under ${dataDir}. Set it, or give the key to check against with --public-key or --public-key-file`,
    );
    this.name = 'NoDeploymentKeyError';
  }
}

/**
 * The public half of the key this deployment signs documents with, found as the service finds it at start
 * (SIGNPOST_SECRET_KEY, or outside production the secret generated under DATA_DIR) but without starting anything
 * or generating a secret: a command that only verifies must not create a key of its own.
 */
export async function deploymentPublicKey(source: NodeJS.ProcessEnv = process.env): Promise<KeyObject> {
  const env = loadEnvironment(source);
  const secretKey = env.SIGNPOST_SECRET_KEY ?? (env.isProduction ? undefined : (await readLocalSecrets(env.DATA_DIR))?.secretKey);
  if (!secretKey) throw new NoDeploymentKeyError(env.DATA_DIR);
  return publicKeyOf(signingKey(secretKey));
}
