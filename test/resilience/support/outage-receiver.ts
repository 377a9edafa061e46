import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one path of the receiver behaves: answer with a status, or take the request and never answer. */
export type ReceiverMode = { status: number } | 'paused';

export interface Attempt {
  path: string;
  webhookId: string;
  /** ms since the receiver started. */
  at: number;
  /** The status answered, or "held" for a request taken while paused (the sender's timeout ends it). */
  outcome: number | 'held';
}

/**
 * A back-office receiver whose outage the test controls path by path (one path per service): paused (accepts the
 * connection and the request, never answers), failing (500), gone (410) or healthy. Every request is kept with
 * its arrival time; `accepted` is what the business logic processed, deduplicated on webhook-id.
 */
export class OutageReceiver {
  readonly attempts: Attempt[] = [];
  readonly accepted = new Map<string, { path: string; at: number; body: unknown }>();
  private readonly modes = new Map<string, ReceiverMode>();
  private readonly held = new Set<http.ServerResponse>();
  private readonly started = Date.now();
  private server?: http.Server;
  private base = '';

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      const webhookId = String(request.headers['webhook-id']);
      const at = this.now();
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const mode = this.modes.get(path) ?? { status: 204 };
        if (mode === 'paused') {
          this.attempts.push({ path, webhookId, at, outcome: 'held' });
          this.held.add(response);
          response.on('close', () => this.held.delete(response));
          return;
        }
        this.attempts.push({ path, webhookId, at, outcome: mode.status });
        if (mode.status >= 200 && mode.status < 300 && !this.accepted.has(webhookId))
          this.accepted.set(webhookId, { path, at, body: JSON.parse(body) });
        response.writeHead(mode.status);
        response.end();
      });
    });
    // Keep-alive off: each attempt is its own connection, as a pause would meet it.
    this.server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  now(): number {
    return Date.now() - this.started;
  }

  set(path: string, mode: ReceiverMode): void {
    this.modes.set(path, mode);
    if (mode !== 'paused') for (const response of this.held) response.destroy();
  }

  /** The attempts of one path, grouped by webhook-id, in arrival order. */
  byWebhookId(path: string): Map<string, Attempt[]> {
    const groups = new Map<string, Attempt[]>();
    for (const attempt of this.attempts)
      if (attempt.path === path) groups.set(attempt.webhookId, [...(groups.get(attempt.webhookId) ?? []), attempt]);
    return groups;
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
