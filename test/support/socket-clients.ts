import { io, type Socket } from 'socket.io-client';

export type Ack = Record<string, unknown> & { error?: string };

/**
 * socket.io clients for a test: each connects over WebSocket to a namespace of the app (resolving once connected,
 * rejecting on `connect_error`), acknowledgements wait at most 10 s, and `closeAll` disconnects every one made.
 */
export function socketClients(baseUrl: () => string) {
  const sockets: Socket[] = [];
  const connect = async (namespace: string, options: Parameters<typeof io>[1] = {}): Promise<Socket> => {
    const socket = io(`${baseUrl()}${namespace}`, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  };
  const emit = (socket: Socket, event: string, payload?: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack>;
  const closeAll = () => {
    while (sockets.length) sockets.pop()?.disconnect();
  };
  return { connect, emit, closeAll };
}
