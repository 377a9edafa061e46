import type { DangerKind } from '../../safeguarding/detector/danger-kinds.js';
import type { ChatMessageView } from './chat.service.js';
import type { SocketError } from './socket-payload.js';

type Ack<T> = (answer: T | SocketError) => void;

/** `/webchat`: what a citizen's client may send, and what it receives. */
export interface CitizenToServerEvents {
  'chat:start': (payload: unknown, ack: Ack<{ chatId: string; reference: string; resumeToken: string; queuePosition: number }>) => void;
  'chat:message': (payload: unknown, ack: Ack<{ id: string; seq: number; sentAt: string }>) => void;
  'chat:consent': (payload: unknown, ack: Ack<{ recorded: true }>) => void;
  'chat:leave-message': (payload: unknown, ack: Ack<{ reference: string; guidance?: string }>) => void;
  'chat:typing': () => void;
  'chat:end': (ack: Ack<{ reference: string }>) => void;
}

export interface ServerToCitizenEvents {
  'chat:message': (message: ChatMessageView) => void;
  'chat:queue': (update: { position: number; estimatedWaitSeconds: number }) => void;
  'chat:assigned': (update: { advisorName: string }) => void;
  'chat:typing': (update: { from: 'advisor' }) => void;
  'chat:ended': (update: { reference: string; transcript?: Omit<ChatMessageView, 'id'>[] }) => void;
}

/** `/console`: what an advisor's console may send, and what it receives. */
export interface ConsoleToServerEvents {
  'chat:accept': (payload: unknown, ack: Ack<{ chatId: string; enquiryId: string; transcript: ChatMessageView[] }>) => void;
  'chat:message': (payload: unknown, ack: Ack<{ id: string; seq: number; sentAt: string }>) => void;
  'chat:transfer': (payload: unknown, ack: Ack<{ chatId: string; status: 'queued' | 'active'; advisorName?: string }>) => void;
  'chat:end': (payload: unknown, ack: Ack<{ chatId: string; reference: string }>) => void;
  'chat:typing': (payload: unknown) => void;
  'presence:set': (payload: unknown, ack: Ack<{ status: 'available' | 'away' }>) => void;
  /** The advisor's renewed access token (POST /api/auth/refresh), so the open connection outlives the old one. */
  'auth:renew': (payload: unknown, ack: Ack<{ renewed: true }>) => void;
}

export interface ServerToConsoleEvents {
  /** The oldest waiting chats (at most 200) and how many wait in all. */
  'queue:updated': (update: { waiting: { chatId: string; waitingSince: string }[]; total: number }) => void;
  'chat:offer': (offer: { chatId: string; expiresInSeconds: number }) => void;
  'chat:message': (message: ChatMessageView & { chatId: string }) => void;
  'chat:typing': (update: { chatId: string; from: 'citizen' }) => void;
  'chat:ended': (update: { chatId: string; reference: string }) => void;
  /**
   * A safety rail tripped in a chat: `danger` (emergency guidance was shown to the citizen; supervisors take a look)
   * or `bank_details_change` (a likely fraud pattern: never change a supplier's bank details from a chat).
   */
  'chat:flagged': (flag: { chatId: string; kind: 'danger' | 'bank_details_change'; kinds?: DangerKind[]; flagId?: string }) => void;
  /** A safeguarding flag was raised on any channel (webchat, e-mail, form, social): kinds and ids, never the words. */
  'safeguarding:flagged': (flag: { flagId: string; enquiryId: string; reference: string; chatId: string | null; channel: string; kinds: DangerKind[]; raisedAt: string }) => void;
  /** A supervisor reviewed a flag. */
  'safeguarding:reviewed': (flag: { flagId: string; status: 'open' | 'handled' | 'false_alarm' }) => void;
}
