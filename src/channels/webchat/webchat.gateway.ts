import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { CitizenToServerEvents, ServerToCitizenEvents } from '../../contracts/chat-events.js';
import { SAFE_PAYMENT_GUIDANCE, type SafetySignals } from '../safety/safety-signals.js';
import { SafeguardingFlags } from '../../safeguarding/safeguarding-flags.service.js';
import { safeguardingGuidance } from '../../safeguarding/safeguarding-guidance.js';
import { ChatRelay } from './chat-relay.js';
import { ChatService } from './chat.service.js';
import type { ChatRef } from './chat-ref.js';
import { ChatSpecialConsentDto, CitizenMessageDto, LeaveMessageDto, StartChatDto } from './dto/chat.dto.js';
import { acknowledge, rateLimited, socketPayload, withinRate } from './socket-payload.js';
import { BoundedRateWindow } from '../../common/bounded-rate-window.js';
import { clientAddress, trustedProxies, type TrustedProxies } from '../../common/client-address.js';
import { Settings } from '../../config/settings.js';
import { DomainError } from '../../common/errors/domain-error.js';

const MAX_SEQ = 2_147_483_647;

type CitizenSocket = Socket<CitizenToServerEvents, ServerToCitizenEvents> & {
  data: { chat?: ChatRef; rate?: { tokens: number; at: number } };
};

/**
 * The citizen's side of webchat (`/webchat`, no login). A chat starts only with accepted consent; a citizen
 * reconnecting with `auth: {resumeToken, lastSeq?}` gets every message after `lastSeq`, in order, once.
 */
@WebSocketGateway({ namespace: '/webchat' })
export class WebchatGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(WebchatGateway.name);
  @WebSocketServer() namespace: Namespace<CitizenToServerEvents, ServerToCitizenEvents>;

  /** Chat starts (and messages left) per client address per minute, on this instance. */
  private readonly starts: BoundedRateWindow;
  private readonly trusted: TrustedProxies;

  constructor(
    private readonly chats: ChatService,
    private readonly relay: ChatRelay,
    private readonly safeguarding: SafeguardingFlags,
    settings: Settings,
  ) {
    this.starts = new BoundedRateWindow(settings.env.CHAT_STARTS_PER_MINUTE, 60_000);
    this.trusted = trustedProxies(settings.env.TRUST_PROXY);
  }

  /** The citizen's address as HTTP sees it: behind our own proxies, X-Forwarded-For; never what a client claims. */
  private addressOf(socket: CitizenSocket): string {
    return clientAddress(socket.request, this.trusted);
  }

  afterInit(namespace: Namespace<CitizenToServerEvents, ServerToCitizenEvents>): void {
    this.relay.attachWebchat(namespace);
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { resumeToken?: unknown }).resumeToken;
      if (token === undefined) return next();
      if (typeof token !== 'string') return next(new Error('invalid resume token'));
      this.chats.resume(token).then(
        (ref) => {
          if (!ref) return next(new Error('invalid resume token'));
          (socket as CitizenSocket).data.chat = ref;
          next();
        },
        () => next(new Error('try again later')),
      );
    });
  }

  async handleConnection(socket: CitizenSocket): Promise<void> {
    const ref = socket.data.chat;
    if (!ref) return;
    // Nest does not await this handler: a failure here must end this socket, never the process.
    try {
      await socket.join(ChatRelay.chatRoom(ref.chatId));
      // A citizen back in the queue hears their place again.
      this.relay.forgetPosition(ref.organisationId, ref.chatId);
      this.relay.queueChangedSoon(ref.organisationId);
      const lastSeq = Number((socket.handshake.auth as { lastSeq?: unknown }).lastSeq ?? 0);
      // Sequence numbers are 32-bit integers in the database: a larger claim means "nothing missed".
      const missed = await this.chats.messagesAfter(ref, Number.isInteger(lastSeq) && lastSeq >= 0 ? Math.min(lastSeq, MAX_SEQ) : 0);
      for (const message of missed) socket.emit('chat:message', message);
    } catch (error) {
      this.logger.error({ msg: 'chat resume failed', errorName: (error as Error).name, errorCode: (error as { code?: unknown }).code });
      socket.disconnect(true);
    }
  }

  @SubscribeMessage('chat:start')
  start(@ConnectedSocket() socket: CitizenSocket, @MessageBody() data: unknown) {
    if (!withinRate(socket.data)) return rateLimited();
    if (!socket.data.chat && !this.starts.allow(this.addressOf(socket)))
      return { error: 'Too many chats started from this address: try again in a minute', code: 'RATE_LIMITED' };
    return acknowledge(
      async () => {
        if (socket.data.chat) throw new DomainError(409, 'CHAT_ALREADY_STARTED', 'This connection already has a chat');
        const input = await socketPayload(StartChatDto, data);
        const started = await this.chats.start(input);
        socket.data.chat = { chatId: started.chatId, organisationId: started.organisationId };
        await socket.join(ChatRelay.chatRoom(started.chatId));
        // The citizen has their place in the answer; everyone else hears of the change with the next queue update.
        this.relay.queueChangedSoon(started.organisationId);
        return {
          chatId: started.chatId,
          reference: started.reference,
          resumeToken: started.resumeToken,
          queuePosition: started.queuePosition,
        };
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:leave-message')
  leaveMessage(@ConnectedSocket() socket: CitizenSocket, @MessageBody() data: unknown) {
    if (!withinRate(socket.data)) return rateLimited();
    if (!this.starts.allow(this.addressOf(socket)))
      return { error: 'Too many messages from this address: try again in a minute', code: 'RATE_LIMITED' };
    return acknowledge(
      async () => {
        const input = await socketPayload(LeaveMessageDto, data);
        const { reference, organisationId, signals, alert } = await this.chats.leaveMessage(input);
        if (!signals.danger) return { reference };
        // Nobody is there to read it now: someone in danger is told where to turn at once, and supervisors see the flag.
        this.safeguarding.announce(alert);
        return {
          reference,
          guidance: safeguardingGuidance(signals.dangerKinds, await this.safeguarding.contacts(organisationId)),
          dangerKinds: signals.dangerKinds,
        };
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:message')
  message(@ConnectedSocket() socket: CitizenSocket, @MessageBody() data: unknown) {
    if (!withinRate(socket.data)) return rateLimited();
    return acknowledge(
      async () => {
        const ref = this.requireChat(socket);
        const { text } = await socketPayload(CitizenMessageDto, data);
        const { message, cardNumberRemoved, signals } = await this.chats.postFromCitizen(ref, text);
        socket.to(ChatRelay.chatRoom(ref.chatId)).emit('chat:message', message);
        this.relay.toConsole(ref.chatId, 'chat:message', { chatId: ref.chatId, ...message });
        await this.safetyRails(ref, cardNumberRemoved, signals);
        return { id: message.id, seq: message.seq, sentAt: message.sentAt };
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:consent')
  explicitConsent(@ConnectedSocket() socket: CitizenSocket, @MessageBody() data: unknown) {
    if (!withinRate(socket.data)) return rateLimited();
    return acknowledge(
      async () => {
        const ref = this.requireChat(socket);
        const { categories } = await socketPayload(ChatSpecialConsentDto, data);
        return this.chats.recordSpecialConsent(ref, categories);
      },
      (error) => this.logger.error(error),
    );
  }

  @SubscribeMessage('chat:typing')
  typing(@ConnectedSocket() socket: CitizenSocket) {
    if (!withinRate(socket.data)) return undefined;
    const ref = socket.data.chat;
    if (ref) this.relay.toConsole(ref.chatId, 'chat:typing', { chatId: ref.chatId, from: 'citizen' });
    return undefined;
  }

  @SubscribeMessage('chat:end')
  end(@ConnectedSocket() socket: CitizenSocket) {
    if (!withinRate(socket.data)) return rateLimited();
    return acknowledge(
      async () => {
        const ref = this.requireChat(socket);
        const ended = await this.chats.end(ref, 'citizen');
        this.relay.toChat(ref.chatId, 'chat:ended', ended);
        this.relay.toConsole(ref.chatId, 'chat:ended', { chatId: ref.chatId, reference: ended.reference });
        this.relay.queueChangedSoon(ref.organisationId);
        return ended;
      },
      (error) => this.logger.error(error),
    );
  }

  /**
   * What the words of a citizen's message call for, at once: how to pay safely when a card number was removed,
   * the emergency guidance (999) when someone may be in danger — both as system messages in the chat, seen by the
   * citizen and the advisor — and a flag to the organisation's consoles (supervisors see danger; the advisor sees
   * a supplier's bank-detail change as a likely fraud).
   */
  private async safetyRails(ref: ChatRef, cardNumberRemoved: boolean, signals: SafetySignals): Promise<void> {
    const say = async (text: string) => {
      const note = await this.chats.post(ref, 'system', text);
      this.relay.toChat(ref.chatId, 'chat:message', note);
      this.relay.toConsole(ref.chatId, 'chat:message', { chatId: ref.chatId, ...note });
    };
    if (signals.danger) await say(safeguardingGuidance(signals.dangerKinds, await this.safeguarding.contacts(ref.organisationId)));
    if (cardNumberRemoved) await say(SAFE_PAYMENT_GUIDANCE);
    if (signals.danger) {
      const alert = await this.chats.flagDanger(ref, signals.dangerKinds);
      this.relay.toOrganisation(ref.organisationId, 'chat:flagged', {
        chatId: ref.chatId,
        kind: 'danger',
        kinds: signals.dangerKinds,
        ...(alert ? { flagId: alert.flag.flagId } : {}),
      });
      this.safeguarding.announce(alert);
    }
    if (signals.bankDetailsChange) {
      await this.chats.flagLikelyFraud(ref);
      this.relay.toOrganisation(ref.organisationId, 'chat:flagged', { chatId: ref.chatId, kind: 'bank_details_change' });
    }
  }

  private requireChat(socket: CitizenSocket): ChatRef {
    if (!socket.data.chat) throw new DomainError(409, 'NO_CHAT', 'Start a chat first (chat:start)');
    return socket.data.chat;
  }
}
