import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { ChatService } from './chat.service.js';

/** Average handling time assumed before there is history to measure it from. */
const DEFAULT_HANDLING_SECONDS = 180;

/** Fans chat events out between the citizen (`/webchat`) and staff (`/console`) namespaces. */
@Injectable()
export class ChatRelay {
  private webchat?: Namespace;
  private console?: Namespace;

  constructor(private readonly chats: ChatService) {}

  static chatRoom(chatId: string): string {
    return `chat:${chatId}`;
  }

  static organisationRoom(organisationId: string): string {
    return `organisation:${organisationId}`;
  }

  attachWebchat(namespace: Namespace): void {
    this.webchat = namespace;
  }

  attachConsole(namespace: Namespace): void {
    this.console = namespace;
  }

  /** Puts every console socket of an advisor (on any instance) into a chat's room. */
  joinAdvisor(advisorId: string, chatId: string): void {
    this.console?.in(`user:${advisorId}`).socketsJoin(ChatRelay.chatRoom(chatId));
  }

  toChat(chatId: string, event: string, payload: unknown): void {
    this.webchat?.to(ChatRelay.chatRoom(chatId)).emit(event, payload);
  }

  toConsole(chatId: string, event: string, payload: unknown): void {
    this.console?.to(ChatRelay.chatRoom(chatId)).emit(event, payload);
  }

  /** Tells staff what is waiting and each waiting citizen where they stand. */
  async queueChanged(organisationId: string): Promise<void> {
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
