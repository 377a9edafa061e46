import { useEffect } from 'preact/hooks';
import { ApiError, endSession, forgetSession, renewSession, type Session } from './api.js';

/** After this long without a key press, click or touch, the page signs out (on the service too) when its token is next due for renewal. */
export const IDLE_MINUTES = 30;
/** The token is renewed this long before it expires (or, for short-lived tokens, a third of their life before). */
const RENEW_BEFORE_MS = 90_000;
const renewAt = (session: Session) => {
  const expiresAt = session.expiresAt ?? Date.now();
  return expiresAt - Math.min(RENEW_BEFORE_MS, (expiresAt - (session.issuedAt ?? expiresAt)) / 3);
};
/** A renewal that failed for want of a network is tried again this soon. */
const RETRY_MS = 15_000;
/** Why the page went back to the sign-in form, for the form to say (session storage, this tab only). */
const ENDED_KEY = 'signpost-session-ended';

export type SessionEnd = 'idle' | 'ended';

const renewalListeners = new Set<(token: string) => void>();

/** Hears each renewed token (the console's live socket hands it to the service); returns the way to stop. */
export function onTokenRenewed(listener: (token: string) => void): () => void {
  renewalListeners.add(listener);
  return () => renewalListeners.delete(listener);
}

/** What the sign-in form says about the session that ended. */
export const SESSION_END_TEXT: Record<SessionEnd, string> = {
  idle: `You were signed out because the page was not used for ${IDLE_MINUTES} minutes. Sign in again to carry on.`,
  ended: 'Your session has ended. Sign in again to carry on.',
};

/** Why the last session of this tab ended, once (the sign-in form reads it). */
export function takeSessionEnd(): SessionEnd | undefined {
  const reason = sessionStorage.getItem(ENDED_KEY) as SessionEnd | null;
  sessionStorage.removeItem(ENDED_KEY);
  return reason ?? undefined;
}

/**
 * Keeps a staff session's short-lived token fresh while the page is used: shortly before the token expires it is
 * renewed (POST /api/auth/refresh) if someone has used the page in the last IDLE_MINUTES; otherwise the page signs
 * out, ending the sign-in on the service (POST /api/auth/logout), and says why; once the session has lasted as long
 * as the service allows, it signs out and says so. `onTokenRenewed` listeners hear each new token (the console
 * hands it to its live socket).
 */
export function useSessionRenewal(session: Session | undefined, onEnded: (reason: SessionEnd) => void): void {
  useEffect(() => {
    if (!session) return;
    let lastActivity = Date.now();
    const active = () => (lastActivity = Date.now());
    const events = ['keydown', 'pointerdown', 'input', 'focusin'] as const;
    for (const type of events) window.addEventListener(type, active, { passive: true, capture: true });
    let timer: number | undefined;
    let stopped = false;
    const end = (reason: SessionEnd) => {
      if (stopped) return;
      stopped = true;
      sessionStorage.setItem(ENDED_KEY, reason);
      forgetSession();
      onEnded(reason);
    };
    const schedule = (inMs: number) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void due(), Math.max(1_000, inMs));
    };
    const due = async () => {
      if (Date.now() - lastActivity >= IDLE_MINUTES * 60_000) {
        // Left alone: instead of renewing, the page signs out, ending the sign-in on the service while its token still stands.
        void endSession(session);
        return end('idle');
      }
      const expiresAt = session.expiresAt ?? 0;
      try {
        await renewSession(session);
        if (stopped) return;
        for (const listener of renewalListeners) listener(session.accessToken);
        schedule(renewAt(session) - Date.now());
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 401) return end('ended');
        // The network or the service is away for a moment: try again while the token lasts.
        if (Date.now() < expiresAt) schedule(Math.min(RETRY_MS, expiresAt - Date.now()));
        else end('idle');
      }
    };
    // A page opened with a stored session renews at once if little of its token is left.
    schedule(renewAt(session) - Date.now());
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const type of events) window.removeEventListener(type, active, { capture: true });
    };
  }, [session]);
}
