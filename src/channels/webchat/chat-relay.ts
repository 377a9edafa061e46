import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { CitizenToServerEvents, ConsoleToServerEvents, ServerToCitizenEvents, ServerToConsoleEvents } from './chat-events.js';
import { ChatRouter } from './chat-router.js';
import { ChatService } from './chat.service.js';

/** Average handling time assumed before there is history to measure it from. */
const DEFAULT_HANDLING_SECONDS = 180;

/** Fans chat events out between the citizen (`/webchat`) and staff (`/console`) namespaces. */
@Injectable()
export class ChatRelay {
  private webchat?: Namespace<CitizenToServerEvents, ServerToCitizenEvents>;
  private console?: Namespace<ConsoleToServerEvents, ServerToConsoleEvents>;

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

  toChat<E extends keyof ServerToCitizenEvents>(chatId: string, event: E, ...payload: Parameters<ServerToCitizenEvents[E]>): void {
    this.webchat?.to(ChatRelay.chatRoom(chatId)).emit(event, ...payload);
  }

  toConsole<E extends keyof ServerToConsoleEvents>(chatId: string, event: E, ...payload: Parameters<ServerToConsoleEvents[E]>): void {
    this.console?.to(ChatRelay.chatRoom(chatId)).emit(event, ...payload);
  }

  /** Tells staff what is waiting and each waiting citizen where they stand; offers chats where routing is automatic. */
  async queueChanged(organisationId: string): Promise<void> {
    for (const offer of await this.router.route(organisationId)) {
      this.console?.to(`user:${offer.advisorId}`).emit('chat:offer', { chatId: offer.chatId, expiresInSeconds: offer.expiresInSeconds });
    }
    const waiting = await this.chats.waitingFor(organisationId);
    this.console?.to(ChatRelay.organisationRoom(organisationId)).emit('queue:updated', { waiting });
    if (waiting.length === 0) return;
    const advisors = this.console ? (await this.console.in(ChatRelay.organisationRoom(organisationId)).fetchSockets()).length : 0;
    const handling = (await this.chats.averageHandlingSeconds(organisationId)) ?? DEFAULT_HANDLING_SECONDS;
    waiting.forEach((chat, index) => {
      const position = index + 1;
      this.toChat(chat.chatId, 'chat:queue', { position, estimatedWaitSeconds: Math.round((position * handling) / Math.max(1, advisors)) });
    });
  }

  async waitingSnapshot(organisationId: string) {
    return { waiting: await this.chats.waitingFor(organisationId) };
  }
}
