import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

/** One HTTP exchange: the status and JSON body, or the error that ended it (ECONNREFUSED, ECONNRESET, timeout). */
export type Outcome = { status: number; body: Record<string, unknown>; ms: number } | { error: string; ms: number };

/**
 * A request on a connection of its own (no keep-alive): a reused socket racing a server's closing of it would
 * produce resets that say nothing about the server. Every wait is bounded.
 */
export function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Outcome> {
  const started = Date.now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = http.request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => {
          let body: Record<string, unknown>;
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { unparsed: text.slice(0, 200) };
          }
          done({ status: response.statusCode ?? 0, body, ms: Date.now() - started });
        });
        response.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message, ms: Date.now() - started }));
      },
    );
    request.setTimeout(options.timeoutMs ?? 15_000, () => {
      request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message, ms: Date.now() - started }));
    request.end(payload);
  });
}

/** The body of an answered request; throws for a connection that failed (the caller expected an answer). */
export function bodyOf(outcome: Outcome): Record<string, unknown> {
  if (!('status' in outcome)) throw new Error(`no answer: ${outcome.error}`);
  return outcome.body;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function loginAs(base: string, email: string, password = 'signpost-demo'): Promise<string> {
  const outcome = await call(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (!('status' in outcome) || outcome.status !== 200) throw new Error(`login of ${email} failed: ${JSON.stringify(outcome)}`);
  return outcome.body.accessToken as string;
}

/** What the service acknowledged, kind by kind, and what every attempt came to. */
export class Ledger {
  readonly enquiries: { id: string; marker: string }[] = [];
  readonly messages: { id: string; seq: number; chatId: string; text: string }[] = [];
  readonly escalations: { id: string; enquiryId: string }[] = [];
  /** Outcome counts: "201", "503 DATABASE_UNAVAILABLE", "ECONNREFUSED", "ack", "ack-timeout"… */
  readonly outcomes = new Map<string, number>();
  /** The slowest answer of each kind (ms), to show that nothing hung. */
  readonly slowest = new Map<string, number>();

  count(kind: string, outcome: Outcome | string): void {
    const key =
      typeof outcome === 'string'
        ? `${kind} ${outcome}`
        : 'status' in outcome
          ? `${kind} ${outcome.status}${outcome.status >= 400 ? ` ${String(outcome.body.code ?? '')}` : ''}`
          : `${kind} ${outcome.error}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    if (typeof outcome !== 'string') this.slowest.set(kind, Math.max(this.slowest.get(kind) ?? 0, outcome.ms));
  }

  summary(): string {
    return [...this.outcomes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key}: ${n}`)
      .join(', ');
  }
}

export function enquiryBody(marker: string): Record<string, unknown> {
  return {
    channel: 'phone',
    requesterType: 'citizen',
    subject: { name: `Resilience ${marker.slice(0, 8)}`, phone: '07700 900123' },
    description: marker,
    legalBasis: 'public_task',
  };
}

/** A load generator: start it, stop it (and wait for its last request to settle). */
export interface Actor {
  stop(): Promise<void>;
}

function loop(work: (running: () => boolean) => Promise<void>): Actor {
  let running = true;
  const done = work(() => running);
  return {
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Logs enquiries one after another; a refused or failed one is not retried (it has no idempotency key). */
export function enquiryWriter(base: () => string, token: string, ledger: Ledger, pauseMs = 50): Actor {
  return loop(async (running) => {
    while (running()) {
      const marker = `resilience-enquiry-${randomUUID()}`;
      const outcome = await call(base(), 'POST', '/api/enquiries', { token, body: enquiryBody(marker) });
      ledger.count('enquiry', outcome);
      if ('status' in outcome && outcome.status === 201) ledger.enquiries.push({ id: outcome.body.id as string, marker });
      await sleep('status' in outcome ? pauseMs : 200);
    }
  });
}

/** Logs an enquiry and escalates it to `service`, again and again. */
export function escalator(base: () => string, token: string, service: string, ledger: Ledger, pauseMs = 50): Actor {
  return loop(async (running) => {
    while (running()) {
      const marker = `resilience-escalated-${randomUUID()}`;
      const created = await call(base(), 'POST', '/api/enquiries', { token, body: enquiryBody(marker) });
      ledger.count('enquiry', created);
      if (!('status' in created) || created.status !== 201) {
        await sleep(200);
        continue;
      }
      const enquiryId = created.body.id as string;
      ledger.enquiries.push({ id: enquiryId, marker });
      const escalated = await call(base(), 'POST', `/api/enquiries/${enquiryId}/escalations`, {
        token,
        body: { service, reasonForReferral: `Referral for ${marker}`, actionsAlreadyTaken: 'None' },
      });
      ledger.count('escalation', escalated);
      if ('status' in escalated && escalated.status === 201) ledger.escalations.push({ id: escalated.body.id as string, enquiryId });
      await sleep('status' in escalated ? pauseMs : 200);
    }
  });
}

/**
 * A citizen in a webchat: starts a chat (consent given), then sends a message every `everyMs` while connected.
 * When the connection drops it reconnects with its resume token; a message whose acknowledgement never came is
 * not sent again (socket.io has no idempotency key either), so it is neither acknowledged nor counted.
 */
export function citizen(url: () => string, organisation: string, ledger: Ledger, everyMs = 250): Actor & { socket(): Socket } {
  let resumeToken: string | undefined;
  let chatId: string | undefined;
  const socket = io(`${url()}/webchat`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 500,
    timeout: 5000,
    auth: (callback) => callback(resumeToken ? { resumeToken } : {}),
  });
  // A refusal by the server's middleware (the database is down: "try again later") is not retried by the client.
  socket.on('connect_error', (error) => {
    ledger.count('chat-connect', `refused: ${error.message}`);
    if (!socket.active) setTimeout(() => socket.connect(), 300);
  });
  let stopped = false;
  const actor = loop(async (running) => {
    while (running()) {
      if (!socket.connected) {
        await sleep(100);
        continue;
      }
      if (!chatId) {
        const started = (await socket
          .timeout(5000)
          .emitWithAck('chat:start', { organisation, consent: { accepted: true, privacyNoticeVersion: '1' }, name: 'Resilience Citizen' })
          .catch(() => ({ error: 'ack-timeout' }))) as { chatId?: string; resumeToken?: string; error?: string; code?: string };
        ledger.count('chat-start', started.chatId ? 'ack' : (started.code ?? started.error ?? 'refused'));
        if (started.chatId) {
          chatId = started.chatId;
          resumeToken = started.resumeToken;
        } else await sleep(200);
        continue;
      }
      const text = `resilience message ${letters()}`;
      const ack = (await socket
        .timeout(5000)
        .emitWithAck('chat:message', { text })
        .catch(() => ({ error: 'ack-timeout' }))) as { id?: string; seq?: number; error?: string; code?: string };
      if (ack.id) {
        ledger.messages.push({ id: ack.id, seq: ack.seq as number, chatId, text });
        ledger.count('chat-message', 'ack');
      } else ledger.count('chat-message', ack.code ?? ack.error ?? 'refused');
      await sleep(everyMs);
    }
  });
  return {
    socket: () => socket,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await actor.stop();
      socket.disconnect();
    },
  };
}

/**
 * A unique tag without digits: the webchat's safety rail removes anything that looks like a card number (12 to 19
 * digits in groups) before storing, and a uuid beside a counter sometimes does.
 */
export function letters(): string {
  return randomUUID()
    .replace(/-/g, '')
    .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)]);
}

/** Counts per value, for "present exactly once". */
export function tally<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
