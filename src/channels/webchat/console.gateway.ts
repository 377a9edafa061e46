import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { Principal } from '../../common/request-context.js';
import { AccessTokenService } from '../../identity/access-token.service.js';
import type { ConsoleToServerEvents, ServerToConsoleEvents } from '../../contracts/chat-events.js';
import { ChatRelay } from './chat-relay.js';
import { ChatTransfer } from './chat-transfer.js';
import { ChatService } from './chat.service.js';
import { ChatRouter } from './chat-router.js';
import { SafeguardingFlags } from '../../safeguarding/safeguarding-flags.service.js';
import { ReplyNotices } from '../../replies/reply-notices.js';
import { RingingCalls } from '../phone/ringing-calls.js';
import { WorkRouter } from '../../work-queues/work-router.js';
import type { Subscription } from 'rxjs';
import { DomainError } from '../../common/errors/domain-error.js';
import { AdvisorMessageDto, ChatRefDto, PresenceDto, RenewTokenDto, TransferChatDto } from './dto/chat.dto.js';
import { acknowledge, rateLimited, socketPayload, withinRate } from './socket-payload.js';

type StaffSocket = Socket<ConsoleToServerEvents, ServerToConsoleEvents> & {
  data: { principal: Principal; token: string; rate?: { tokens: number; at: number } };
};

const RECHECK_MS = 5000;

/** Every console event draws on one bucket per socket (10 a second, bursts of 20): a flood of any event is refused, not run. */
const withinConsoleRate = (socket: StaffSocket) => withinRate(socket.data, 10, 20);

/**
 * The advisor console (`/console`): authenticated with the same access tokens and the same account check as
 * HTTP; advisors and supervisors only. A socket whose account is disabled is dropped within seconds.
 */
@WebSocketGateway({ namespace: '/console' })
export class ConsoleGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(ConsoleGateway.name);
  private recheck?: NodeJS.Timeout;
  private sweep?: NodeJS.Timeout;
  private flags?: Subscription;
  private answers?: Subscription;
  private ringing?: Subscription;
  private work?: Subscription;
  @WebSocketServer() namespace: Namespace<ConsoleToServerEvents, ServerToConsoleEvents>;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly chats: ChatService,
    private readonly relay: ChatRelay,
    private readonly router: ChatRouter,
    private readonly safeguarding: SafeguardingFlags,
    private readonly transfers: ChatTransfer,
    private readonly replyNotices: ReplyNotices,
    private readonly ringingCalls: RingingCalls,
    private readonly workRouter: WorkRouter,
  ) {}

  afterInit(namespace: Namespace<ConsoleToServerEvents, ServerToConsoleEvents>): void {
    this.relay.attachConsole(namespace);
    // Safeguarding flags from every channel reach every console of the organisation, on every instance (the adapter).
    this.flags = this.safeguarding.alerts.subscribe((alert) => {
      if (alert.event === 'safeguarding:flagged') this.relay.toOrganisation(alert.organisationId, 'safeguarding:flagged', alert.flag);
      else this.relay.toOrganisation(alert.organisationId, 'safeguarding:reviewed', alert.flag);
    });
    // A citizen answered a reply: to the consoles of the advisor who sent it, on every instance.
    this.answers = this.replyNotices.alerts.subscribe((alert) => this.relay.toUser(alert.advisorId, 'reply:answered', alert.answer));
    this.ringing = this.ringingCalls.alerts.subscribe((alert) => this.relay.toUser(alert.advisorId, 'call:ringing', alert.call));
    // Work assigned automatically: to that advisor's consoles, on every instance.
    this.work = this.workRouter.alerts.subscribe((alert) => this.relay.toUser(alert.advisorId, 'work:assigned', alert.work));
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      if (typeof token !== 'string') return next(new Error('unauthorised'));
      this.tokens.verify(token).then(
        (principal) => {
          if (principal.role !== 'advisor' && principal.role !== 'supervisor') return next(new Error('forbidden'));
          Object.assign((socket as StaffSocket).data, { principal, token });
          next();
        },
        () => next(new Error('unauthorised')),
      );
    });
    this.recheck = setInterval(() => void this.dropRevoked(), RECHECK_MS);
    this.recheck.unref();
    // Offers that timed out go to the next advisor even when nothing else happens.
    this.sweep = setInterval(() => void this.reoffer(), 1000);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    if (this.recheck) clearInterval(this.recheck);
    if (this.sweep) clearInterval(this.sweep);
    this.flags?.unsubscribe();
    this.answers?.unsubscribe();
    this.ringing?.unsubscribe();
    this.work?.unsubscribe();
  }

  /** Re-offers for the automatic-routing organisations whose advisors have this instance's consoles open. */
  private async reoffer(): Promise<void> {
    try {
      const local = new Set<string>();
      for (const socket of this.namespace.sockets.values()) {
        const organisationId = (socket.data as { principal?: Principal }).principal?.organisationId;
        if (organisationId) local.add(organisationId);
      }
      if (local.size === 0) return;
      for (const organisationId of await this.router.automaticOrganisations())
        if (local.has(organisationId)) await this.relay.queueChanged(organisationId);
    } catch (error) {
      this.logger.warn({ msg: 'routing sweep failed', errorName: (error as Error).name });
    }
  }

  async handleConnection(socket: StaffSocket): Promise<void> {
    const { principal } = socket.data;
    if (!principal) return;
    // Nest does not await this handler: a failure here (the database away) must end this socket, never the process.
    try {
      await socket.join([ChatRelay.organisationRoom(principal.organisationId), `user:${principal.userId}`]);
      await this.router.connected(principal.organisationId, principal.userId);
      socket.emit('queue:updated', await this.relay.waitingSnapshot(principal.organisationId));
      this.relay.queueChangedSoon(principal.organisationId);
    } catch (error) {
      this.logger.error({
        msg: 'console connection failed',
        errorName: (error as Error).name,
        errorCode: (error as { code?: unknown }).code,
      });
      socket.disconnect(true);
    }
  }

  async handleDisconnect(socket: StaffSocket): Promise<void> {
    const { principal } = socket.data;
    if (principal) await this.router.disconnected(principal.organisationId, principal.userId).catch(() => undefined);
  }

  /**
   * A renewed token for the same account takes the old one's place on this connection (the periodic re-check reads
   * it); a token of anyone else, or one that does not stand, is refused and the connection keeps what it had.
   */
  @SubscribeMessage('auth:renew')
  renew(@ConnectedSocket() socket: StaffSocket, @MessageBody() data: unknown) {
    if (!withinConsoleRate(socket)) return rateLimited();
    return acknowledge(
      async () => {
        const { token } = await socketPayload(RenewTokenDto, data);
        const principal = await this.tokens.verify(token).catch(() => undefined);
        const current = socket.data.principal;
        if (!principal || principal.userId !== current.userId || principal.organisationId !== current.organisationId) {
          throw new DomainError(401, 'UNAUTHENTICATED', 'That token does not renew this connection');
        }
        if (principal.role !== 'advisor' && principal.role !== 'supervisor')
          throw new DomainError(403, 'FORBIDDEN', 'The console is for advisors and supervisors');
        Object.assign(socket.data, { principal, token });
        return { renewed: true as const };
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('presence:set')
  presence(@ConnectedSocket() socket: StaffSocket, @MessageBody() data: unknown) {
    if (!withinConsoleRate(socket)) return rateLimited();
    return acknowledge(
      async () => {
        const { status } = await socketPayload(PresenceDto, data);
        await this.router.setPresence(socket.data.principal.organisationId, socket.data.principal.userId, status);
        this.relay.queueChangedSoon(socket.data.principal.organisationId);
        return { status };
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:accept')
  accept(@ConnectedSocket() socket: StaffSocket, @MessageBody() data: unknown) {
    if (!withinConsoleRate(socket)) return rateLimited();
    return acknowledge(
      async () => {
        const { chatId } = await socketPayload(ChatRefDto, data);
        const accepted = await this.chats.accept(socket.data.principal, chatId);
        await socket.join(ChatRelay.chatRoom(chatId));
        this.relay.toChat(chatId, 'chat:assigned', { advisorName: accepted.advisorName });
        this.relay.queueChangedSoon(socket.data.principal.organisationId);
        return { chatId, enquiryId: accepted.enquiryId, transcript: accepted.transcript, dangerKinds: accepted.dangerKinds };
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:message')
  message(@ConnectedSocket() socket: StaffSocket, @MessageBody() data: unknown) {
    if (!withinConsoleRate(socket)) return rateLimited();
    return acknowledge(
      async () => {
        const { chatId, text } = await socketPayload(AdvisorMessageDto, data);
        const ref = { chatId, organisationId: socket.data.principal.organisationId };
        const message = await this.chats.post(ref, 'advisor', text, socket.data.principal);
        this.relay.toChat(chatId, 'chat:message', message);
        socket.to(ChatRelay.chatRoom(chatId)).emit('chat:message', { chatId, ...message });
        return { id: message.id, seq: message.seq, sentAt: message.sentAt };
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:typing')
  typing(@ConnectedSocket() socket: StaffSocket, @MessageBody() data: unknown) {
    if (!withinConsoleRate(socket)) return undefined;
    const chatId = (data as { chatId?: unknown } | undefined)?.chatId;
    if (typeof chatId === 'string' && socket.rooms.has(ChatRelay.chatRoom(chatId)))
      this.relay.toChat(chatId, 'chat:typing', { from: 'advisor' });
    return undefined;
  }

  @SubscribeMessage('chat:transfer')
  transfer(@ConnectedSocket() socket: StaffSocket, @MessageBody() data: unknown) {
    if (!withinConsoleRate(socket)) return rateLimited();
    return acknowledge(
      async () => {
        const { chatId, toAdvisorId } = await socketPayload(TransferChatDto, data);
        const moved = await this.transfers.move(socket.data.principal, chatId, toAdvisorId);
        return moved;
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:end')
  end(@ConnectedSocket() socket: StaffSocket, @MessageBody() data: unknown) {
    if (!withinConsoleRate(socket)) return rateLimited();
    return acknowledge(
      async () => {
        const { chatId } = await socketPayload(ChatRefDto, data);
        const ended = await this.chats.end(
          { chatId, organisationId: socket.data.principal.organisationId },
          'advisor',
          socket.data.principal,
        );
        this.relay.toChat(chatId, 'chat:ended', ended);
        return { chatId, ...ended };
      },
      (error) => this.logger.error(error),
    );
  }

  /** Disconnects every console socket whose account was disabled, re-keyed or changed role, or whose sign-in ended, since it connected. */
  private async dropRevoked(): Promise<void> {
    // This instance's sockets only (every instance checks its own), all in one account check.
    const sockets = [...this.namespace.sockets.values()];
    const tokens = sockets.map((socket) => (socket.data as { token?: string }).token).filter((token): token is string => Boolean(token));
    if (tokens.length === 0) return;
    try {
      const valid = await this.tokens.verifyMany(tokens);
      for (const socket of sockets) {
        const token = (socket.data as { token?: string }).token;
        const role = token ? valid.get(token)?.role : undefined;
        if (token && role !== 'advisor' && role !== 'supervisor') socket.disconnect(true);
      }
    } catch (error) {
      this.logger.warn({ msg: 'console account re-check failed', errorName: (error as Error).name });
    }
  }
}
