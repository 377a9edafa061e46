import { io, type Socket } from 'socket.io-client';
import type { ChatEnded, ChatLine, CitizenToServerEvents, ServerToCitizenEvents } from '../../../src/contracts/chat-events.js';
import { ask, isRefusal } from '../shared/socket-ask.js';

export type { ChatLine } from '../../../src/contracts/chat-events.js';

/** A citizen's connection to `/webchat`, typed by the service's event maps. */
type CitizenSocket = Socket<ServerToCitizenEvents, CitizenToServerEvents>;

export interface SessionEvents {
  queue(update: { position: number; estimatedWaitSeconds: number }): void;
  assigned(update: { advisorName: string }): void;
  message(line: ChatLine): void;
  typing(): void;
  ended(update: ChatEnded): void;
  connection(state: 'connected' | 'reconnecting' | 'lost'): void;
}

interface Stored {
  resumeToken: string;
  reference: string;
}

const storageKey = (organisation: string) => `signpost-chat:${organisation}`;

/**
 * One citizen's chat over socket.io. Nothing is kept in the browser until the chat has started; then the
 * resume token and reference are kept in this tab's session storage, so a reload picks the chat up again,
 * and removed when the chat ends.
 */
export class ChatSession {
  private socket?: CitizenSocket;

  constructor(
    readonly organisation: string,
    private readonly events: SessionEvents,
  ) {}

  /** The chat this tab already had, if any. */
  static stored(organisation: string): Stored | undefined {
    try {
      const text = sessionStorage.getItem(storageKey(organisation));
      return text ? (JSON.parse(text) as Stored) : undefined;
    } catch {
      return undefined;
    }
  }

  async start(input: {
    name?: string;
    privacyNoticeVersion: string;
    topic?: string;
  }): Promise<{ reference: string; queuePosition: number }> {
    const socket = await this.connect({});
    const answer = await ask(socket, 20_000, 'chat:start', {
      organisation: this.organisation,
      consent: { accepted: true, privacyNoticeVersion: input.privacyNoticeVersion },
      ...(input.name ? { name: input.name } : {}),
    });
    if (isRefusal(answer)) throw new ChatRefusal(answer.error, answer.code);
    sessionStorage.setItem(storageKey(this.organisation), JSON.stringify({ resumeToken: answer.resumeToken, reference: answer.reference }));
    // Reconnections from now on resume this chat.
    socket.auth = { resumeToken: answer.resumeToken, lastSeq: 0 };
    return { reference: answer.reference, queuePosition: answer.queuePosition };
  }

  /** Picks up the stored chat: every message so far arrives again, in order. */
  async resume(stored: Stored): Promise<void> {
    try {
      await this.connect({ resumeToken: stored.resumeToken, lastSeq: 0 });
    } catch (error) {
      this.forget();
      throw error;
    }
  }

  async leaveMessage(input: {
    name: string;
    email?: string;
    phone?: string;
    text: string;
    privacyNoticeVersion: string;
  }): Promise<{ reference: string }> {
    const socket = await this.connect({});
    const answer = await ask(socket, 20_000, 'chat:leave-message', {
      organisation: this.organisation,
      consent: { accepted: true, privacyNoticeVersion: input.privacyNoticeVersion },
      name: input.name,
      text: input.text,
      ...(input.email ? { email: input.email } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
    });
    socket.disconnect();
    if (isRefusal(answer)) throw new ChatRefusal(answer.error, answer.code);
    return { reference: answer.reference };
  }

  async send(text: string): Promise<ChatLine> {
    if (!this.socket) throw new ChatRefusal('The chat is not connected');
    const answer = await ask(this.socket, 20_000, 'chat:message', { text });
    if (isRefusal(answer)) throw new ChatRefusal(answer.error, answer.code);
    return { id: answer.id, seq: answer.seq, from: 'citizen', text, sentAt: answer.sentAt };
  }

  typing(): void {
    this.socket?.emit('chat:typing');
  }

  async end(): Promise<void> {
    if (!this.socket) return;
    const answer = await ask(this.socket, 20_000, 'chat:end');
    if (isRefusal(answer)) throw new ChatRefusal(answer.error, answer.code);
    this.finish(answer);
  }

  close(): void {
    this.socket?.disconnect();
  }

  private finish(update: ChatEnded): void {
    this.forget();
    this.socket?.disconnect();
    this.events.ended(update);
  }

  private forget(): void {
    try {
      sessionStorage.removeItem(storageKey(this.organisation));
    } catch {
      // storage unavailable: nothing to forget
    }
  }

  private connect(auth: Record<string, unknown>): Promise<CitizenSocket> {
    this.socket?.disconnect();
    const socket: CitizenSocket = io('/webchat', { transports: ['websocket'], auth, reconnectionAttempts: 10 });
    this.socket = socket;
    socket.on('chat:queue', (update) => this.events.queue(update));
    socket.on('chat:assigned', (update) => this.events.assigned(update));
    socket.on('chat:message', (line) => this.events.message(line));
    socket.on('chat:typing', () => this.events.typing());
    socket.on('chat:ended', (update) => this.finish(update));
    socket.io.on('reconnect_attempt', () => this.events.connection('reconnecting'));
    socket.io.on('reconnect_failed', () => this.events.connection('lost'));
    socket.on('connect', () => this.events.connection('connected'));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        if (!socket.active)
          reject(
            new ChatRefusal(error.message === 'invalid resume token' ? 'This chat has ended' : 'Webchat is not available at the moment'),
          );
      });
    });
  }
}

export class ChatRefusal extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
