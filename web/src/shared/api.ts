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
  accessToken: string;
  user: StaffUser;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
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

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await request<Session>('POST', '/api/auth/login', undefined, { email, password });
  sessionStorage.setItem(KEY, JSON.stringify({ accessToken: session.accessToken, user: session.user }));
  return session;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, session?: Session, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const payload = (await response.json().catch(() => ({}))) as { message?: string | string[]; errors?: { field: string; message: string }[] };
  if (!response.ok) {
    if (response.status === 401 && session) {
      forgetSession();
      location.reload();
    }
    const message = Array.isArray(payload.message) ? payload.message.join('; ') : (payload.message ?? `The request failed (${response.status})`);
    throw new ApiError(response.status, message, payload.errors ?? []);
  }
  return payload as T;
}

export const formatInstant = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
