import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { defer, EMPTY, type Observable } from 'rxjs';
import { catchError, finalize } from 'rxjs/operators';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { Environment } from '../../config/environment.js';
import type { ShutdownState } from '../../observability/shutdown-state.js';

/** The pages Signpost serves itself (the citizen's chat, the console) connect from the service's own origin. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * socket.io on the application's own HTTP server: small payloads, and browser connections only from the
 * service's own origin and the allowed ones (CORS_ORIGINS and PUBLIC_URL). Clients without an Origin header (not browsers) are allowed;
 * they still have to authenticate where a namespace needs it.
 */
export class SignpostIoAdapter extends IoAdapter {
  private redis?: ReturnType<typeof createClient>;
  private readonly log = new Logger(SignpostIoAdapter.name);

  /**
   * With REDIS_URL, events fan out through Redis streams so that several instances serve one set of chats: a
   * citizen on one instance and an advisor on another still reach each other. Chat state itself is in
   * PostgreSQL, so any instance can route.
   */
  async connectToRedis(): Promise<void> {
    if (!this.env.REDIS_URL) return;
    this.redis = createClient({ url: this.env.REDIS_URL });
    this.redis.on('error', () => undefined); // reconnects by itself; the adapter retries
    await this.redis.connect();
  }

  async disconnectRedis(): Promise<void> {
    if (this.redis?.isOpen) await this.redis.quit();
  }

  constructor(
    app: INestApplicationContext,
    private readonly env: Environment,
    private readonly shutdown: ShutdownState,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set([...(this.env.CORS_ORIGINS ?? []), ...(this.env.PUBLIC_URL ? [new URL(this.env.PUBLIC_URL).origin] : [])]);
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      maxHttpBufferSize: 16 * 1024,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      cors: { origin: [...allowed], credentials: false },
      allowRequest: (request, callback) => {
        if (this.shutdown.isDraining) return callback(null, false); // reconnect to another instance
        const origin = request.headers.origin;
        callback(null, !origin || allowed.has(origin) || sameOrigin(origin, request.headers.host));
      },
    });
    if (this.redis) server.adapter(createAdapter(this.redis, { streamName: 'signpost:socket.io' }));
    return server;
  }

  /**
   * The same dispatch as Nest's IoAdapter (the handler's answer is the acknowledgement; `{event, data}`
   * answers are emitted), with one plain listener per event instead of an RxJS pipeline per event per socket:
   * a connected citizen costs a third of the memory, which is what lets one instance hold tens of thousands.
   * A listener dies with its socket, so nothing needs tearing down on disconnect. While the service shuts down,
   * new events are refused (`SHUTTING_DOWN`) and those taken up are counted until answered, so that sockets close
   * only after every acknowledgement has gone.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers as (MessageMappingProperties & {
      isAckHandledManually?: boolean;
    })[]) {
      socket.on(String(message), (...args: unknown[]) => {
        // As rxjs' fromEvent hands them on: nothing, the one argument, or all of them as an array.
        const { data, ack } = this.mapPayload(args.length === 0 ? undefined : args.length === 1 ? args[0] : args);
        if (this.shutdown.isDraining) {
          if (!isAckHandledManually && typeof ack === 'function')
            (ack as (answer: unknown) => void)({ error: 'The service is restarting: try again shortly', code: 'SHUTTING_DOWN' });
          return;
        }
        defer(() => transform(callback(data, ack)))
          .pipe(
            catchError((error: unknown) => {
              this.log.error(error);
              return EMPTY;
            }),
            finalize(this.shutdown.takeUp()),
          )
          .subscribe((response) => {
            if (response === null || response === undefined) return;
            const event = response as { event?: string; data?: unknown };
            if (event.event) {
              socket.emit(event.event, event.data);
              return;
            }
            if (!isAckHandledManually && typeof ack === 'function') (ack as (answer: unknown) => void)(response);
          });
      });
    }
  }
}
