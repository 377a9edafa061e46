import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { request, type Session } from './api.js';

/**
 * The signed-in member of staff, for any component below the page that needs it, instead of a `session` prop
 * passed through every layer. Provided only once someone has signed in, so `useSession` never answers undefined.
 */
const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ session, children }: { session: Session; children: ComponentChildren }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside a signed-in page');
  return session;
}

export interface Fetched<T> {
  data?: T;
  /** The API's message when the read failed. */
  error?: string;
  /** Reads again (after a change), keeping what is shown until the answer comes. */
  reload: () => Promise<void>;
}

/**
 * One GET of the API with the signed-in session, read again when the path changes. An answer that arrives after
 * the path has changed (a quick Back or Forward) is dropped, so a page never shows another address's data.
 */
export function useApi<T>(path: string | undefined): Fetched<T> {
  const session = useSession();
  const [state, setState] = useState<{ path?: string; data?: T; error?: string }>({});
  const load = useCallback(async () => {
    if (path === undefined) return;
    try {
      const data = await request<T>('GET', path, session);
      setState((current) => (current.path === path ? { path, data } : current));
    } catch (failure) {
      setState((current) => (current.path === path ? { path, data: current.data, error: (failure as Error).message } : current));
    }
  }, [path, session]);
  useEffect(() => {
    setState({ path });
    void load();
  }, [load]);
  const current = state.path === path ? state : {};
  return { data: current.data, error: current.error, reload: load };
}
