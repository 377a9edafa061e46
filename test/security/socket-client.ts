import { io, type Socket } from 'socket.io-client';
import type { TestApp } from '../support/test-app.js';

export type Ack = Record<string, unknown> & { error?: string; code?: string };

/** socket.io clients for the attack suite: one per call, no reconnection, closed by `closeAll`. */
export class SocketClients {
  private readonly open: Socket[] = [];

  constructor(private readonly app: TestApp) {}

  connect(namespace: string, options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(`${this.app.url}${namespace}`, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
    this.open.push(socket);
    return socket;
  }

  closeAll(): void {
    while (this.open.length) this.open.pop()?.disconnect();
  }
}

export const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });

export const emit = (socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000) => socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack>;

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

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const CONSENT = { accepted: true, privacyNoticeVersion: '1' };
