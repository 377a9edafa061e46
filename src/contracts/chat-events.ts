import type { CallRinging } from './calls.js';
import type { DangerKind, FlagRaised, FlagReviewed, SafetyFlag } from './safeguarding.js';
import type { SpecialCategory } from './special-category.js';
import type { ReplyAnswered } from './replies.js';

/**
 * The socket events of webchat: `/webchat` for citizens, `/console` for advisors. The payload types are what the
 * pages send; the service trusts none of them and validates every payload as it validates an HTTP body
 * (socket-payload.ts and the DTOs in channels/webchat/dto, which contracts-drift.spec.ts holds to these types).
 */

/** One line of a chat as both sides see it. */
export interface ChatLine {
  id: string;
  seq: number;
  from: 'citizen' | 'advisor' | 'system';
  text: string;
  sentAt: string;
}

/** What a socket event's acknowledgement carries when it is refused: the reason, and a stable code. */
export interface SocketError {
  error: string;
  code: string;
}

/** An event's acknowledgement: its answer, or the reason it was refused. */
export type Ack<T> = (answer: T | SocketError) => void;

/** The privacy notice a citizen accepted before the chat (or the message left) was taken. */
export interface ChatConsent {
  accepted: true;
  privacyNoticeVersion: string;
}

export interface ChatStart {
  organisation: string;
  consent: ChatConsent;
  name?: string;
  /** A service code such as blue-badge. */
  topic?: string;
}

/** Out of hours: a message left instead of a chat, logged as an enquiry. */
export interface MessageLeft {
  organisation: string;
  consent: ChatConsent;
  name: string;
  email?: string;
  phone?: string;
  text: string;
}

/** Explicit consent (Art. 9(2)(a)) asked for inside the chat before special category details are shared. */
export interface ChatSpecialConsent {
  categories: SpecialCategory[];
  explicitConsent: true;
}

export interface MessageSent {
  id: string;
  seq: number;
  sentAt: string;
}

export interface ChatEnded {
  reference: string;
  /** The conversation, for the citizen to keep. */
  transcript?: Omit<ChatLine, 'id'>[];
}

/** `/webchat`: what a citizen's page may send, and what it receives. */
export interface CitizenToServerEvents {
  'chat:start': (payload: ChatStart, ack: Ack<{ chatId: string; reference: string; resumeToken: string; queuePosition: number }>) => void;
  'chat:message': (payload: { text: string }, ack: Ack<MessageSent>) => void;
  'chat:consent': (payload: ChatSpecialConsent, ack: Ack<{ recorded: true }>) => void;
  /** When the words suggest danger, the answer carries the emergency guidance at once. */
  'chat:leave-message': (payload: MessageLeft, ack: Ack<{ reference: string; guidance?: string; dangerKinds?: DangerKind[] }>) => void;
  'chat:typing': () => void;
  'chat:end': (ack: Ack<ChatEnded>) => void;
}

export interface ServerToCitizenEvents {
  'chat:message': (message: ChatLine) => void;
  'chat:queue': (update: { position: number; estimatedWaitSeconds: number }) => void;
  'chat:assigned': (update: { advisorName: string }) => void;
  'chat:typing': (update: { from: 'advisor' }) => void;
  'chat:ended': (update: ChatEnded) => void;
}

/** `/console`: what an advisor's console may send, and what it receives. */
export interface ConsoleToServerEvents {
  /** The answer names the kinds of danger the citizen's words suggested while the chat waited. */
  'chat:accept': (
    payload: { chatId: string },
    ack: Ack<{ chatId: string; enquiryId: string; transcript: ChatLine[]; dangerKinds: DangerKind[] }>,
  ) => void;
  'chat:message': (payload: { chatId: string; text: string }, ack: Ack<MessageSent>) => void;
  /** Back to the queue, or to the advisor named. */
  'chat:transfer': (
    payload: { chatId: string; toAdvisorId?: string },
    ack: Ack<{ chatId: string; status: 'queued' | 'active'; advisorName?: string }>,
  ) => void;
  'chat:end': (payload: { chatId: string }, ack: Ack<ChatEnded & { chatId: string }>) => void;
  'chat:typing': (payload: { chatId: string }) => void;
  'presence:set': (payload: { status: 'available' | 'away' }, ack: Ack<{ status: 'available' | 'away' }>) => void;
  /** The advisor's renewed access token (POST /api/auth/refresh), so the open connection outlives the old one. */
  'auth:renew': (payload: { token: string }, ack: Ack<{ renewed: true }>) => void;
}

export interface ServerToConsoleEvents {
  /** The oldest waiting chats (at most 200) and how many wait in all. */
  'queue:updated': (update: { waiting: { chatId: string; waitingSince: string }[]; total: number }) => void;
  'chat:offer': (offer: { chatId: string; expiresInSeconds: number }) => void;
  'chat:message': (message: ChatLine & { chatId: string }) => void;
  'chat:typing': (update: { chatId: string; from: 'citizen' }) => void;
  'chat:ended': (update: { chatId: string; reference: string }) => void;
  /**
   * A safety rail tripped in a chat: `danger` (emergency guidance was shown to the citizen; supervisors take a look)
   * or `bank_details_change` (a likely fraud pattern: never change a supplier's bank details from a chat).
   */
  'chat:flagged': (flag: { chatId: string; kind: SafetyFlag; kinds?: DangerKind[]; flagId?: string }) => void;
  /** A safeguarding flag was raised on any channel (webchat, e-mail, form, social): kinds and ids, never the words. */
  'safeguarding:flagged': (flag: FlagRaised) => void;
  /** A supervisor reviewed a flag. */
  'safeguarding:reviewed': (flag: FlagReviewed) => void;
  /** A citizen answered a reply (e-mail or text): to the advisor who sent it; the enquiry reopened if it was resolved. */
  'reply:answered': (answer: ReplyAnswered) => void;
  /** A call is ringing at this advisor's phone: who is calling, their earlier contact and open enquiries (no free text). */
  'call:ringing': (call: CallRinging) => void;
  /** Automatic assignment gave this advisor an e-mail, form or social enquiry (ids only): it is on their My work list. */
  'work:assigned': (work: WorkAssigned) => void;
}

/** An enquiry automatic assignment gave an advisor (`work:assigned`). */
export interface WorkAssigned {
  enquiryId: string;
  reference: string;
}
