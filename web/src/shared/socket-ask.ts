import type { Socket } from 'socket.io-client';
import type { SocketError } from '../../../src/contracts/chat-events.js';

// socket.io's own shape of an event map (an index signature of `any`), which the contract's interfaces satisfy.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Events = { [event: string]: any };

/** What an event's acknowledgement answers, from its event map (src/contracts/chat-events.ts). */
type Answer<Handler> = Handler extends (...args: infer Args) => void
  ? Args extends [...unknown[], (answer: infer Value) => void]
    ? Value
    : never
  : never;

/** What an event sends before its acknowledgement. */
type Payload<Handler> = Handler extends (...args: infer Args) => void
  ? Args extends [...infer Sent, (answer: never) => void]
    ? Sent
    : never
  : never;

export const isRefusal = (answer: object): answer is SocketError => 'error' in answer;

/**
 * Sends an event and waits for its acknowledgement, typed by the event map. socket.io-client types the answer of
 * `timeout().emitWithAck()` as `any` (its timeout decoration adds an error argument its answer type does not
 * expect), so the one cast is here rather than at every call.
 */
export function ask<Emit extends Events, Event extends keyof Emit & string>(
  socket: Socket<Events, Emit>,
  timeoutMs: number,
  event: Event,
  ...payload: Payload<Emit[Event]>
): Promise<Answer<Emit[Event]>> {
  return (socket.timeout(timeoutMs).emitWithAck as (event: string, ...args: unknown[]) => Promise<unknown>)(
    event,
    ...(payload as unknown[]),
  ) as Promise<Answer<Emit[Event]>>;
}
