import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Namespace } from 'socket.io';
import { ChatRelay, QUEUE_TICK_MS } from './chat-relay.js';
import type { ChatRouter } from './chat-router.js';
import type { ChatService } from './chat.service.js';

/**
 * The relay's queue updates against an in-memory queue: what matters here is the coordination (how many
 * updates run, and that every change is followed by an update that saw it) and who is told what.
 */
function relayWith(queue: string[]) {
  const runs: string[][] = [];
  const told: { chatId: string; position: number }[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const chats = {
    queue: async () => {
      const seen = [...queue];
      runs.push(seen);
      await gate;
      return { chatIds: seen, head: seen.map((chatId) => ({ chatId, waitingSince: '2026-11-29T09:00:00.000Z' })) };
    },
    averageHandlingSeconds: async () => 120,
  } as unknown as ChatService;
  const router = { route: async () => [] } as unknown as ChatRouter;
  const relay = new ChatRelay(chats, router);
  const room = (name: string) => ({
    emit: (event: string, update: { position: number }) => {
      if (event === 'chat:queue') told.push({ chatId: name.replace('chat:', ''), position: update.position });
    },
  });
  relay.attachWebchat({ to: room } as unknown as Namespace);
  relay.attachConsole({
    to: () => ({ emit: () => undefined }),
    in: () => ({ fetchSockets: async () => [{}, {}] }),
  } as unknown as Namespace);
  return {
    relay,
    runs,
    told,
    hold: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

describe('webchat queue updates', () => {
  it('coalesces a burst of changes into one more update, which sees them all', async () => {
    const queue = ['a'];
    const subject = relayWith(queue);
    subject.hold();
    const first = subject.relay.queueChanged('org');
    await new Promise((resolve) => setImmediate(resolve));
    queue.push('b', 'c', 'd');
    const burst = [subject.relay.queueChanged('org'), subject.relay.queueChanged('org'), subject.relay.queueChanged('org')];
    subject.release();
    await Promise.all([first, ...burst]);
    expect(subject.runs).toEqual([['a'], ['a', 'b', 'c', 'd']]);
  });

  it('tells each waiting citizen their place once, and again only when it moves', async () => {
    const queue = ['a', 'b', 'c'];
    const subject = relayWith(queue);
    await subject.relay.queueChanged('org');
    expect(subject.told).toEqual([
      { chatId: 'a', position: 1 },
      { chatId: 'b', position: 2 },
      { chatId: 'c', position: 3 },
    ]);
    queue.push('d');
    await subject.relay.queueChanged('org');
    expect(subject.told.slice(3)).toEqual([{ chatId: 'd', position: 4 }]);
    queue.shift();
    await subject.relay.queueChanged('org');
    expect(subject.told.slice(4)).toEqual([
      { chatId: 'b', position: 1 },
      { chatId: 'c', position: 2 },
      { chatId: 'd', position: 3 },
    ]);
    subject.relay.forgetPosition('org', 'c');
    await subject.relay.queueChanged('org');
    expect(subject.told.slice(7)).toEqual([{ chatId: 'c', position: 2 }]);
  });

  describe('queueChangedSoon', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('gathers the changes of one tick into one update, run after the tick, that sees them all', async () => {
      jest.useFakeTimers();
      const queue = ['a'];
      const subject = relayWith(queue);
      for (const chatId of ['b', 'c', 'd']) {
        queue.push(chatId);
        subject.relay.queueChangedSoon('org');
      }
      subject.relay.queueChangedSoon('other');
      expect(subject.runs).toEqual([]);
      await jest.advanceTimersByTimeAsync(QUEUE_TICK_MS);
      // One run per organisation (this fake serves the same queue to both), each citizen told once per run.
      expect(subject.runs).toEqual([
        ['a', 'b', 'c', 'd'],
        ['a', 'b', 'c', 'd'],
      ]);
      expect(subject.told.map((told) => told.chatId)).toEqual(['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd']);
    });

    it('runs again for changes after the tick, and not at all once the module is closed', async () => {
      jest.useFakeTimers();
      const subject = relayWith(['a']);
      subject.relay.queueChangedSoon('org');
      await jest.advanceTimersByTimeAsync(QUEUE_TICK_MS);
      subject.relay.queueChangedSoon('org');
      await jest.advanceTimersByTimeAsync(QUEUE_TICK_MS);
      expect(subject.runs).toHaveLength(2);
      subject.relay.queueChangedSoon('org');
      subject.relay.onModuleDestroy();
      await jest.advanceTimersByTimeAsync(QUEUE_TICK_MS * 2);
      expect(subject.runs).toHaveLength(2);
    });
  });
});
