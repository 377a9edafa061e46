import { useEffect, useRef, useState } from 'preact/hooks';
import { io } from 'socket.io-client';
import type { ChatLine } from '../../../src/contracts/chat-events.js';
import type { DangerKind, SafetyFlag } from '../../../src/contracts/safeguarding.js';
import { formatInstant } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { TextArea } from '../shared/govuk-form.js';
import { Link } from '../shared/router.js';
import { onTokenRenewed } from '../shared/session-renewal.js';
import { pathOf } from './console-routes.js';
import { ask, isRefusal } from '../shared/socket-ask.js';
import type { ConsoleSocket } from './console-socket.js';
import { dangerKindLabel } from './safeguarding-flags.js';

interface ActiveChat {
  chatId: string;
  enquiryId: string;
  lines: ChatLine[];
  citizenTyping: boolean;
  ended?: string;
  /** Safety rails tripped in this chat. */
  flags?: SafetyFlag[];
  /** What kinds of danger the words suggested, when the service says. */
  dangerKinds?: DangerKind[];
}

/** The banner for a flag: a danger flag names its kinds when the service gave them. */
export function flagWarning(flag: SafetyFlag, kinds: readonly string[] = []): string {
  if (flag === 'bank_details_change')
    return 'Likely fraud: a request to change a supplier’s bank details. Never change bank details from a chat; refer it to the finance team’s checks.';
  const named = kinds.length > 0 ? ` (${kinds.map(dangerKindLabel).join(', ')})` : '';
  return `Someone may be in immediate danger${named}. The citizen has been shown the 999 guidance; a supervisor has been alerted.`;
}

/** The live chat queue and the advisor's active chats over the `/console` socket. */
export function LiveChats({
  rememberWords,
  onConnection,
}: {
  /** Keeps what the citizen said for the enquiry panel opened from the chat (in memory, never in the address). */
  rememberWords: (enquiryId: string, words: string) => void;
  /** The console connection, for the other views that listen on it (safeguarding); undefined once closed. */
  onConnection?: (socket: ConsoleSocket | undefined) => void;
}) {
  const session = useSession();
  const socket = useRef<ConsoleSocket | undefined>(undefined);
  const [connected, setConnected] = useState(false);
  const [waiting, setWaiting] = useState<{ chatId: string; waitingSince: string }[]>([]);
  const [total, setTotal] = useState(0);
  const [chats, setChats] = useState<ActiveChat[]>([]);
  const [error, setError] = useState<string>();
  const typingTimers = useRef(new Map<string, number>());

  const update = (chatId: string, change: (chat: ActiveChat) => ActiveChat) =>
    setChats((current) => current.map((chat) => (chat.chatId === chatId ? change(chat) : chat)));
  const addLine = (chatId: string, line: ChatLine) =>
    update(chatId, (chat) =>
      chat.lines.some((known) => known.id === line.id)
        ? chat
        : { ...chat, lines: [...chat.lines, line], citizenTyping: line.from === 'citizen' ? false : chat.citizenTyping },
    );

  useEffect(() => {
    // Each (re)connection sends the newest token; the open connection is handed each renewed one.
    const connection: ConsoleSocket = io('/console', { transports: ['websocket'], auth: (send) => send({ token: session.accessToken }) });
    socket.current = connection;
    onConnection?.(connection);
    const stopHearing = onTokenRenewed((token) => void ask(connection, 15_000, 'auth:renew', { token }).catch(() => undefined));
    connection.on('connect', () => setConnected(true));
    connection.on('disconnect', () => setConnected(false));
    connection.on('connect_error', () => setError('The live chat connection was refused. Sign in again.'));
    connection.on('queue:updated', (update) => {
      setWaiting(update.waiting);
      setTotal(update.total);
    });
    connection.on('chat:message', (message) => addLine(message.chatId, message));
    connection.on('chat:typing', ({ chatId }) => {
      update(chatId, (chat) => ({ ...chat, citizenTyping: true }));
      window.clearTimeout(typingTimers.current.get(chatId));
      typingTimers.current.set(
        chatId,
        window.setTimeout(() => update(chatId, (chat) => ({ ...chat, citizenTyping: false })), 4000),
      );
    });
    connection.on('chat:ended', ({ chatId, reference }) => update(chatId, (chat) => ({ ...chat, ended: reference })));
    connection.on('chat:flagged', ({ chatId, kind, kinds }) =>
      update(chatId, (chat) => ({
        ...chat,
        flags: [...new Set([...(chat.flags ?? []), kind])],
        dangerKinds: kind === 'danger' && kinds ? [...new Set([...(chat.dangerKinds ?? []), ...kinds])] : chat.dangerKinds,
      })),
    );
    return () => {
      stopHearing();
      onConnection?.(undefined);
      connection.disconnect();
    };
  }, [session]);

  const accept = async (chatId: string) => {
    if (!socket.current) return;
    const answer = await ask(socket.current, 15_000, 'chat:accept', { chatId });
    if (isRefusal(answer)) return setError(answer.error);
    setError(undefined);
    // Words of danger while the chat waited: the banner shows from the moment the advisor takes it.
    const flagged = answer.dangerKinds.length > 0 ? { flags: ['danger' as const], dangerKinds: answer.dangerKinds } : {};
    setChats((current) => [
      ...current,
      { chatId, enquiryId: answer.enquiryId, lines: answer.transcript, citizenTyping: false, ...flagged },
    ]);
  };

  return (
    <>
      <h1 class="govuk-heading-l">Live chat</h1>
      <p class="govuk-body" aria-live="polite">
        {connected ? `Connected. ${total} waiting.` : 'Connecting…'}
      </p>
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      <div class="signpost-columns">
        <section aria-labelledby="queue-heading">
          <h2 class="govuk-heading-m" id="queue-heading">
            Waiting
          </h2>
          {waiting.length === 0 ? (
            <p class="govuk-body">Nobody is waiting.</p>
          ) : (
            <ul class="govuk-list" id="chat-queue">
              {waiting.map((entry, index) => (
                <li key={entry.chatId}>
                  Waiting since {formatInstant(entry.waitingSince)}{' '}
                  <button
                    type="button"
                    class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                    id={`accept-${index}`}
                    data-chat={entry.chatId}
                    onClick={() => void accept(entry.chatId)}
                  >
                    Accept<span class="govuk-visually-hidden"> chat {index + 1}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="active-heading">
          <h2 class="govuk-heading-m" id="active-heading">
            Your chats
          </h2>
          {chats.length === 0 && <p class="govuk-body">No active chats.</p>}
          {chats.map((chat, index) => (
            <ChatWindow
              key={chat.chatId}
              index={index}
              chat={chat}
              socket={socket.current}
              rememberWords={rememberWords}
              onClose={() => setChats((current) => current.filter((entry) => entry.chatId !== chat.chatId))}
              onSent={(line) => addLine(chat.chatId, line)}
            />
          ))}
        </section>
      </div>
    </>
  );
}

function ChatWindow(props: {
  index: number;
  chat: ActiveChat;
  socket?: ConsoleSocket;
  rememberWords: (id: string, words: string) => void;
  onClose: () => void;
  onSent: (line: ChatLine) => void;
}) {
  const { chat, socket } = props;
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const lastTyping = useRef(0);
  const id = (name: string) => `${name}-${props.index}`;
  const send = async () => {
    if (!text.trim()) return setError('Enter a message');
    if (!socket) return;
    const answer = await ask(socket, 15_000, 'chat:message', { chatId: chat.chatId, text: text.trim() });
    if (isRefusal(answer)) return setError(answer.error);
    props.onSent({ id: answer.id, seq: answer.seq, sentAt: answer.sentAt, from: 'advisor', text: text.trim() });
    setText('');
    setError(undefined);
  };
  return (
    <article class="signpost-panel govuk-!-margin-bottom-6" aria-labelledby={id('chat-heading')}>
      <h3 class="govuk-heading-s" id={id('chat-heading')}>
        Chat {props.index + 1}
        {chat.ended ? ` (ended, ${chat.ended})` : ''}
      </h3>
      {(chat.flags ?? []).map((kind) => (
        <div class="govuk-warning-text" key={kind} role="alert">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            {flagWarning(kind, kind === 'danger' ? chat.dangerKinds : [])}
          </strong>
        </div>
      ))}
      <div
        class="signpost-chat-log"
        role="log"
        aria-live="polite"
        aria-label={`Chat ${props.index + 1} conversation`}
        tabIndex={0}
        id={id('chat-log')}
      >
        {chat.lines.map((line) => (
          <p
            key={line.id}
            class={`signpost-chat-message signpost-chat-message--${line.from === 'advisor' ? 'citizen' : line.from === 'citizen' ? 'advisor' : 'system'} govuk-body`}
          >
            <span class="signpost-chat-message__meta">
              {line.from === 'advisor' ? 'You' : line.from === 'citizen' ? 'Citizen' : 'Signpost'}
            </span>
            {line.text}
          </p>
        ))}
      </div>
      <p class="govuk-body-s" aria-hidden="true">
        {chat.citizenTyping ? 'The citizen is typing…' : ' '}
      </p>
      {!chat.ended && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <TextArea
            id={id('reply')}
            label="Reply"
            rows={2}
            error={error}
            value={text}
            onInput={(value) => {
              setText(value);
              if (Date.now() - lastTyping.current > 2000) {
                lastTyping.current = Date.now();
                socket?.emit('chat:typing', { chatId: chat.chatId });
              }
            }}
          />
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" id={id('send')}>
              Send
            </button>
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              id={id('transfer')}
              onClick={async () => {
                if (!socket) return;
                const answer = await ask(socket, 15_000, 'chat:transfer', { chatId: chat.chatId });
                if (isRefusal(answer)) return setError(answer.error);
                props.onClose();
              }}
            >
              Back to the queue
            </button>
            <button
              type="button"
              class="govuk-button govuk-button--warning"
              id={id('end')}
              onClick={async () => {
                if (!socket) return;
                const answer = await ask(socket, 15_000, 'chat:end', { chatId: chat.chatId });
                if (isRefusal(answer)) return setError(answer.error);
                props.onClose();
              }}
            >
              End chat
            </button>
          </div>
        </form>
      )}
      <Link
        class="govuk-link"
        id={id('open-enquiry')}
        href={pathOf('enquiry', { id: chat.enquiryId })}
        state={{ from: 'chats' }}
        onFollow={() =>
          props.rememberWords(
            chat.enquiryId,
            chat.lines
              .filter((line) => line.from === 'citizen')
              .map((line) => line.text)
              .join('\n'),
          )
        }
      >
        Open the enquiry
      </Link>
    </article>
  );
}
