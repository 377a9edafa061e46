import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A real HTTP receiver on loopback standing in for a back-office system. `respond` decides each answer;
 * `accepted` keeps what its business logic would process, deduplicated on webhook-id as the spec advises.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly accepted = new Map<string, unknown>();
  respond: (attempt: number, request: http.IncomingMessage) => { status: number; headers?: Record<string, string> } = () => ({
    status: 204,
  });
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const answer = this.respond(this.requests.length + 1, request);
        this.requests.push({ headers: request.headers, body, status: answer.status });
        const id = String(request.headers['webhook-id']);
        if (answer.status >= 200 && answer.status < 300 && !this.accepted.has(id)) this.accepted.set(id, JSON.parse(body));
        response.writeHead(answer.status, answer.headers ?? {});
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/referrals`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}
