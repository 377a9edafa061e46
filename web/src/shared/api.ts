/** The staff pages' one way to the API: JSON, the access token, and the API's error messages as thrown errors. */
export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: 'advisor' | 'supervisor' | 'service' | 'dpo' | 'admin';
  organisation: string;
  service?: string;
}

export interface Session {
  /** Renewed in place while the page is in use (session-renewal.ts), so every request sends the newest. */
  accessToken: string;
  /** When the access token was issued and when it expires (ms since the epoch). */
  issuedAt?: number;
  expiresAt?: number;
  user: StaffUser;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    /** The API's stable error code (EXTENSION_TOO_LATE, VALIDATION_FAILED, …). */
    readonly code?: string,
  ) {
    super(message);
  }
}

// The token lives in this tab's session storage: closing the tab signs out; it expires by itself within minutes.
const KEY = 'signpost-staff-session';

export function storedSession(): Session | undefined {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

/** What the sign-in and renewal routes answer. */
interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  user: StaffUser;
}

export function storeSession(answer: TokenAnswer): Session {
  const now = Date.now();
  const session: Session = { accessToken: answer.accessToken, issuedAt: now, expiresAt: now + answer.expiresIn * 1000, user: answer.user };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export async function signIn(email: string, password: string): Promise<Session> {
  return storeSession(await request<TokenAnswer>('POST', '/api/auth/login', undefined, { email, password }));
}

/** Each session's renewal in flight: a request refused meanwhile waits for it before deciding anything. */
const renewals = new WeakMap<Session, Promise<void>>();

/**
 * Renews the session's token in place (and in storage); throws the API's refusal (SESSION_ENDED and the like).
 * The service retires the token it replaces at once.
 */
export function renewSession(session: Session): Promise<void> {
  const renewal = (async () => {
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { accept: 'application/json', authorization: `Bearer ${session.accessToken}` },
    });
    // No session passed on: a refusal here must not reload the page, the caller signs out and says why.
    if (!response.ok) throw await failureOf(response);
    const renewed = storeSession((await response.json()) as TokenAnswer);
    Object.assign(session, { accessToken: renewed.accessToken, issuedAt: renewed.issuedAt, expiresAt: renewed.expiresAt });
  })();
  renewals.set(session, renewal);
  void renewal.catch(() => undefined).finally(() => renewals.get(session) === renewal && renewals.delete(session));
  return renewal;
}

/**
 * Ends the sign-in on the service (POST /api/auth/logout), so its token stops working at once, not when it
 * expires. Best effort: signing out of the page goes ahead whatever the answer, and a closing page still sends it.
 */
export async function endSession(session: Session): Promise<void> {
  await renewals.get(session)?.catch(() => undefined);
  await fetch('/api/auth/logout', {
    method: 'POST',
    keepalive: true,
    headers: { accept: 'application/json', authorization: `Bearer ${session.accessToken}` },
  }).catch(() => undefined);
}

/**
 * Sends with the session's token; a 401 for a token renewed while the request was on its way (renewal retires
 * the old one) is sent once more with the new token, so a request racing a renewal never signs anyone out.
 */
async function sendWithToken(session: Session | undefined, send: (token: string | undefined) => Promise<Response>): Promise<Response> {
  const token = session?.accessToken;
  const response = await send(token);
  if (response.status !== 401 || !session) return response;
  await renewals.get(session)?.catch(() => undefined);
  return session.accessToken !== token ? send(session.accessToken) : response;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  session?: Session,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await sendWithToken(session, (token) =>
    fetch(path, {
      method,
      headers: {
        ...headers,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  if (!response.ok) throw await failureOf(response, session);
  return (await response.json().catch(() => ({}))) as T;
}

/** The API's error body as an ApiError; its field problems come as `problem`, shown here as `message`. */
async function failureOf(response: Response, session?: Session): Promise<ApiError> {
  const payload = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string | string[];
    errors?: { field: string; problem?: string; message?: string }[];
  };
  if (response.status === 401 && session) {
    forgetSession();
    location.reload();
  }
  const message = Array.isArray(payload.message)
    ? payload.message.join('; ')
    : (payload.message ?? `The request failed (${response.status})`);
  const fields = (payload.errors ?? []).map((error) => ({ field: error.field, message: error.message ?? error.problem ?? message }));
  return new ApiError(response.status, message, fields, payload.code);
}

/** A file the API serves to signed-in staff, fetched with the token (a plain link could not carry it). */
export async function fetchFile(path: string, session: Session): Promise<{ blob: Blob; filename: string }> {
  const response = await sendWithToken(session, (token) => fetch(path, { headers: { authorization: `Bearer ${token}` } }));
  if (!response.ok) throw await failureOf(response, session);
  const disposition = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return { blob: await response.blob(), filename: disposition?.[1] ?? path.split('/').pop() ?? 'download' };
}

/** Offers a file held in memory to the browser as a download. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const formatInstant = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
