import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type {
  CitizenToServerEvents,
  ConsoleToServerEvents,
  ServerToCitizenEvents,
  ServerToConsoleEvents,
} from '../../contracts/chat-events.js';
import { ChatRouter } from './chat-router.js';
import { ChatService } from './chat.service.js';

/** Average handling time assumed before there is history to measure it from. */
const DEFAULT_HANDLING_SECONDS = 180;

/** How many waiting chats the console's queue list shows (with the total beside it). */
const CONSOLE_QUEUE_LIMIT = 200;

/**
 * How long the changes to an organisation's queue gather before one update tells everyone (queueChangedSoon):
 * during a surge of chat starts, a few updates a second rather than one per start, and no start waits for one.
 */
export const QUEUE_TICK_MS = 200;

/** Fans chat events out between the citizen (`/webchat`) and staff (`/console`) namespaces. */
@Injectable()
export class ChatRelay implements OnModuleDestroy {
  private readonly logger = new Logger(ChatRelay.name);
  private webchat?: Namespace<CitizenToServerEvents, ServerToCitizenEvents>;
  private console?: Namespace<ConsoleToServerEvents, ServerToConsoleEvents>;
  /** Per organisation, the queue update running now and the one due after it. */
  private readonly runningRuns = new Map<string, Promise<void>>();
  private readonly pendingRuns = new Map<string, Promise<void>>();
  /** Per organisation, what each waiting citizen was last told ("position/estimate"). */
  private readonly toldPositions = new Map<string, Map<string, string>>();
  /** Per organisation, the queue update due at the end of the current tick. */
  private readonly dueSoon = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly chats: ChatService,
    private readonly router: ChatRouter,
  ) {}

  static chatRoom(chatId: string): string {
    return `chat:${chatId}`;
  }

  static organisationRoom(organisationId: string): string {
    return `organisation:${organisationId}`;
  }

  attachWebchat(namespace: Namespace<CitizenToServerEvents, ServerToCitizenEvents>): void {
    this.webchat = namespace;
  }

  attachConsole(namespace: Namespace<ConsoleToServerEvents, ServerToConsoleEvents>): void {
    this.console = namespace;
  }

  /** Puts every console socket of an advisor (on any instance) into a chat's room. */
  joinAdvisor(advisorId: string, chatId: string): void {
    this.console?.in(`user:${advisorId}`).socketsJoin(ChatRelay.chatRoom(chatId));
  }

  /** Takes a chat away from every console it was open in (it moved to another advisor or back to the queue). */
  leaveAllAdvisors(chatId: string): void {
    this.console?.in(ChatRelay.chatRoom(chatId)).socketsLeave(ChatRelay.chatRoom(chatId));
  }

  toChat<E extends keyof ServerToCitizenEvents>(chatId: string, event: E, ...payload: Parameters<ServerToCitizenEvents[E]>): void {
    this.webchat?.to(ChatRelay.chatRoom(chatId)).emit(event, ...payload);
  }

  toConsole<E extends keyof ServerToConsoleEvents>(chatId: string, event: E, ...payload: Parameters<ServerToConsoleEvents[E]>): void {
    this.console?.to(ChatRelay.chatRoom(chatId)).emit(event, ...payload);
  }

  /** To every console of one member of staff, on any instance. */
  toUser<E extends keyof ServerToConsoleEvents>(userId: string, event: E, ...payload: Parameters<ServerToConsoleEvents[E]>): void {
    this.console?.to(`user:${userId}`).emit(event, ...payload);
  }

  /** To every console of the organisation (its advisors and supervisors), on any instance. */
  toOrganisation<E extends keyof ServerToConsoleEvents>(
    organisationId: string,
    event: E,
    ...payload: Parameters<ServerToConsoleEvents[E]>
  ): void {
    this.console?.to(ChatRelay.organisationRoom(organisationId)).emit(event, ...payload);
  }

  /**
   * Tells staff what is waiting and each waiting citizen where they stand; offers chats where routing is
   * automatic. Coalesced per organisation: while one update runs, any number of further changes make one
   * more run after it, so a burst of starts or accepts costs a few updates rather than one each.
   */
  queueChanged(organisationId: string): Promise<void> {
    // A run that has not started yet will see this change: join it.
    const waiting = this.pendingRuns.get(organisationId);
    if (waiting) return waiting;
    const running = this.runningRuns.get(organisationId) ?? Promise.resolve();
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.pendingRuns.delete(organisationId);
        const run = this.updateQueue(organisationId);
        this.runningRuns.set(organisationId, run);
        return run.finally(() => {
          if (this.runningRuns.get(organisationId) === run) this.runningRuns.delete(organisationId);
        });
      });
    this.pendingRuns.set(organisationId, next);
    return next;
  }

  /**
   * The queue changed (a chat started, was taken, moved or ended; an advisor came or went): one update for all the
   * changes of the next QUEUE_TICK_MS, run then, so that the event that changed it is answered without waiting.
   */
  queueChangedSoon(organisationId: string): void {
    if (this.dueSoon.has(organisationId)) return;
    const timer = setTimeout(() => {
      this.dueSoon.delete(organisationId);
      this.queueChanged(organisationId).catch((error: unknown) =>
        this.logger.warn({ msg: 'queue update failed', errorName: (error as Error).name }),
      );
    }, QUEUE_TICK_MS);
    timer.unref();
    this.dueSoon.set(organisationId, timer);
  }

  onModuleDestroy(): void {
    for (const timer of this.dueSoon.values()) clearTimeout(timer);
    this.dueSoon.clear();
  }

  private async updateQueue(organisationId: string): Promise<void> {
    for (const offer of await this.router.route(organisationId)) {
      this.console?.to(`user:${offer.advisorId}`).emit('chat:offer', { chatId: offer.chatId, expiresInSeconds: offer.expiresInSeconds });
    }
    const { chatIds: waiting, head } = await this.chats.queue(organisationId, CONSOLE_QUEUE_LIMIT);
    this.console?.to(ChatRelay.organisationRoom(organisationId)).emit('queue:updated', { waiting: head, total: waiting.length });
    const told = this.toldPositions.get(organisationId) ?? new Map<string, string>();
    this.toldPositions.set(organisationId, told);
    if (waiting.length === 0) {
      told.clear();
      return;
    }
    const advisors = this.console ? (await this.console.in(ChatRelay.organisationRoom(organisationId)).fetchSockets()).length : 0;
    const handling = (await this.chats.averageHandlingSeconds(organisationId)) ?? DEFAULT_HANDLING_SECONDS;
    const stillWaiting = new Set<string>();
    waiting.forEach((chatId, index) => {
      const position = index + 1;
      const update = { position, estimatedWaitSeconds: Math.round((position * handling) / Math.max(1, advisors)) };
      const key = `${update.position}/${update.estimatedWaitSeconds}`;
      stillWaiting.add(chatId);
      // Only citizens whose place or estimate moved hear about it (a resumed citizen is told afresh).
      if (told.get(chatId) === key) return;
      told.set(chatId, key);
      this.toChat(chatId, 'chat:queue', update);
    });
    for (const chatId of told.keys()) if (!stillWaiting.has(chatId)) told.delete(chatId);
  }

  /** Forgets what a citizen was last told, so the next update tells them again (after a reconnection). */
  forgetPosition(organisationId: string, chatId: string): void {
    this.toldPositions.get(organisationId)?.delete(chatId);
  }

  async waitingSnapshot(organisationId: string) {
    const waiting = await this.chats.waitingFor(organisationId, CONSOLE_QUEUE_LIMIT);
    return { waiting, total: waiting.length < CONSOLE_QUEUE_LIMIT ? waiting.length : await this.chats.waitingCount(organisationId) };
  }
}
