import type { Environment } from './environment.js';

/** What the running application is configured with: the validated environment and the resolved database. */
export class Settings {
  constructor(
    readonly env: Environment,
    readonly runtimeDatabaseUrl: string,
    /** The owner connection: the job queue's own tables live under it. */
    readonly ownerDatabaseUrl: string,
    readonly jwtSecret: string,
    /** Seals stored secrets (webhook and channel secrets). */
    readonly secretKey: string,
  ) {}
}
