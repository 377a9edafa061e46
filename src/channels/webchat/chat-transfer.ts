import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/request-context.js';
import { ChatRelay } from './chat-relay.js';
import { ChatService } from './chat.service.js';

/**
 * Moving a chat in progress to another advisor with room, or back to the queue: the one use case behind an
 * advisor's transfer (console socket) and a supervisor's reassignment (HTTP). Every connection of the advisor who
 * had it leaves the chat's room (a second tab included), the new advisor's connections join it and the citizen is
 * told who has them now; the organisation's consoles get the changed queue.
 */
@Injectable()
export class ChatTransfer {
  constructor(
    private readonly chats: ChatService,
    private readonly relay: ChatRelay,
  ) {}

  async move(
    principal: Principal,
    chatId: string,
    toAdvisorId?: string,
  ): Promise<{ chatId: string; status: 'queued' | 'active'; advisorName?: string }> {
    const moved = await this.chats.transfer(principal, chatId, toAdvisorId);
    this.relay.leaveAllAdvisors(chatId);
    if (moved.advisorName && toAdvisorId) {
      this.relay.joinAdvisor(toAdvisorId, chatId);
      this.relay.toChat(chatId, 'chat:assigned', { advisorName: moved.advisorName });
    }
    this.relay.queueChangedSoon(principal.organisationId);
    return moved;
  }
}
