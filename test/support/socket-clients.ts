import { io, type Socket } from 'socket.io-client';

export type Ack = Record<string, unknown> & { error?: string; code?: string };

/** What a citizen accepts before a webchat starts: the privacy notice every test organisation publishes. */
export const CHAT_CONSENT = { accepted: true, privacyNoticeVersion: '1' };

/** Resolves once `socket` is connected; rejects with the server's reason on `connect_error`. */
export const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });

/** Emits `event` and waits for the acknowledgement (10 s at most unless given). */
export const emit = (socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000) =>
  socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack>;

/**
 * socket.io clients for a test: each goes over WebSocket to a namespace of the app, without reconnection, and
 * `closeAll` disconnects every one made. `connect` resolves once connected (rejecting on `connect_error`); `open`
 * returns the socket at once, for a test that watches the connection itself (many at a time, or one refused).
 */
export function socketClients(baseUrl: () => string) {
  const sockets: Socket[] = [];
  const open = (namespace: string, options: Parameters<typeof io>[1] = {}): Socket => {
    const socket = io(`${baseUrl()}${namespace}`, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
    sockets.push(socket);
    return socket;
  };
  const connect = async (namespace: string, options: Parameters<typeof io>[1] = {}): Promise<Socket> => {
    const socket = open(namespace, options);
    await connected(socket);
    return socket;
  };
  const closeAll = () => {
    while (sockets.length) sockets.pop()?.disconnect();
  };
  return { open, connect, emit, closeAll };
}

/** Resolves with the next `event` matching `match`. */
export const next = <T = Record<string, unknown>>(socket: Socket, event: string, match: (payload: T) => boolean = () => true) =>
  new Promise<T>((resolve) => {
    const handler = (payload: T) => {
      if (!match(payload)) return;
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });

/** Everything `socket` receives as `event` from now on. */
export function collect<T = Record<string, unknown>>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Resolves when the socket is disconnected (or after `timeoutMs`, with false). */
export const disconnected = (socket: Socket, timeoutMs = 5_000) =>
  new Promise<boolean>((resolve) => {
    if (!socket.connected) return resolve(true);
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

export type SocketClients = ReturnType<typeof socketClients>;
