import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the stand-in was asked to send. */
export interface NotifyRequest {
  path: string;
  body: Record<string, unknown>;
  /** Whether the request carried a valid JWT for the service (HS256 with the key's secret, `iss` the service id, `iat` recent). */
  authorised: boolean;
}

/** A GOV.UK Notify API key as Notify issues them: `<name>-<service id>-<secret>`. */
export const notifyApiKey = (serviceId: string, secret: string): string => `signpost_test-${serviceId}-${secret}`;

/**
 * A local stand-in for the GOV.UK Notify API (`/v2/notifications/email|sms`, and the status read-back): checks the
 * JWT each request carries, refuses a bad one with 403, answers 503 while `failing`, 429 to the first message when
 * `rateLimitFirst`, accepts the rest and reports them delivered when asked.
 */
export class FakeNotify {
  readonly received: NotifyRequest[] = [];
  /** While true, every message is answered 503 (Notify down). */
  failing = false;
  private server?: http.Server;

  constructor(
    private readonly serviceId: string,
    private readonly secret: string,
    private readonly options: { rateLimitFirst?: boolean } = {},
  ) {}

  private authorised(header: string | undefined): boolean {
    const token = header?.replace(/^Bearer /, '') ?? '';
    const [head, payload, signature] = token.split('.');
    if (!head || !payload || !signature) return false;
    const expected = createHmac('sha256', this.secret).update(`${head}.${payload}`).digest('base64url');
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return false;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
    return claims.iss === this.serviceId && typeof claims.iat === 'number' && Math.abs(Date.now() / 1000 - claims.iat) < 30;
  }

  /** Starts listening on a free loopback port; returns the base URL to configure as Notify's. */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const json = (status: number, value: unknown) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        const authorised = this.authorised(req.headers.authorization);
        if (req.method === 'POST' && /^\/v2\/notifications\/(email|sms)$/.test(req.url ?? '')) {
          this.received.push({ path: req.url ?? '', body: JSON.parse(raw) as Record<string, unknown>, authorised });
          if (!authorised) return json(403, { errors: [{ error: 'AuthError', message: 'Invalid token' }], status_code: 403 });
          if (this.failing) return json(503, { errors: [{ error: 'ServiceUnavailable', message: 'down' }], status_code: 503 });
          if (this.options.rateLimitFirst && this.received.length === 1)
            return json(429, { errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit' }], status_code: 429 });
          return json(201, { id: randomUUID(), reference: null, content: {}, uri: 'x', template: {} });
        }
        if (req.method === 'GET' && /^\/v2\/notifications\/[0-9a-f-]{36}$/.test(req.url ?? '') && authorised)
          return json(200, { id: req.url?.slice(-36), status: 'delivered' });
        json(404, { errors: [{ error: 'NotFound' }] });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
