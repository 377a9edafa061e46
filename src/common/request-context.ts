import { AsyncLocalStorage } from 'node:async_hooks';
import type { StaffRole } from '../identity/staff-role.js';

/** The authenticated member of staff a piece of work runs for. */
export interface Principal {
  userId: string;
  organisationId: string;
  role: StaffRole;
  serviceId: string | null;
  /** When the sign-in this token descends from happened (seconds since the epoch): renewals keep it. */
  authTime?: number;
  /** The server-side sign-in the token belongs to, and the token's own id (renewal and sign-out act on them). */
  session?: { id: string; tokenId: string };
}

export interface RequestContextState {
  correlationId: string;
  principal?: Principal;
  /** Tenant for work with no staff principal: a verified channel push, a citizen chat, a job. */
  organisationId?: string;
}

const storage = new AsyncLocalStorage<RequestContextState>();

/**
 * Who and which organisation the current request, socket event or job is for. Held in AsyncLocalStorage
 * (not request-scoped providers) so that it also reaches sockets and jobs.
 */
export const requestContext = {
  run<T>(state: RequestContextState, work: () => T): T {
    return storage.run(state, work);
  },
  current(): RequestContextState | undefined {
    return storage.getStore();
  },
  principal(): Principal | undefined {
    return storage.getStore()?.principal;
  },
  /** The organisation whose data the current work may touch; throws when there is none. */
  tenant(): string {
    const state = storage.getStore();
    const tenant = state?.principal?.organisationId ?? state?.organisationId;
    if (!tenant) throw new Error('no tenant in the current context');
    return tenant;
  },
};
