import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import type { Environment } from '../../config/environment.js';

/**
 * socket.io on the application's own HTTP server: small payloads, and browser connections only from the
 * allowed origins (CORS_ORIGINS and PUBLIC_URL). Clients without an Origin header (not browsers) are allowed;
 * they still have to authenticate where a namespace needs it.
 */
export class SignpostIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly env: Environment,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set([...(this.env.CORS_ORIGINS ?? []), ...(this.env.PUBLIC_URL ? [new URL(this.env.PUBLIC_URL).origin] : [])]);
    return super.createIOServer(port, {
      ...(options as ServerOptions),
      maxHttpBufferSize: 16 * 1024,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      cors: { origin: [...allowed], credentials: false },
      allowRequest: (request, callback) => {
        const origin = request.headers.origin;
        callback(null, !origin || allowed.has(origin));
      },
    });
  }
}
